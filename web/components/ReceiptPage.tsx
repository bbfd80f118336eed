import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { ApiFailure } from '../api/client.ts'
import { Failure } from '../api/Failure.tsx'
import { fetchReceipt } from '../concerns/api.ts'
import { categoryLabel, monthLabel, statusLabel, statuses, supportText } from '../concerns/vocabulary.ts'
import { rich, t } from '../i18n/intl.ts'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'
import { scheduleWords, sessionText } from '../patrols/public-words.ts'
import { placeText } from '../places/words.ts'
import { CONTENT_ID } from './SkipLink.tsx'

/** /receipt/<token>: what became of a report, for whoever holds its receipt. No account. */
export function ReceiptPage() {
  const token = useParams().token ?? ''
  const looked = useQuery({ queryKey: ['concerns', 'receipt', token], queryFn: () => fetchReceipt(token), retry: false })
  const receipt = looked.data
  // No such receipt is no fault of the connection: asking again would not help.
  const unknown = looked.error instanceof ApiFailure && looked.error.status === 404

  const step = receipt ? statuses.findIndex((s) => s.slug === receipt.status) : -1
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="page">
      <header className="page-head">
        <Link to="/">{t('common.backToMap', { name: 'Common Ground' })}</Link>
        <LanguageSwitcher />
      </header>
      <h1>{t('receipt.title')}</h1>
      {looked.isPending && <p aria-live="polite">{t('receipt.looking')}</p>}
      {looked.isError && (
        <Failure error={looked.error} text={unknown ? t('receipt.unknown') : undefined} onRetry={unknown ? undefined : () => void looked.refetch()} />
      )}
      {receipt && (
        <>
          <dl className="facts">
            <dt>{t('receipt.what')}</dt>
            <dd>{categoryLabel(receipt.category)}</dd>
            <dt>{t('receipt.where')}</dt>
            <dd data-testid="receipt-place">{placeText(receipt.place)}</dd>
            <dt>{t('receipt.reported')}</dt>
            <dd>{monthLabel(receipt.month)}</dd>
            <dt>{t('receipt.status')}</dt>
            <dd data-testid="receipt-status">{statusLabel(receipt.status)}</dd>
            <dt>{t('receipt.support')}</dt>
            <dd>{supportText(receipt.supportCount)}</dd>
          </dl>
          <ol className="steps" aria-label={t('receipt.progress')}>
            {statuses.map((s, i) => (
              <li key={s.slug} className={i <= step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
                {s.label}
              </li>
            ))}
          </ol>
          <section aria-labelledby="response-heading">
            <h2 id="response-heading">{t('receipt.response')}</h2>
            {receipt.publicSummary && <p className="summary">{receipt.publicSummary}</p>}
            {receipt.publicResponse ? (
              <blockquote className="response">{receipt.publicResponse}</blockquote>
            ) : (
              <p className="muted">{t('receipt.noResponse')}</p>
            )}
            {receipt.linked.length > 0 && (
              <ul className="linked-patrols" data-testid="receipt-patrols">
                {receipt.linked.map((patrol, i) => (
                  <li key={i}>
                    {rich(patrol.nextSessions[0] ? 'receipt.patrolNext' : 'receipt.patrol', {
                      title: patrol.title,
                      schedule: scheduleWords(patrol.schedule),
                      next: patrol.nextSessions[0] ? sessionText(patrol.nextSessions[0]) : '',
                      strong: (chunks) => <strong>{chunks}</strong>,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  )
}
