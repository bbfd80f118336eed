import { t } from '../i18n/intl.ts'

/** What a signed-in page shows while it asks the server who is signed in. */
export function CheckingSignIn() {
  return (
    <main className="page">
      <p aria-live="polite">{t('auth.checking')}</p>
    </main>
  )
}
