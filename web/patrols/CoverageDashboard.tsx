import { useId } from 'react'
import { timeBandLabel, timeBands } from '../concerns/vocabulary.ts'
import { londonWhenText } from '../time-words.ts'
import { calendarUrl, type Coverage, type Hotspot } from './officer-api.ts'
import { thisWeek, weekText } from './week.ts'
import { capitalise, minutesText, percentText, weightText } from './words.ts'

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
        <span className="muted">
          ({weightText(coveredWeight)} of {weightText(weight)})
        </span>
      </span>
    </div>
  )
}

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
        <h2 id={`${ids}-title`}>Coverage</h2>
        <div className="row week-picker">
          <label htmlFor={`${ids}-week`}>Week</label>
          <input id={`${ids}-week`} type="week" value={week} onChange={(e) => e.target.value && onWeek(e.target.value)} />
          {week !== thisWeek() && (
            <button type="button" onClick={() => onWeek(thisWeek())}>
              This week
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
            <ShareBar label="All concerns" share={coverage.coveredShare} weight={coverage.totalWeight} coveredWeight={coverage.coveredWeight} testId="coverage-share" />
          </div>
          <div className="share-bands">
            {timeBands.map((band) => {
              const b = coverage.byTimeBand[band.slug]
              return b ? <ShareBar key={band.slug} label={band.label} share={b.share} weight={b.weight} coveredWeight={b.coveredWeight} /> : null
            })}
          </div>
          <p className="hint">
            A concern is covered when a patrol passes within {coverage.coverageMetres} m of it during its time of day. Weights are support counts.
          </p>

          <h3 id={`${ids}-hotspots`}>Hot spots, most uncovered first</h3>
          {hotspots.length === 0 ? (
            <p className="muted">No hot spots in this area.</p>
          ) : (
            <ol className="hotspot-list" aria-labelledby={`${ids}-hotspots`} data-testid="hotspot-list">
              {hotspots.map((h) => {
                const p = h.properties
                return (
                  <li key={p.rank} id={itemId(p.rank)}>
                    <button type="button" className="item" aria-pressed={p.rank === selectedRank} onClick={() => onSelectHotspot(h)}>
                      <span className="hotspot-rank">{p.rank}</span>
                      <span>
                        {p.place && (
                          <>
                            <span className="hotspot-place">{capitalise(p.place)}</span>
                            <br />
                          </>
                        )}
                        <strong>
                          {weightText(p.uncoveredWeight)} of {weightText(p.weight)} uncovered
                        </strong>{' '}
                        <span className="muted">
                          · {p.concerns} concerns · {p.timeBands.map(timeBandLabel).join(', ')}
                          {p.days !== 'any' ? ` (${p.days})` : ''}
                        </span>
                        <br />
                        Patrolled {minutesText(p.patrolMinutes)} this week · Dosage {p.meetsDosage ? 'met: yes' : 'met: no'}
                      </span>
                    </button>
                  </li>
                )
              })}
            </ol>
          )}

          <h3>Sessions this week</h3>
          {coverage.sessions.length === 0 ? (
            <p className="muted">No patrol sessions this week.</p>
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
              Export calendar (.ics)
            </a>
          </p>
        </>
      )}
    </section>
  )
}
