import type { Map as MapLibreMap } from 'maplibre-gl'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { Failure } from '../api/Failure.tsx'
import { failureText } from '../api/failure-words.ts'
import type { ClusterCollection, ClusterFeature, ConcernFilter, PublicConcern } from '../concerns/api.ts'
import { t } from '../i18n/intl.ts'
import { useMapInfo } from '../map/info.ts'
import { OutboxWaiting } from '../offline/OutboxWaiting.tsx'
import { useOutbox } from '../offline/use-outbox.ts'
import { ConcernCard } from './ConcernCard.tsx'
import { ConcernControls } from './ConcernControls.tsx'
import { ConcernLayer, type ConcernProblem } from './ConcernLayer.tsx'
import { MapView } from './MapView.tsx'
import { Panel } from './Panel.tsx'
import { CONTENT_ID } from './SkipLink.tsx'

// A resident's first visit loads the map, the concerns and the report button; the report form
// loads once the map has drawn (so it is there at the tap), the planners when first opened.
const loadReportFlow = () => import('./ReportFlow.tsx').then((m) => ({ default: m.ReportFlow }))
const ReportFlow = lazy(loadReportFlow)
const RoutePanel = lazy(() => import('../routes/RoutePanel.tsx').then((m) => ({ default: m.RoutePanel })))
const PublicPatrols = lazy(() => import('../patrols/PublicPatrols.tsx').then((m) => ({ default: m.PublicPatrols })))
// A report made offline and since sent shows its receipt (with the QR code's library): loaded when there is one.
const OutboxOutcome = lazy(() => import('../offline/OutboxOutcome.tsx').then((m) => ({ default: m.OutboxOutcome })))

/** What the map page shows over the map: one sheet at a time, or none. */
type Sheet = { kind: 'none' } | { kind: 'report' } | { kind: 'route' } | { kind: 'patrols' } | { kind: 'concerns'; concerns: PublicConcern[] }

/** The public map: concerns, the key, and the report, route and patrol sheets. */
export function MapPage() {
  const { opening, problem, retry } = useMapInfo()
  const [showCrime, setShowCrime] = useState(false)
  const [zoom, setZoom] = useState<number>()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [filter, setFilter] = useState<ConcernFilter>({ category: '', timeBand: '' })
  const [heatmap, setHeatmap] = useState(false)
  const [sheet, setSheet] = useState<Sheet>({ kind: 'none' })
  const [concernProblem, setConcernProblem] = useState<ConcernProblem | null>(null)
  const [inView, setInView] = useState<ClusterCollection>()
  const close = () => setSheet({ kind: 'none' })
  // Reports made offline: what waits, and (one at a time, over the map) what was sent or refused.
  const outbox = useOutbox()
  const settled = sheet.kind === 'none' ? outbox.find((e) => e.state !== 'waiting') : undefined
  useEffect(() => {
    map?.once('idle', () => void loadReportFlow())
  }, [map])

  const stableFilter = useMemo(() => filter, [filter.category, filter.timeBand])
  const zoomTo = (feature: ClusterFeature) => {
    const p = feature.properties
    map?.easeTo({
      center: feature.geometry.coordinates as [number, number],
      zoom: p.cluster ? p.expansionZoom : Math.max(map.getZoom(), 17),
    })
  }
  // While a point is being placed, a tap sets it instead of opening a concern's card.
  const picking = sheet.kind === 'report' || sheet.kind === 'route'
  // The map's own settings first: without them the concerns matter less.
  const failure = problem ? { text: t('map.problem.mapInfo', { reason: failureText(problem) }), retry } : concernProblem
  const buttons = (sheet.kind === 'none' && !settled) || sheet.kind === 'concerns'
  const loading = (
    <p className="sheet loading" aria-live="polite">
      {t('common.loading')}
    </p>
  )

  return (
    <main id={CONTENT_ID} tabIndex={-1} className="app">
      {map && (
        <ConcernLayer
          map={map}
          filter={stableFilter}
          heatmap={heatmap}
          picking={picking}
          onSelect={(concerns) => !picking && setSheet({ kind: 'concerns', concerns })}
          onLoaded={setInView}
          onError={setConcernProblem}
        />
      )}
      {/* First in the page, so that they are the first tab stops; they are drawn over the map. */}
      {buttons && (
        <>
          <button type="button" className="map-button report-button primary" onClick={() => setSheet({ kind: 'report' })}>
            {t('map.button.report')}
          </button>
          <button type="button" className="map-button outlined route-button" onClick={() => setSheet({ kind: 'route' })}>
            {t('map.button.route')}
          </button>
          <button type="button" className="map-button outlined patrols-button" onClick={() => setSheet({ kind: 'patrols' })}>
            {t('map.button.patrols')}
          </button>
        </>
      )}
      {opening && <MapView info={opening} showCrime={showCrime} onZoomChange={setZoom} onMap={setMap} />}
      <Panel showCrime={showCrime} onShowCrimeChange={setShowCrime} zoom={zoom}>
        <ConcernControls
          filter={filter}
          onFilterChange={setFilter}
          heatmap={heatmap}
          onHeatmapChange={setHeatmap}
          inView={inView}
          onZoomTo={zoomTo}
          onSelect={(concern) => setSheet({ kind: 'concerns', concerns: [concern] })}
        />
      </Panel>
      <Suspense fallback={loading}>
        {sheet.kind === 'patrols' && <PublicPatrols map={map} onClose={close} />}
        {sheet.kind === 'route' && <RoutePanel map={map} onClose={close} />}
        {sheet.kind === 'report' && <ReportFlow map={map} onClose={close} />}
      </Suspense>
      {sheet.kind === 'concerns' && <ConcernCard concerns={sheet.concerns} onClose={close} />}
      {settled && (
        <Suspense fallback={loading}>
          <OutboxOutcome entry={settled} />
        </Suspense>
      )}
      {sheet.kind === 'none' && <OutboxWaiting entries={outbox} />}
      {failure && (
        <div className="problem">
          <Failure error={null} text={failure.text} onRetry={failure.retry} />
        </div>
      )}
    </main>
  )
}
