import { useId } from 'react'
import { concernLegend } from '../map/legend.ts'
import { Legend } from './Legend.tsx'
import type { ClusterCollection, ClusterFeature, ConcernFilter, PublicConcern } from '../concerns/api.ts'
import { categoryGroups, categoryLabel, monthLabel, timeBands, type Category, type TimeBand } from '../concerns/vocabulary.ts'

type Props = {
  filter: ConcernFilter
  onFilterChange: (filter: ConcernFilter) => void
  heatmap: boolean
  onHeatmapChange: (on: boolean) => void
  /** What the map shows now, listed for keyboard and screen-reader users. */
  inView?: ClusterCollection
  onZoomTo: (feature: ClusterFeature) => void
  onSelect: (concern: PublicConcern) => void
}

const MAX_LISTED = 50

/** The panel's section on residents' concerns: filters and the heat-map switch. */
export function ConcernControls({ filter, onFilterChange, heatmap, onHeatmapChange, inView, onZoomTo, onSelect }: Props) {
  const id = useId()
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Residents' concerns</h2>
      <p className="note">Where people say they feel unsafe. Tap a circle to zoom in or read one.</p>
      <Legend entries={concernLegend} />
      <div className="stack">
        <label htmlFor={`${id}-category`}>What</label>
        <select
          id={`${id}-category`}
          value={filter.category ?? ''}
          onChange={(e) => onFilterChange({ ...filter, category: e.target.value as Category | '' })}
        >
          <option value="">Every kind</option>
          {categoryGroups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label htmlFor={`${id}-band`}>When</label>
        <select
          id={`${id}-band`}
          value={filter.timeBand ?? ''}
          onChange={(e) => onFilterChange({ ...filter, timeBand: e.target.value as TimeBand | '' })}
        >
          <option value="">Any time</option>
          {timeBands.map((b) => (
            <option key={b.slug} value={b.slug}>
              {b.label} ({b.hours})
            </option>
          ))}
        </select>
      </div>
      <label className="toggle" htmlFor={`${id}-heat`}>
        <input id={`${id}-heat`} type="checkbox" checked={heatmap} onChange={(e) => onHeatmapChange(e.target.checked)} />
        Show as a heat map
      </label>
      {inView && (
        <details className="in-view">
          <summary>List what is in view ({inView.features.length})</summary>
          <ul>
            {inView.features.slice(0, MAX_LISTED).map((feature, i) => {
              const p = feature.properties
              return (
                <li key={p.cluster ? `c${p.clusterId}` : `p${p.id ?? i}`}>
                  {p.cluster ? (
                    <button type="button" className="link" onClick={() => onZoomTo(feature)}>
                      {p.pointCount} concerns here: zoom in
                    </button>
                  ) : (
                    <button type="button" className="link" onClick={() => onSelect(p)}>
                      {categoryLabel(p.category)}, {monthLabel(p.month)}
                      {p.sample ? ' (sample)' : ''}
                    </button>
                  )}
                </li>
              )
            })}
          </ul>
          {inView.features.length > MAX_LISTED && <p className="note">Zoom in to list the rest.</p>}
        </details>
      )}
    </section>
  )
}
