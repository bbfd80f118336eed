import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { fetchMapInfo, type ClusterCollection, type ClusterFeature, type ConcernFilter, type MapInfo, type PublicConcern } from './api.ts'
import { ConcernCard } from './components/ConcernCard.tsx'
import { ConcernControls } from './components/ConcernControls.tsx'
import { ConcernLayer } from './components/ConcernLayer.tsx'
import { MapView } from './components/MapView.tsx'
import { OfficerPage } from './components/OfficerPage.tsx'
import { Panel } from './components/Panel.tsx'
import { ReceiptPage } from './components/ReceiptPage.tsx'
import { ReportFlow } from './components/ReportFlow.tsx'
import { PublicPatrols } from './patrols/PublicPatrols.tsx'
import { RoutePanel } from './routes/RoutePanel.tsx'
import { SharedRoutePage } from './routes/SharedRoutePage.tsx'

type Opening = Pick<MapInfo, 'bounds' | 'styleUrl'>

/** With no answer from the server, the map still opens, on the demo area and our own style. */
const FALLBACK: Opening = { bounds: null, styleUrl: null }

/** Four pages on one bundle: /receipt/<token>, /shared/<token>, /officer, and the map (anything else). */
export function App() {
  const receipt = /^\/receipt\/([^/]+)\/?$/.exec(location.pathname)?.[1]
  if (receipt) return <ReceiptPage token={decodeURIComponent(receipt)} />
  const hashReceipt = /(?:^#|&)receipt=([^&]+)/.exec(location.hash)?.[1]
  if (hashReceipt) return <ReceiptPage token={decodeURIComponent(hashReceipt)} />
  const shared = /^\/shared\/([^/]+)\/?$/.exec(location.pathname)?.[1]
  if (shared) return <SharedRoutePage token={decodeURIComponent(shared)} />
  if (/^\/officer\/?$/.test(location.pathname)) return <OfficerPage />
  return <MapPage />
}

function MapPage() {
  const [opening, setOpening] = useState<Opening>()
  const [problem, setProblem] = useState<string>()
  const [showCrime, setShowCrime] = useState(false)
  const [zoom, setZoom] = useState<number>()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [filter, setFilter] = useState<ConcernFilter>({ category: '', timeBand: '' })
  const [heatmap, setHeatmap] = useState(false)
  const [reporting, setReporting] = useState(false)
  const [planning, setPlanning] = useState(false)
  const [patrolling, setPatrolling] = useState(false)
  const [selected, setSelected] = useState<PublicConcern[] | null>(null)
  const [refresh, setRefresh] = useState(0)
  const [concernProblem, setConcernProblem] = useState<string | null>(null)
  const [inView, setInView] = useState<ClusterCollection>()

  useEffect(() => {
    let current = true
    fetchMapInfo()
      .then((info) => current && setOpening(info))
      .catch((error: unknown) => {
        if (!current) return
        setProblem(error instanceof Error ? error.message : String(error))
        setOpening(FALLBACK)
      })
    return () => {
      current = false
    }
  }, [])

  const stableFilter = useMemo(() => filter, [filter.category, filter.timeBand])
  const startReport = () => {
    setSelected(null)
    setReporting(true)
  }
  const onDone = useCallback(() => setRefresh((n) => n + 1), [])
  const zoomTo = (feature: ClusterFeature) => {
    const p = feature.properties
    map?.easeTo({
      center: feature.geometry.coordinates as [number, number],
      zoom: p.cluster ? p.expansionZoom : Math.max(map.getZoom(), 17),
    })
  }

  return (
    <main className="app">
      {opening && <MapView info={opening} showCrime={showCrime} onZoomChange={setZoom} onMap={setMap} />}
      {map && (
        <ConcernLayer
          map={map}
          filter={stableFilter}
          heatmap={heatmap}
          picking={reporting || planning}
          refresh={refresh}
          onSelect={setSelected}
          onLoaded={setInView}
          onError={setConcernProblem}
        />
      )}
      <Panel showCrime={showCrime} onShowCrimeChange={setShowCrime} zoom={zoom}>
        <ConcernControls
          filter={filter}
          onFilterChange={setFilter}
          heatmap={heatmap}
          onHeatmapChange={setHeatmap}
          inView={inView}
          onZoomTo={zoomTo}
          onSelect={(concern) => {
            setReporting(false)
            setSelected([concern])
          }}
        />
      </Panel>
      {!reporting && !planning && !patrolling && (
        <button type="button" className="map-button report-button primary" onClick={startReport}>
          Report a place
        </button>
      )}
      {!reporting && !planning && !patrolling && (
        <button
          type="button"
          className="map-button outlined route-button"
          onClick={() => {
            setSelected(null)
            setPlanning(true)
          }}
        >
          Plan a safer route
        </button>
      )}
      {!reporting && !planning && !patrolling && (
        <button type="button" className="map-button outlined patrols-button" onClick={() => setPatrolling(true)}>
          Patrols
        </button>
      )}
      {patrolling && <PublicPatrols map={map} onClose={() => setPatrolling(false)} />}
      {planning && <RoutePanel map={map} onClose={() => setPlanning(false)} />}
      {reporting && <ReportFlow map={map} onClose={() => setReporting(false)} onDone={onDone} />}
      {!reporting && !planning && selected && <ConcernCard concerns={selected} onClose={() => setSelected(null)} />}
      {(problem || concernProblem) && (
        <p className="problem" role="alert">
          {problem
            ? `The map service did not answer (${problem}). The map may be empty.`
            : `Concerns could not be loaded (${concernProblem}).`}
        </p>
      )}
    </main>
  )
}
