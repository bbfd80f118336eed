import { useQuery } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { ApiFailure } from '../api/client.ts'
import { MapView } from '../components/MapView.tsx'
import { useMapInfo, type MapInfo } from '../map/info.ts'
import { routeLayers } from '../map/layers/routes.ts'
import { routeSources } from '../map/sources/routes.ts'
import { useMapLayers } from '../map/use-map-layers.ts'
import { fetchSharedRoute } from './api.ts'
import { boundsOf, pointMarker, selectRoute, showRoutes } from './route-map.ts'
import { distanceText } from './words.ts'
import './routes.css'

/** /shared/<token>: a club's saved route, read-only, for whoever has the link. No account. */
export function SharedRoutePage() {
  const token = useParams().token ?? ''
  const shared = useQuery({ queryKey: ['shared-route', token], queryFn: () => fetchSharedRoute(token), retry: false })
  const { opening } = useMapInfo()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  useMapLayers(map, routeSources(), routeLayers)

  const route = shared.data
  const line = route?.geometry
  useEffect(() => {
    if (!map || !line) return
    // The whole route in view, whatever size the map was when it opened; then the route on it.
    const box = boundsOf([{ geometry: line }])
    // Room for the zoom buttons on the right and the credits at the bottom.
    if (box) map.fitBounds(box, { padding: { top: 24, left: 24, right: 56, bottom: 84 }, maxZoom: 17, animate: false })
    showRoutes(map, [{ geometry: line }], null)
    selectRoute(map, 0)
    const first = line.coordinates[0]
    const marker = first ? pointMarker(map, { lng: first[0]!, lat: first[1]! }, 'start') : null
    return () => void marker?.remove()
  }, [map, line])

  const box = line ? boundsOf([{ geometry: line }]) : null
  const info: Pick<MapInfo, 'bounds' | 'styleUrl'> | undefined =
    route && opening ? { bounds: box ? [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()] : null, styleUrl: opening.styleUrl } : undefined
  const p = route?.properties
  const problem = shared.error
    ? shared.error instanceof ApiFailure && shared.error.status === 404
      ? 'This link does not lead to a route. It may have been replaced by a newer link, or withdrawn: ask the club for the current one.'
      : 'The route could not be opened just now. Please try again later.'
    : null

  return (
    <main className="shared-route">
      <div className="shared-map">{info && <MapView info={info} showCrime={false} onMap={setMap} label="Map of the shared route" />}</div>
      <article className="shared-facts">
        <p>
          <Link to="/">← Common Ground map</Link>
        </p>
        {!route && !problem && <p aria-live="polite">Opening the route…</p>}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {route && p && (
          <>
            <h1>{p.name.trim() || 'Shared route'}</h1>
            <p className="muted">
              Shared by {p.clubName}
              {p.lengthMeters !== undefined && ` · ${distanceText(p.lengthMeters)} ${p.kind === 'loop' ? 'loop' : 'route'}`}
            </p>
            <dl className="facts">
              {p.usualStartTime && (
                <>
                  <dt>Usual start</dt>
                  <dd>{p.usualStartTime}</dd>
                </>
              )}
              {p.notes?.trim() && (
                <>
                  <dt>Notes</dt>
                  <dd className="notes">{p.notes}</dd>
                </>
              )}
            </dl>
            {p.explanation && p.explanation.length > 0 && (
              <section aria-labelledby="shared-why">
                <h2 id="shared-why">Why this way</h2>
                <ul className="why">
                  {p.explanation.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </section>
            )}
            <p>
              <a className="button primary" href={route.gpxUrl} download>
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
