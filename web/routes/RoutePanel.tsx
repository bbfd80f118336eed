import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { fetchMe, type LngLat, type User } from '../api.ts'
import { routeClickLayerIds, routeColours, shortestColour } from '../map/layers/routes.ts'
import { ClubTools, isOrganiser } from './ClubTools.tsx'
import { ApiFailure } from '../api.ts'
import { fetchClubs, planRoutes, routeFileUrl, type Club, type PlannedRoute, type Profile, type RoutePlan } from './api.ts'
import { fromLondonLocal, toLondonLocal } from '../../common/london-time.ts'
import { addRouteLayers, boundsOf, pointMarker, removeRouteLayers, showRoutes } from './route-map.ts'
import { describeRoute, distanceText, explainPlanFailure, profiles, scoreText, whenText } from './words.ts'
import './routes.css'
import { locateDevice } from '../map/locate.ts'
import { sheetPadding } from '../map/sheet-padding.ts'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
}

type Mode = 'loop' | 'route'
type Failure = { message: string; fitsMeters?: number }

const DEFAULT_KM = '8'

/**
 * "Plan a safer route": a start (tap, location, or a club's meeting point), an end or a loop
 * distance, a date and time (UK clock), and what matters most. The alternatives are drawn and
 * listed with their explanation; the selected one can be downloaded as GPX, and a club
 * organiser can keep it in the club's library and share it.
 */
export function RoutePanel({ map, onClose }: Props) {
  const ids = useId()
  const [mode, setMode] = useState<Mode>('loop')
  const [start, setStart] = useState<LngLat | null>(null)
  const [end, setEnd] = useState<LngLat | null>(null)
  const [next, setNext] = useState<'start' | 'end'>('start')
  const [km, setKm] = useState(DEFAULT_KM)
  const [when, setWhen] = useState(() => toLondonLocal(new Date()))
  const [profile, setProfile] = useState<Profile>('safest')
  const [plan, setPlan] = useState<RoutePlan | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  /** Once routes are listed the form folds to one line, so that the list comes first on a phone. */
  const [editing, setEditing] = useState(true)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [locating, setLocating] = useState(false)
  const [placeProblem, setPlaceProblem] = useState<string | null>(null)
  const [user, setUser] = useState<User | null>(null)
  const [clubs, setClubs] = useState<Club[]>([])
  const heading = useRef<HTMLHeadingElement>(null)
  const resultsHeading = useRef<HTMLHeadingElement>(null)
  const sheet = useRef<HTMLElement>(null)
  const request = useRef<AbortController | null>(null)

  useEffect(() => heading.current?.focus(), [])
  useEffect(() => () => request.current?.abort(), [])

  // Who is signed in: a club organiser gets the meeting point and "Save to club".
  useEffect(() => {
    let current = true
    fetchMe()
      .then((me) => current && setUser(me))
      .catch(() => {})
    return () => {
      current = false
    }
  }, [])
  useEffect(() => {
    setClubs([])
    if (!isOrganiser(user)) return
    let current = true
    fetchClubs()
      .then((list) => current && setClubs(list))
      .catch(() => {})
    return () => {
      current = false
    }
  }, [user])

  // The route layers live while the panel is open.
  useEffect(() => {
    if (!map) return
    addRouteLayers(map)
    return () => removeRouteLayers(map)
  }, [map])

  const selected = plan?.routes.find((r) => r.properties.id === selectedId) ?? null

  useEffect(() => {
    if (!map) return
    showRoutes(
      map,
      (plan?.routes ?? []).map((r) => ({ id: r.properties.id, geometry: r.geometry })),
      selectedId,
      plan ? { id: plan.shortest.properties.id, geometry: plan.shortest.geometry } : null,
    )
  }, [map, plan, selectedId])

  // Markers for the start and the end.
  useEffect(() => {
    if (!map || !start) return
    const marker = pointMarker(map, start, 'start')
    return () => void marker.remove()
  }, [map, start])
  useEffect(() => {
    if (!map || !end || mode !== 'route') return
    const marker = pointMarker(map, end, 'end')
    return () => void marker.remove()
  }, [map, end, mode])

  // A tap on a drawn route selects it; anywhere else it sets the start (or the end).
  const tapRef = useRef({ mode, next, plan })
  tapRef.current = { mode, next, plan }
  useEffect(() => {
    if (!map) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => {
      const { mode, next, plan } = tapRef.current
      if (plan) {
        const layers = routeClickLayerIds.filter((id) => map.getLayer(id))
        const box: [[number, number], [number, number]] = [
          [event.point.x - 6, event.point.y - 6],
          [event.point.x + 6, event.point.y + 6],
        ]
        const hit = layers.length ? map.queryRenderedFeatures(box, { layers })[0] : undefined
        if (hit) {
          setSelectedId(String(hit.properties.id))
          return
        }
      }
      const at = { lng: event.lngLat.lng, lat: event.lngLat.lat }
      setPlaceProblem(null)
      if (mode === 'route' && next === 'end') setEnd(at)
      else {
        setStart(at)
        if (mode === 'route') setNext('end')
      }
    }
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map])

  // Moved points or a changed request: the drawn routes no longer answer it.
  useEffect(() => {
    request.current?.abort()
    setPlan(null)
    setSelectedId(null)
    setFailure(null)
    setEditing(true)
  }, [start, end, mode])

  const useMyLocation = () => {
    setPlaceProblem(null)
    setLocating(true)
    locateDevice(
      (at) => {
        setStart(at)
        if (mode === 'route') setNext('end')
        map?.easeTo({ center: at, zoom: Math.max(map.getZoom(), 15) })
      },
      setPlaceProblem,
      () => setLocating(false),
    )
  }

  /** Without a pointer: the centre of the map sets the start (or the end, when that is next). */
  const useMapCentre = () => {
    if (!map) return
    setPlaceProblem(null)
    const { lng, lat } = map.getCenter()
    if (mode === 'route' && next === 'end') setEnd({ lng, lat })
    else {
      setStart({ lng, lat })
      if (mode === 'route') setNext('end')
    }
  }

  const useMeetingPoint = (club: Club) => {
    setPlaceProblem(null)
    setStart(club.meetingPoint)
    if (mode === 'route') setNext('end')
    map?.easeTo({ center: club.meetingPoint, zoom: Math.max(map.getZoom(), 15) })
  }

  const padding = () => sheetPadding(map, sheet.current, 24)

  const submit = async (event?: FormEvent, distanceOverride?: number) => {
    event?.preventDefault()
    const departAt = fromLondonLocal(when)?.toISOString()
    const metres = distanceOverride ?? Math.round(Number(km.replace(',', '.')) * 1000)
    const missing = !start
      ? mode === 'loop'
        ? 'Choose the start first: tap the map or use your location.'
        : 'Choose the start first: tap the map where you set off.'
      : mode === 'route' && !end
        ? 'Choose the end: tap the map where you are going.'
        : mode === 'loop' && !(metres >= 1000 && metres <= 42_195)
          ? 'Give a distance between 1 and 42.2 km.'
          : when && !departAt
            ? 'Give a date and a time, or clear them to leave now.'
            : null
    if (missing || !start) {
      setFailure({ message: missing ?? '' })
      return
    }
    request.current?.abort()
    const controller = new AbortController()
    request.current = controller
    setBusy(true)
    setFailure(null)
    try {
      const answer = await planRoutes(
        {
          from: start,
          ...(mode === 'route' && end ? { to: end } : { distanceMeters: metres }),
          ...(departAt ? { departAt } : {}),
          profile,
        },
        controller.signal,
      )
      if (distanceOverride) setKm(String(distanceOverride / 1000))
      setPlan(answer)
      setSelectedId(answer.routes[0]?.properties.id ?? null)
      setEditing(false)
      const bounds = boundsOf([...answer.routes, answer.shortest])
      if (map && bounds) map.fitBounds(bounds, { padding: padding(), maxZoom: 17, duration: 600 })
      requestAnimationFrame(() => {
        // The summary and the list from the top; the focus on the list's heading for a screen reader.
        if (sheet.current) sheet.current.scrollTop = 0
        resultsHeading.current?.focus({ preventScroll: true })
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return
      const fits = error instanceof ApiFailure && error.code === 'loop_too_long' ? Number(error.details?.longestMeters) : NaN
      setFailure({
        message: explainPlanFailure(error, mode === 'loop' ? metres : undefined),
        ...(fits >= 1000 ? { fitsMeters: fits } : {}),
      })
    } finally {
      if (request.current === controller) {
        request.current = null
        setBusy(false)
      }
    }
  }

  const placeHint = useMemo(() => {
    if (mode === 'loop') return start ? 'Start set. Tap the map to move it.' : 'Tap the map where the loop starts and ends, or:'
    if (next === 'start') return start ? 'Tap the map to move the start.' : 'Tap the map where you set off, or:'
    return end ? 'End set. Tap the map to move it.' : 'Now tap the map where you are going.'
  }, [mode, next, start, end])

  return (
    <section className="sheet route-panel" aria-labelledby={`${ids}-title`} ref={sheet}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          Plan a safer route
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close the route planner">
          ×
        </button>
      </header>
      {editing && <p className="note">Prefers lit streets and avoids places people have reported, for the time you go.</p>}

      {plan && !editing && (
        <div className="route-summary">
          <p>
            {plan.kind === 'loop' ? `${distanceText(Number(km) * 1000)} loop` : 'Route to the end point'}, {whenText(when)},{' '}
            {profiles.find((p) => p.slug === profile)?.label.toLowerCase()}.
          </p>
          <button type="button" aria-expanded={false} onClick={() => setEditing(true)}>
            Change
          </button>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate hidden={!editing}>
        <fieldset>
          <legend>Route or loop</legend>
          <div className="row segmented">
            <label className="choice">
              <input type="radio" name={`${ids}-mode`} value="loop" checked={mode === 'loop'} onChange={() => setMode('loop')} />
              A loop back to the start
            </label>
            <label className="choice">
              <input
                type="radio"
                name={`${ids}-mode`}
                value="route"
                checked={mode === 'route'}
                onChange={() => {
                  setMode('route')
                  setNext(start ? 'end' : 'start')
                }}
              />
              From here to there
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>{mode === 'loop' ? 'Start' : 'Start and end'}</legend>
          <p className="hint" aria-live="polite">
            {placeHint}
          </p>
          {mode === 'route' && (
            <div className="row" role="group" aria-label="What a tap on the map sets">
              <button type="button" aria-pressed={next === 'start'} onClick={() => setNext('start')}>
                Tap sets the start
              </button>
              <button type="button" aria-pressed={next === 'end'} onClick={() => setNext('end')}>
                Tap sets the end
              </button>
            </div>
          )}
          <div className="row">
            <button type="button" onClick={useMyLocation} disabled={locating}>
              {locating ? 'Finding you…' : 'Start from my location'}
            </button>
            <button type="button" onClick={useMapCentre}>
              {mode === 'route' && next === 'end' ? 'End at the centre of the map' : 'Start at the centre of the map'}
            </button>
            {clubs.map((club) => (
              <button type="button" key={club.id} onClick={() => useMeetingPoint(club)}>
                Start at {club.name}’s meeting point
              </button>
            ))}
          </div>
          {placeProblem && (
            <p className="error" role="alert">
              {placeProblem}
            </p>
          )}
        </fieldset>

        {mode === 'loop' && (
          <div className="field">
            <label htmlFor={`${ids}-km`}>Distance (km)</label>
            <input
              id={`${ids}-km`}
              type="number"
              inputMode="decimal"
              min={1}
              max={42.2}
              step={0.1}
              value={km}
              onChange={(e) => setKm(e.target.value)}
              aria-describedby={`${ids}-km-hint`}
            />
            <p className="hint" id={`${ids}-km-hint`}>
              From 1 to 42.2 km; loops come within about 5% of it.
            </p>
          </div>
        )}

        <div className="field">
          <label htmlFor={`${ids}-when`}>Date and time</label>
          <input
            id={`${ids}-when`}
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            aria-describedby={`${ids}-when-hint`}
          />
          <p className="hint" id={`${ids}-when-hint`}>
            UK time. Lighting, park opening hours and reports depend on it.
          </p>
        </div>

        <fieldset>
          <legend>What matters most</legend>
          {profiles.map((p) => (
            <label key={p.slug} className="choice">
              <input type="radio" name={`${ids}-profile`} value={p.slug} checked={profile === p.slug} onChange={() => setProfile(p.slug)} />
              <span>
                {p.label} <span className="muted">({p.hint})</span>
              </span>
            </label>
          ))}
        </fieldset>

        {failure && (
          <div className="error" role="alert">
            <p>{failure.message}</p>
            {failure.fitsMeters && (
              <button type="button" onClick={() => void submit(undefined, failure.fitsMeters)}>
                Plan a {distanceText(failure.fitsMeters)} loop instead
              </button>
            )}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Finding routes…' : mode === 'loop' ? 'Find loops' : 'Find routes'}
        </button>
        <p className="visually-hidden" role="status">
          {busy ? 'Finding routes…' : plan ? `${plan.routes.length} ${plan.routes.length === 1 ? 'choice' : 'choices'} found.` : ''}
        </p>
      </form>

      {plan && (
        <section className="route-results" aria-labelledby={`${ids}-results`}>
          <h3 id={`${ids}-results`} ref={resultsHeading} tabIndex={-1}>
            {plan.routes.length === 1 ? 'One choice' : `${plan.routes.length} choices`}
          </h3>
          <ol className="route-list">
            {plan.routes.map((route, index) => (
              <RouteItem
                key={route.properties.id}
                route={route}
                index={index}
                kind={plan.kind}
                selected={route.properties.id === selectedId}
                onSelect={() => setSelectedId(route.properties.id)}
              />
            ))}
          </ol>
          <p className="hint comparison">
            <span className="dash" style={{ borderColor: shortestColour }} aria-hidden="true" />
            Dashed grey: the shortest {plan.kind === 'loop' ? 'loop' : 'way'} on distance alone,{' '}
            {distanceText(plan.shortest.properties.lengthMeters)}, {scoreText(plan.shortest.properties.score)}.
          </p>

          {selected && (
            <section className="route-actions" aria-label={`Route ${plan.routes.indexOf(selected) + 1}`}>
              <a className="button" href={routeFileUrl(selected.properties.id)} download>
                Download GPX
              </a>
              <ClubTools
                key={selected.properties.id}
                user={user}
                onUser={setUser}
                clubs={clubs}
                onClubs={setClubs}
                route={selected}
                kind={plan.kind}
                start={start}
                when={when}
              />
            </section>
          )}
        </section>
      )}
      {!plan && <ClubTools user={user} onUser={setUser} clubs={clubs} onClubs={setClubs} route={null} kind="loop" start={start} when={when} />}
    </section>
  )
}

function RouteItem({
  route,
  index,
  kind,
  selected,
  onSelect,
}: {
  route: PlannedRoute
  index: number
  kind: RoutePlan['kind']
  selected: boolean
  onSelect: () => void
}) {
  const ids = useId()
  const p = route.properties
  return (
    <li className={selected ? 'route-item selected' : 'route-item'} onClick={onSelect}>
      <button type="button" aria-pressed={selected} aria-describedby={`${ids}-why`} onClick={onSelect}>
        <span className="swatch" style={{ background: routeColours[index] ?? routeColours[2] }} aria-hidden="true" />
        <span className="route-name">{kind === 'loop' ? 'Loop' : 'Route'} {index + 1}</span>
        <span className="route-facts">{describeRoute(p)}</span>
      </button>
      <ul id={`${ids}-why`} className="why">
        {p.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </li>
  )
}
