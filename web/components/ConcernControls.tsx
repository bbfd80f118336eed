import { useId } from 'react'
import { concernLegend } from '../map/legend.ts'
import { Legend } from './Legend.tsx'
import type { ClusterCollection, ClusterFeature, ConcernFilter, PublicConcern } from '../concerns/api.ts'
import { categoryGroups, categoryLabel, monthLabel, timeBandLabel, timeBands, type Category, type TimeBand } from '../concerns/vocabulary.ts'
import { t } from '../i18n/intl.ts'

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
      <h2 id={`${id}-title`}>{t('map.concerns.title')}</h2>
      <p className="note">{t('map.concerns.note')}</p>
      <Legend entries={concernLegend} />
      <div className="stack">
        <label htmlFor={`${id}-category`}>{t('map.concerns.what')}</label>
        <select
          id={`${id}-category`}
          value={filter.category ?? ''}
          onChange={(e) => onFilterChange({ ...filter, category: e.target.value as Category | '' })}
        >
          <option value="">{t('map.concerns.everyKind')}</option>
          {categoryGroups.map((group) => (
            <optgroup key={group.hint} label={group.label}>
              {group.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label htmlFor={`${id}-band`}>{t('map.concerns.when')}</label>
        <select
          id={`${id}-band`}
          value={filter.timeBand ?? ''}
          onChange={(e) => onFilterChange({ ...filter, timeBand: e.target.value as TimeBand | '' })}
        >
          <option value="">{t('map.concerns.anyTime')}</option>
          {timeBands.map((b) => (
            <option key={b.slug} value={b.slug}>
              {timeBandLabel(b.slug)}
            </option>
          ))}
        </select>
      </div>
      <label className="toggle" htmlFor={`${id}-heat`}>
        <input id={`${id}-heat`} type="checkbox" checked={heatmap} onChange={(e) => onHeatmapChange(e.target.checked)} />
        {t('map.concerns.heatmap')}
      </label>
      {inView && (
        <details className="in-view">
          <summary>{t('map.inView.list', { count: inView.features.length })}</summary>
          <ul>
            {inView.features.slice(0, MAX_LISTED).map((feature, i) => {
              const p = feature.properties
              return (
                <li key={p.cluster ? `c${p.clusterId}` : `p${p.id ?? i}`}>
                  {p.cluster ? (
                    <button type="button" className="link" onClick={() => onZoomTo(feature)}>
                      {t('map.inView.cluster', { count: p.pointCount })}
                    </button>
                  ) : (
                    <button type="button" className="link" onClick={() => onSelect(p)}>
                      {t(p.sample ? 'map.inView.sampleConcern' : 'map.inView.concern', { category: categoryLabel(p.category), month: monthLabel(p.month) })}
                    </button>
                  )}
                </li>
              )
            })}
          </ul>
          {inView.features.length > MAX_LISTED && <p className="note">{t('map.inView.more')}</p>}
        </details>
      )}
    </section>
  )
}
