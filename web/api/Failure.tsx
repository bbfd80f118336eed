import { t } from '../i18n/intl.ts'
import { failureText } from './failure-words.ts'

/** A failed load or send, in words, with a way to try again (the server down or slow, the phone offline). */
export function Failure({ error, text, onRetry }: { error: unknown; text?: string; onRetry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{text ?? failureText(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.tryAgain')}
        </button>
      )}
    </div>
  )
}
