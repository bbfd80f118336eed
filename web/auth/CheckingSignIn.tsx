import { t } from '../i18n/intl.ts'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/** What a signed-in page shows while it asks the server who is signed in. */
export function CheckingSignIn() {
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="page">
      <p aria-live="polite">{t('auth.checking')}</p>
    </main>
  )
}
