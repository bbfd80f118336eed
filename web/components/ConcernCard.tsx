import { useEffect, useId, useRef } from 'react'
import type { PublicConcern } from '../api.ts'
import { categoryLabel, dayChoices, monthLabel, statusLabel, timeBandLabel } from '../concerns/vocabulary.ts'

type Props = { concern: PublicConcern; onClose: () => void }

/** What the public may know of one concern: never its text or precise point. */
export function ConcernCard({ concern, onClose }: Props) {
  const title = useId()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [concern.id])
  const days = dayChoices.find((d) => d.slug === concern.days)?.label
  return (
    <section className="sheet card" aria-labelledby={title} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="sheet-head">
        <h2 id={title}>
          {categoryLabel(concern.category)}
          {concern.sample && <span className="badge">sample</span>}
        </h2>
        <button ref={close} type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
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
      {concern.sample && <p className="note">Sample data for the demonstration, not a real report.</p>}
      <p className="note">Shown at about 100 m, by month, so that no one can be traced from it.</p>
    </section>
  )
}
