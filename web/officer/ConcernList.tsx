import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useId, useState } from 'react'
import { bboxFits, type Bbox } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { fetchOfficerConcerns, officerConcernsUrl, type OfficerConcern, type OfficerQuery } from '../concerns/api.ts'
import { categoryLabel, statusLabel, statuses, type Status } from '../concerns/vocabulary.ts'
import { t } from '../i18n/intl.ts'
import { useMapInfo } from '../map/info.ts'
import { useMapView } from '../map/use-map-view.ts'
import { fetchPatrols } from '../patrols/officer-api.ts'
import { PlaceWordsText } from '../places/PlaceWordsText.tsx'
import { londonWhenText } from '../time-words.ts'
import { ConcernEditor } from './ConcernEditor.tsx'
import { UndoBar, type Undoable } from './UndoBar.tsx'
import { useOfficerConcernMap } from './use-officer-concern-map.ts'

type Props = {
  map: MapLibreMap | null
  selected: number | null
  onSelect: (id: number | null) => void
  /** The button that starts a walk-and-talk (it takes the focus back when the walk ends). */
  walkButton: React.ReactNode
}

/** Concerns to moderate: filters, exports, the list (each opening its editor) and its map. */
export function ConcernList({ map, selected, onSelect, walkButton }: Props) {
  const id = useId()
  const { settings } = useMapInfo()
  const [query, setQuery] = useState<OfficerQuery>({ status: '', includeHidden: false, includeSamples: false })
  const [inView, setInView] = useState(false)
  const [lastChange, setLastChange] = useState<Undoable | null>(null)
  // The map's view, for "only concerns in the map view" (followed only while that is asked for).
  const area = useMapView(map, 0, inView)?.bbox ?? null
  // The server filters by a view of at most settings.maxBboxDegrees.list a side; a wider one is filtered here.
  const fits = (bbox: Bbox | null) => bbox !== null && settings !== undefined && bboxFits(bbox, settings.maxBboxDegrees.list)
  const serverBbox = fits(area) ? area : null
  const listed = useQuery({
    queryKey: ['officer-concerns', query, serverBbox],
    queryFn: ({ signal }) => fetchOfficerConcerns(query, serverBbox, signal),
    placeholderData: keepPreviousData,
  })
  const data =
    listed.data && area && !serverBbox ? { ...listed.data, features: listed.data.features.filter((f) => within(f.geometry.coordinates, area)) } : listed.data
  // The plans a concern can be answered with (read again when plans change).
  const plans = useQuery({ queryKey: ['patrols', 'officer'], queryFn: fetchPatrols })

  const pick = (picked: number) => {
    onSelect(picked)
    document.getElementById(`concern-${picked}`)?.scrollIntoView({ block: 'nearest' })
  }
  useOfficerConcernMap(map, data, selected, true, pick)
  const open = (concern: OfficerConcern, coordinates: number[]) => {
    onSelect(concern.id === selected ? null : concern.id)
    if (concern.id !== selected) map?.easeTo({ center: coordinates as [number, number], zoom: Math.max(map.getZoom(), 16) })
  }

  const exportQuery = { status: query.status, includeHidden: query.includeHidden }
  // Exports follow the area filter when the server can apply it.
  const exportUrl = (format: 'csv' | 'geojson') => officerConcernsUrl({ ...exportQuery, format, bbox: serverBbox })
  return (
    <section className="moderation-list" aria-labelledby={`${id}-list`}>
      <h2 id={`${id}-list`} className="visually-hidden">
        {t('officer.list.heading')}
      </h2>
      {walkButton}
      <div className="row filters">
        <label>
          {t('officer.status')}{' '}
          <select value={query.status} onChange={(e) => setQuery({ ...query, status: e.target.value as Status | '' })}>
            <option value="">{t('officer.list.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s.slug} value={s.slug}>
                {statusLabel(s.slug)}
              </option>
            ))}
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" checked={!!query.includeHidden} onChange={(e) => setQuery({ ...query, includeHidden: e.target.checked })} />
          {t('officer.list.hiddenToo')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={!!query.includeSamples} onChange={(e) => setQuery({ ...query, includeSamples: e.target.checked })} />
          {t('officer.list.samplesToo')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={inView} onChange={(e) => setInView(e.target.checked)} />
          {t('officer.list.inView')}
        </label>
      </div>
      <p className="row">
        {serverBbox ? t('officer.list.exportView') : t('officer.list.export')}{' '}
        <a href={exportUrl('csv')} download="concerns.csv">
          CSV
        </a>
        <a href={exportUrl('geojson')} download="concerns.geojson">
          GeoJSON
        </a>
      </p>
      {area && !serverBbox && <p className="hint">{t('officer.list.viewTooWide')}</p>}
      {listed.error && (
        <p className="error" role="alert">
          {failureText(listed.error)}
        </p>
      )}
      {data && (
        <p className="muted" aria-live="polite">
          {t(inView ? 'officer.list.countInView' : 'officer.list.count', { count: data.features.length })}
          {/* Cut short, the list holds as many as the server sends at most: its length is that limit. */}
          {listed.data?.truncated && ` ${t('officer.list.truncated', { limit: listed.data.features.length })}`}
        </p>
      )}
      <UndoBar last={lastChange} />
      <ul className="concern-list">
        {data?.features.map((feature) => {
          const c = feature.properties
          const isOpen = c.id === selected
          return (
            <li key={c.id} id={`concern-${c.id}`} className={isOpen ? 'open' : ''}>
              <button type="button" className="item" aria-expanded={isOpen} onClick={() => open(c, feature.geometry.coordinates)}>
                <strong>
                  #{c.id} {categoryLabel(c.category)}
                </strong>
                {c.sample && <span className="badge">{t('officer.badge.sample')}</span>}
                {c.mergedInto !== null ? (
                  <span className="badge">{t('officer.badge.mergedInto', { into: c.mergedInto })}</span>
                ) : (
                  c.hidden && <span className="badge">{t('officer.badge.hidden')}</span>
                )}
                {c.source === 'walk_and_talk' && <span className="badge">{t('officer.badge.walkAndTalk')}</span>}
                <span className="muted">
                  {' '}
                  · <PlaceWordsText at={{ lng: feature.geometry.coordinates[0]!, lat: feature.geometry.coordinates[1]! }} /> ·{' '}
                  {statusLabel(c.status)} · {t('officer.list.reported', { when: londonWhenText(c.createdAt) })} · {t('officer.list.support', { count: c.supportCount })}
                </span>
              </button>
              {isOpen && <ConcernEditor concern={c} plans={plans.error ? null : plans.data?.features} onUndoable={setLastChange} />}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

const within = ([lng, lat]: number[], [west, south, east, north]: Bbox) => lng! >= west && lng! <= east && lat! >= south && lat! <= north
