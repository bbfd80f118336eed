import { useEffect, useId, useRef } from 'react'
import type { PublicConcern } from '../concerns/api.ts'
import { categoryLabel, dayChoices, monthLabel, statusLabel, supportText, timeBandsText } from '../concerns/vocabulary.ts'
import { t } from '../i18n/intl.ts'

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
          {one ? categoryLabel(one.category) : t('map.card.several', { count: concerns.length })}
          {one?.sample && <span className="badge">{t('map.card.sample')}</span>}
        </h2>
        <button ref={close} type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
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
                {c.sample && <span className="badge">{t('map.card.sample')}</span>}
              </h3>
              <Facts concern={c} />
            </li>
          ))}
        </ul>
      )}
      {concerns.some((c) => c.sample) && <p className="note">{t('map.card.sampleNote')}</p>}
      <p className="note">{t('map.card.privacy')}</p>
    </section>
  )
}

function Facts({ concern }: { concern: PublicConcern }) {
  const days = dayChoices.find((d) => d.slug === concern.days)?.label
  const bands = timeBandsText(concern.timeBands)
  return (
    <dl className="facts">
      <dt>{t('map.card.when')}</dt>
      <dd>{days && concern.days !== 'any' ? t('map.card.bandsOnDays', { bands, days }) : bands}</dd>
      <dt>{t('map.card.reported')}</dt>
      <dd>{monthLabel(concern.month)}</dd>
      <dt>{t('map.card.support')}</dt>
      <dd>{supportText(concern.supportCount)}</dd>
      <dt>{t('map.card.status')}</dt>
      <dd>{statusLabel(concern.status)}</dd>
      {concern.publicSummary && (
        <>
          <dt>{t('map.card.summary')}</dt>
          <dd>{concern.publicSummary}</dd>
        </>
      )}
      {concern.publicResponse && (
        <>
          <dt>{t('map.card.response')}</dt>
          <dd>{concern.publicResponse}</dd>
        </>
      )}
    </dl>
  )
}
