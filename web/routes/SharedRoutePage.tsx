import type { LineString } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { fetchMapInfo, type MapInfo } from '../api.ts'
import { MapView } from '../components/MapView.tsx'
import { ApiFailure } from '../api.ts'
import { fetchSharedRoute, type SharedRoute } from './api.ts'
import { addRouteLayers, boundsOf, pointMarker, removeRouteLayers, showRoutes } from './route-map.ts'
import { distanceText } from './words.ts'
import './routes.css'

type Loaded = { route: SharedRoute; line: LineString; info: Pick<MapInfo, 'bounds' | 'styleUrl'> }

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null)

/** /shared/<token>: a club's saved route, read-only, for whoever has the link. No account. */
export function SharedRoutePage({ token }: { token: string }) {
  const [loaded, setLoaded] = useState<Loaded>()
  const [problem, setProblem] = useState<string>()
  const [map, setMap] = useState<MapLibreMap | null>(null)

  useEffect(() => {
    let current = true
    Promise.all([fetchSharedRoute(token), fetchMapInfo().catch(() => null)])
      .then(([route, info]) => {
        if (!current) return
        if (route.geometry.type !== 'LineString') throw new Error('not a line')
        const line = route.geometry
        const box = boundsOf([{ id: 0, geometry: line }])
        const bounds: MapInfo['bounds'] = box ? [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()] : null
        setLoaded({ route, line, info: { bounds, styleUrl: info?.styleUrl ?? null } })
      })
      .catch((error: unknown) => {
        if (!current) return
        setProblem(
          error instanceof ApiFailure && error.status === 404
            ? 'This link does not lead to a route. It may have been replaced by a newer link, or withdrawn: ask the club for the current one.'
            : 'The route could not be opened just now. Please try again later.',
        )
      })
    return () => {
      current = false
    }
  }, [token])

  useEffect(() => {
    if (!map || !loaded) return
    // The whole route in view, whatever size the map was when it opened; then the route on it.
    const box = boundsOf([{ id: 0, geometry: loaded.line }])
    // Room for the zoom buttons on the right and the credits at the bottom.
    if (box) map.fitBounds(box, { padding: { top: 24, left: 24, right: 56, bottom: 84 }, maxZoom: 17, animate: false })
    addRouteLayers(map)
    showRoutes(map, [{ id: 'shared', geometry: loaded.line }], 'shared', null)
    const first = loaded.line.coordinates[0]
    const marker = first ? pointMarker(map, { lng: first[0]!, lat: first[1]! }, 'start') : null
    return () => {
      marker?.remove()
      removeRouteLayers(map)
    }
  }, [map, loaded])

  const p = loaded?.route.properties
  const explanation = Array.isArray(p?.explanation) ? p.explanation.filter((l) => typeof l === 'string') : []
  const length = typeof p?.lengthMeters === 'number' ? p.lengthMeters : null

  return (
    <main className="shared-route">
      <div className="shared-map">
        {loaded && <MapView info={loaded.info} showCrime={false} onMap={setMap} label="Map of the shared route" />}
      </div>
      <article className="shared-facts">
        <p>
          <a href="/">← Common Ground map</a>
        </p>
        {!loaded && !problem && <p aria-live="polite">Opening the route…</p>}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {loaded && p && (
          <>
            <h1>{text(p.name) ?? 'Shared route'}</h1>
            <p className="muted">
              {text(p.clubName) ? `Shared by ${p.clubName}` : 'A shared route'}
              {length !== null && ` · ${distanceText(length)} ${p.kind === 'loop' ? 'loop' : 'route'}`}
            </p>
            <dl className="facts">
              {text(p.usualStartTime) && (
                <>
                  <dt>Usual start</dt>
                  <dd>{String(p.usualStartTime)}</dd>
                </>
              )}
              {text(p.notes) && (
                <>
                  <dt>Notes</dt>
                  <dd className="notes">{String(p.notes)}</dd>
                </>
              )}
            </dl>
            {explanation.length > 0 && (
              <section aria-labelledby="shared-why">
                <h2 id="shared-why">Why this way</h2>
                <ul className="why">
                  {explanation.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </section>
            )}
            <p>
              <a className="button primary" href={loaded.route.gpxUrl} download>
                Download GPX
              </a>
            </p>
            <p className="hint">For a running watch or app. The green pin is the start.</p>
          </>
        )}
      </article>
    </main>
  )
}
