import { Link } from 'react-router'
import { isOrganiser, useMe } from '../auth/session.ts'
import { SignInForm } from '../auth/SignInForm.tsx'
import { t } from '../i18n/intl.ts'
import { PRODUCT } from './words.ts'
import './clubs.css'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/** Sign-in for club organisers, folded away in the route planner; the officers' page admits officers only. */
export function ClubSignIn() {
  const user = useMe()
  return (
    <details className="club-sign-in">
      <summary>{t('clubs.signIn.summary')}</summary>
      {user && <p className="hint">{t('clubs.signIn.noLibrary', { email: user.email })}</p>}
      <SignInForm accepts={isOrganiser} refusal={t('clubs.signIn.refusal')} />
    </details>
  )
}

/** The club page's sign-in, open. */
export function ClubPageSignIn() {
  const user = useMe()
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="page narrow">
      <p>
        <Link to="/">{t('clubs.backToMap', { product: PRODUCT })}</Link>
      </p>
      <h1>{t('clubs.signIn.title')}</h1>
      <p className="note">{t('clubs.signIn.note')}</p>
      {user && <p className="note">{t('clubs.signIn.noLibrary', { email: user.email })}</p>}
      <SignInForm accepts={isOrganiser} refusal={t('clubs.signIn.refusal')} primary />
    </main>
  )
}
