import { useQuery } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { ApiFailure } from '../api/client.ts'
import { weeklyText } from '../clubs/words.ts'
import { MapView } from '../components/MapView.tsx'
import { t } from '../i18n/intl.ts'
import { useMapInfo, type MapInfo } from '../map/info.ts'
import { routeLayers } from '../map/layers/routes.ts'
import { routeSources } from '../map/sources/routes.ts'
import { useMapLayers } from '../map/use-map-layers.ts'
import { fetchSharedRoute } from './api.ts'
import { reasonLines } from './reasons.ts'
import { boundsOf, pointMarker, selectRoute, showRoutes } from './route-map.ts'
import { londonWhenText } from '../time-words.ts'
import { clockText, distanceText } from './words.ts'
import './routes.css'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/** The product's name, which is not translated. */
const PRODUCT = 'Common Ground'

/**
 * /shared/<token>: a club's saved route or a resident's computed one, read-only, for whoever has
 * the link, no account. The line comes without its first and last 200 m unless the sharer chose
 * to show them: the server cut them (page and GPX), so there is no start to pin then.
 */
export function SharedRoutePage() {
  const token = useParams().token ?? ''
  const shared = useQuery({ queryKey: ['shared-route', token], queryFn: () => fetchSharedRoute(token), retry: false })
  const { opening } = useMapInfo()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  useMapLayers(map, routeSources(), routeLayers)

  const route = shared.data
  const line = route?.geometry
  const endsShown = route?.hiddenEndMeters === 0
  useEffect(() => {
    if (!map || !line) return
    // The whole route in view, whatever size the map was when it opened; then the route on it.
    const box = boundsOf([{ geometry: line }])
    // Room for the zoom buttons on the right and the credits at the bottom.
    if (box) map.fitBounds(box, { padding: { top: 24, left: 24, right: 56, bottom: 84 }, maxZoom: 17, animate: false })
    showRoutes(map, [{ geometry: line }], null)
    selectRoute(map, 0)
    const first = line.coordinates[0]
    const marker = first && endsShown ? pointMarker(map, { lng: first[0]!, lat: first[1]! }, 'start') : null
    return () => void marker?.remove()
  }, [map, line, endsShown])

  // One bounds array for the line: MapView makes a new map whenever its bounds change, and a
  // fresh array every render would make one every render.
  const bounds = useMemo((): MapInfo['bounds'] => {
    const box = line ? boundsOf([{ geometry: line }]) : null
    return box ? [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()] : null
  }, [line])
  const info: Pick<MapInfo, 'bounds' | 'styleUrl'> | undefined = route && opening ? { bounds, styleUrl: opening.styleUrl } : undefined
  const p = route?.properties
  const problem = shared.error
    ? shared.error instanceof ApiFailure && shared.error.status === 404
      ? t('routes.shared.notFound')
      : t('routes.shared.failed')
    : null
  const why = p ? reasonLines(p) : []

  return (
    <main id={CONTENT_ID} tabIndex={-1} className="shared-route">
      <div className="shared-map">{info && <MapView info={info} showCrime={false} onMap={setMap} label={t('routes.shared.mapLabel')} />}</div>
      <article className="shared-facts">
        <p>
          <Link to="/">{t('routes.backToMap', { product: PRODUCT })}</Link>
        </p>
        {!route && !problem && <p aria-live="polite">{t('routes.shared.opening')}</p>}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {route && p && (
          <>
            <h1>{p.name?.trim() || t('routes.shared.untitled')}</h1>
            <p className="muted">{sharedBy(p)}</p>
            {!endsShown && <p className="hint">{t('clubs.sharedPage.endsHidden', { metres: route.hiddenEndMeters })}</p>}
            <dl className="facts">
              {route.nextRun && (
                <>
                  <dt>{t('clubs.sharedPage.nextRun')}</dt>
                  <dd>
                    {londonWhenText(route.nextRun.startsAt)}
                    {route.nextRun.weekly && <span className="hint"> ({weeklyText(route.nextRun.weekly)})</span>}
                  </dd>
                </>
              )}
              {p.usualStartTime && (
                <>
                  <dt>{t('routes.shared.usualStart')}</dt>
                  <dd>{clockText(p.usualStartTime)}</dd>
                </>
              )}
              {p.notes?.trim() && (
                <>
                  <dt>{t('routes.shared.notes')}</dt>
                  <dd className="notes">{p.notes}</dd>
                </>
              )}
            </dl>
            {why.length > 0 && (
              <section aria-labelledby="shared-why">
                <h2 id="shared-why">{t('routes.shared.why')}</h2>
                <ul className="why">
                  {why.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </section>
            )}
            <p>
              <a className="button primary" href={route.gpxUrl} download>
                {t('routes.downloadGpx')}
              </a>
            </p>
            <p className="hint">{endsShown ? t('routes.shared.gpxHint') : t('clubs.sharedPage.gpxHintHidden', { metres: route.hiddenEndMeters })}</p>
          </>
        )}
      </article>
    </main>
  )
}

/** "Shared by Southgate Striders · 8 km loop" (the length when the route has one); "8 km loop" shared by a resident. */
function sharedBy(p: { clubName: string | null; kind: 'route' | 'loop'; lengthMeters?: number | undefined }): string {
  const loop = p.kind === 'loop'
  if (p.clubName === null) {
    if (p.lengthMeters === undefined) return loop ? t('clubs.sharedPage.aLoop') : t('clubs.sharedPage.aRoute')
    const distance = distanceText(p.lengthMeters)
    return loop ? t('clubs.sharedPage.loop', { distance }) : t('clubs.sharedPage.route', { distance })
  }
  if (p.lengthMeters === undefined) return t('routes.shared.by', { club: p.clubName })
  const values = { club: p.clubName, distance: distanceText(p.lengthMeters) }
  return loop ? t('routes.shared.byLoop', values) : t('routes.shared.byRoute', values)
}
