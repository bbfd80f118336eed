import { useId } from 'react'
import { timeBandLabel, timeBands } from '../concerns/vocabulary.ts'
import { intl, t } from '../i18n/intl.ts'
import { distanceText } from '../routes/words.ts'
import { londonWhenText } from '../time-words.ts'
import { calendarUrl, type Coverage, type Hotspot } from './officer-api.ts'
import { thisWeek, weekText } from './week.ts'
import { minutesText, percentText, placeLine, weightText } from './words.ts'

type Props = {
  week: string
  onWeek: (week: string) => void
  coverage: Coverage | undefined
  loading: boolean
  problem: string | null
  selectedRank: number | null
  onSelectHotspot: (hotspot: Hotspot) => void
  /** The list item's id for a rank, so that a click on the map can scroll to it. */
  itemId: (rank: number) => string
}

/** A share as a bar with its number beside it: the number is what is read, the bar is a glance. */
function ShareBar({ label, share, weight, coveredWeight, testId }: { label: string; share: number | null; weight: number; coveredWeight: number; testId?: string }) {
  return (
    <div className="share-row" data-testid={testId} data-share={share ?? ''}>
      <span className="share-label">{label}</span>
      <span className="share-bar" aria-hidden="true">
        <span style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
      </span>
      <span className="share-number">
        <strong>{percentText(share)}</strong>{' '}
        <span className="muted">{t('patrols.coverage.ofWeight', { covered: weightText(coveredWeight), weight: weightText(weight) })}</span>
      </span>
    </div>
  )
}

/** "3 concerns · Evening (5pm to 10pm), weekdays only": what a hot spot's concerns are, and when. */
const hotspotFacts = (p: Hotspot['properties']): string =>
  t('patrols.hotspot.facts', { count: p.concerns, bands: intl().formatList(p.timeBands.map(timeBandLabel)), days: p.days })

/**
 * The week's coverage: the share of weighted concerns that patrols pass during their time bands,
 * overall and by time band; the hot spots ranked by what is still uncovered; the week's sessions.
 */
export function CoverageDashboard({ week, onWeek, coverage, loading, problem, selectedRank, onSelectHotspot, itemId }: Props) {
  const ids = useId()
  const hotspots = coverage?.hotspots.features ?? []
  return (
    <section className="coverage" aria-labelledby={`${ids}-title`} aria-busy={loading}>
      <div className="patrol-section-head">
        <h2 id={`${ids}-title`}>{t('patrols.coverage.title')}</h2>
        <div className="row week-picker">
          <label htmlFor={`${ids}-week`}>{t('patrols.coverage.week')}</label>
          <input id={`${ids}-week`} type="week" value={week} onChange={(e) => e.target.value && onWeek(e.target.value)} />
          {week !== thisWeek() && (
            <button type="button" onClick={() => onWeek(thisWeek())}>
              {t('patrols.coverage.thisWeek')}
            </button>
          )}
        </div>
      </div>
      <p className="muted">{weekText(week)}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {coverage && (
        <>
          <div aria-live="polite">
            <ShareBar label={t('patrols.coverage.all')} share={coverage.coveredShare} weight={coverage.totalWeight} coveredWeight={coverage.coveredWeight} testId="coverage-share" />
          </div>
          <div className="share-bands">
            {timeBands.map((band) => {
              const b = coverage.byTimeBand[band.slug]
              return b ? <ShareBar key={band.slug} label={band.label} share={b.share} weight={b.weight} coveredWeight={b.coveredWeight} /> : null
            })}
          </div>
          <p className="hint">{t('patrols.coverage.explained', { distance: distanceText(coverage.coverageMetres) })}</p>

          <h3 id={`${ids}-hotspots`}>{t('patrols.hotspots.title')}</h3>
          {hotspots.length === 0 ? (
            <p className="muted">{t('patrols.hotspots.none')}</p>
          ) : (
            <ol className="hotspot-list" aria-labelledby={`${ids}-hotspots`} data-testid="hotspot-list">
              {hotspots.map((h) => {
                const p = h.properties
                return (
                  <li key={p.id} id={itemId(p.rank)}>
                    <button type="button" className="item" aria-pressed={p.rank === selectedRank} onClick={() => onSelectHotspot(h)}>
                      <span className="hotspot-rank">{p.rank}</span>
                      <span>
                        {p.placeName && (
                          <>
                            <span className="hotspot-place">{placeLine(p.placeName)}</span>
                            <br />
                          </>
                        )}
                        <strong>{t('patrols.hotspot.uncovered', { uncovered: weightText(p.uncoveredWeight), weight: weightText(p.weight) })}</strong>{' '}
                        <span className="muted">· {hotspotFacts(p)}</span>
                        <br />
                        {t('patrols.hotspot.patrolled', { minutes: minutesText(p.patrolMinutes), met: p.meetsDosage ? 'yes' : 'no' })}
                      </span>
                    </button>
                  </li>
                )
              })}
            </ol>
          )}

          <h3>{t('patrols.sessions.title')}</h3>
          {coverage.sessions.length === 0 ? (
            <p className="muted">{t('patrols.sessions.none')}</p>
          ) : (
            <ul className="session-list">
              {coverage.sessions.map((s) => (
                <li key={`${s.patrolId}-${s.start}`}>
                  {londonWhenText(s.start, s.end)} · {s.title}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={calendarUrl(coverage.from, coverage.to)} download={`patrols-${coverage.week}.ics`}>
              {t('patrols.sessions.export')}
            </a>
          </p>
        </>
      )}
    </section>
  )
}
