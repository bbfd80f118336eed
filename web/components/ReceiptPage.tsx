import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { ApiFailure } from '../api/client.ts'
import { fetchReceipt } from '../concerns/api.ts'
import { categoryLabel, monthLabel, statusLabel, statuses } from '../concerns/vocabulary.ts'
import { sessionText } from '../patrols/public-words.ts'
import { placeText } from '../places/words.ts'

/** /receipt/<token>: what became of a report, for whoever holds its receipt. No account. */
export function ReceiptPage() {
  const token = useParams().token ?? ''
  const looked = useQuery({ queryKey: ['concerns', 'receipt', token], queryFn: () => fetchReceipt(token), retry: false })
  const receipt = looked.data
  const problem = looked.error
    ? looked.error instanceof ApiFailure && looked.error.status === 404
      ? 'No report has this receipt. Check that the whole link was copied.'
      : 'The report could not be looked up just now. Please try again later.'
    : undefined

  const step = receipt ? statuses.findIndex((s) => s.slug === receipt.status) : -1
  return (
    <main className="page">
      <p>
        <Link to="/">← Common Ground map</Link>
      </p>
      <h1>Your report</h1>
      {!receipt && !problem && <p aria-live="polite">Looking up your report…</p>}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {receipt && (
        <>
          <dl className="facts">
            <dt>What</dt>
            <dd>{categoryLabel(receipt.category)}</dd>
            <dt>Where</dt>
            <dd data-testid="receipt-place">{placeText(receipt.place)}</dd>
            <dt>Reported</dt>
            <dd>{monthLabel(receipt.month)}</dd>
            <dt>Status</dt>
            <dd data-testid="receipt-status">{statusLabel(receipt.status)}</dd>
            <dt>Support</dt>
            <dd>
              {receipt.supportCount} {receipt.supportCount === 1 ? 'person' : 'people'} said "me too"
            </dd>
          </dl>
          <ol className="steps" aria-label="Progress">
            {statuses.map((s, i) => (
              <li key={s.slug} className={i <= step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
                {s.label}
              </li>
            ))}
          </ol>
          <section aria-labelledby="response-heading">
            <h2 id="response-heading">What the police say</h2>
            {receipt.publicSummary && <p className="summary">{receipt.publicSummary}</p>}
            {receipt.publicResponse ? (
              <blockquote className="response">{receipt.publicResponse}</blockquote>
            ) : (
              <p className="muted">No response yet. Come back to this link later.</p>
            )}
            {receipt.linked.length > 0 && (
              <ul className="linked-patrols" data-testid="receipt-patrols">
                {receipt.linked.map((patrol, i) => (
                  <li key={i}>
                    A reassurance patrol now passes here: <strong>{patrol.title}</strong> — {patrol.scheduleText}
                    {patrol.nextSessions[0] ? `; next on ${sessionText(patrol.nextSessions[0])}` : ''}.
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
