import { Link } from 'react-router'
import { isOfficer, type User } from '../auth/session.ts'
import { SignInForm } from '../auth/SignInForm.tsx'
import { t } from '../i18n/intl.ts'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/** The product's name, the same in every language. */
const PRODUCT = 'Common Ground'

/** The officers' sign-in; an account of another role is told it cannot moderate. */
export function OfficerSignIn({ signedInAs }: { signedInAs: User | null }) {
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="page narrow">
      <p>
        <Link to="/">{t('officer.signIn.backToMap', { product: PRODUCT })}</Link>
      </p>
      <h1>{t('officer.signIn.title')}</h1>
      {signedInAs && <p className="note">{t('officer.signIn.otherAccount', { email: signedInAs.email })}</p>}
      <SignInForm accepts={isOfficer} refusal={t('officer.signIn.refusal')} primary />
    </main>
  )
}
