import { useEffect, useId, useRef } from 'react'
import type { PublicConcern } from '../concerns/api.ts'
import { categoryLabel, dayChoices, monthLabel, statusLabel, timeBandLabel } from '../concerns/vocabulary.ts'

type Props = { concerns: PublicConcern[]; onClose: () => void }

/**
 * What the public may know of the concerns at one spot, never their text or precise point.
 * Concerns in one ~100 m cell are drawn on one point, so a click opens all of them.
 */
export function ConcernCard({ concerns, onClose }: Props) {
  const title = useId()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [concerns.map((c) => c.id).join()])
  const one = concerns.length === 1 ? concerns[0]! : null
  return (
    <section className="sheet card" aria-labelledby={title} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="sheet-head">
        <h2 id={title}>
          {one ? categoryLabel(one.category) : `${concerns.length} concerns reported here`}
          {one?.sample && <span className="badge">sample</span>}
        </h2>
        <button ref={close} type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {one ? (
        <Facts concern={one} />
      ) : (
        <ul className="cell-concerns">
          {concerns.map((c) => (
            <li key={c.id}>
              <h3>
                {categoryLabel(c.category)}
                {c.sample && <span className="badge">sample</span>}
              </h3>
              <Facts concern={c} />
            </li>
          ))}
        </ul>
      )}
      {concerns.some((c) => c.sample) && <p className="note">Sample data for the demonstration, not a real report.</p>}
      <p className="note">Shown at about 100 m, by month, so that no one can be traced from it.</p>
    </section>
  )
}

function Facts({ concern }: { concern: PublicConcern }) {
  const days = dayChoices.find((d) => d.slug === concern.days)?.label
  return (
    <dl className="facts">
      <dt>When</dt>
      <dd>
        {concern.timeBands.map(timeBandLabel).join(', ')}
        {days && concern.days !== 'any' ? ` · ${days}` : ''}
      </dd>
      <dt>Reported</dt>
      <dd>{monthLabel(concern.month)}</dd>
      <dt>Support</dt>
      <dd>
        {concern.supportCount} {concern.supportCount === 1 ? 'person' : 'people'} said "me too"
      </dd>
      <dt>Status</dt>
      <dd>{statusLabel(concern.status)}</dd>
      {concern.publicSummary && (
        <>
          <dt>Summary</dt>
          <dd>{concern.publicSummary}</dd>
        </>
      )}
      {concern.publicResponse && (
        <>
          <dt>Police response</dt>
          <dd>{concern.publicResponse}</dd>
        </>
      )}
    </dl>
  )
}
