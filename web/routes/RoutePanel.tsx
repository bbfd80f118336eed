import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useRef, useState } from 'react'
import { fromLondonLocal, toLondonLocal } from '../../common/london-time.ts'
import { ApiFailure } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import { isOrganiser, useMe } from '../auth/session.ts'
import { clubKeys, fetchClubs } from '../clubs/api.ts'
import { useMapInfo } from '../map/info.ts'
import { sheetPadding } from '../map/free-area.ts'
import { planRoutes, type RouteRequest } from './api.ts'
import { ClubTools } from './ClubTools.tsx'
import { RouteForm, type RouteChoices } from './RouteForm.tsx'
import { RouteResults } from './RouteResults.tsx'
import { boundsOf } from './route-map.ts'
import { NEW_TRIP, place, type Trip } from './trip.ts'
import { useRouteMap } from './use-route-map.ts'
import { distanceText, explainPlanFailure, whenText } from './words.ts'
import './routes.css'

type Props = { map: MapLibreMap | null; onClose: () => void }

const DEFAULT_KM = '8'

/**
 * "Plan a safer route": a start (tap, location, or a club's meeting point), an end or a loop
 * distance, a date and time (UK clock), and what matters most. The alternatives are drawn and
 * listed with their explanation; the selected one can be downloaded as GPX, and a club
 * organiser can keep it in the club's library and share it.
 */
export function RoutePanel({ map, onClose }: Props) {
  const ids = useId()
  const cache = useQueryClient()
  const { settings } = useMapInfo()
  const user = useMe()
  const clubs = useQuery({ queryKey: clubKeys.all, queryFn: fetchClubs, enabled: isOrganiser(user) }).data ?? []
  const [trip, setTrip] = useState<Trip>(NEW_TRIP)
  const [choices, setChoices] = useState<RouteChoices>(() => ({ km: DEFAULT_KM, when: toLondonLocal(new Date()), profile: 'safest' }))
  /** What was last asked (null: nothing yet, or the points moved since). */
  const [request, setRequest] = useState<RouteRequest | null>(null)
  const [invalid, setInvalid] = useState<string | null>(null)
  const [selected, setSelected] = useState(0)
  /** Once routes are listed the form folds to one line, so that the list comes first on a phone. */
  const [editing, setEditing] = useState(true)
  const heading = useRef<HTMLHeadingElement>(null)
  const resultsHeading = useRef<HTMLHeadingElement>(null)
  const sheet = useRef<HTMLElement>(null)

  // A plan is a read of the computed routes for a request: cached by it, aborted when replaced.
  const plan = useQuery({
    queryKey: ['routes', request],
    queryFn: ({ signal }) => planRoutes(request!, signal),
    enabled: request !== null,
    staleTime: Infinity,
    retry: false,
  })
  const answer = request ? plan.data : undefined

  useEffect(() => heading.current?.focus(), [])

  // Moved points: the drawn routes no longer answer the request.
  const changeTrip = (next: Trip) => {
    setTrip(next)
    setRequest(null)
    setInvalid(null)
    setEditing(true)
  }
  useRouteMap(map, { trip, plan: answer, selected, onPlace: (at) => changeTrip(place(trip, at)), onSelect: setSelected })

  // A new plan: its best choice selected, all of it in view beside the sheet, the list read first.
  useEffect(() => {
    if (!answer) return
    setSelected(0)
    setEditing(false)
    const bounds = boundsOf([...answer.routes, answer.shortest])
    if (map && bounds) map.fitBounds(bounds, { padding: sheetPadding(map, sheet.current, 24), maxZoom: 17, duration: 600 })
    requestAnimationFrame(() => {
      if (sheet.current) sheet.current.scrollTop = 0
      resultsHeading.current?.focus({ preventScroll: true })
    })
  }, [answer, map])

  const submit = (distanceOverride?: number) => {
    const departAt = fromLondonLocal(choices.when)?.toISOString()
    const metres = distanceOverride ?? Math.round(Number(choices.km.replace(',', '.')) * 1000)
    const limits = settings?.loopMetres
    const missing = !trip.start
      ? trip.kind === 'loop'
        ? t('routes.invalid.loopStart')
        : t('routes.invalid.routeStart')
      : trip.kind === 'route' && !trip.end
        ? t('routes.invalid.end')
        : trip.kind === 'loop' && limits && !(metres >= limits.min && metres <= limits.max)
          ? t('routes.invalid.distance', { min: distanceText(limits.min), max: distanceText(limits.max) })
          : choices.when && !departAt
            ? t('routes.invalid.when')
            : null
    setInvalid(missing)
    if (missing || !trip.start) return
    if (distanceOverride) setChoices({ ...choices, km: String(distanceOverride / 1000) })
    const next: RouteRequest = {
      from: trip.start,
      ...(trip.kind === 'route' && trip.end ? { to: trip.end } : { distanceMeters: metres }),
      ...(departAt ? { departAt } : {}),
      profile: choices.profile,
    }
    setRequest(next)
    // Asked again as it was: the answer in hand is the answer, and the list comes back.
    if (cache.getQueryData(['routes', next])) setEditing(false)
  }

  const failure = invalid
    ? { message: invalid }
    : request && plan.error
      ? planFailure(plan.error)
      : null
  const busy = request !== null && plan.isFetching
  return (
    <section className="sheet route-panel" aria-labelledby={`${ids}-title`} ref={sheet}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {t('routes.title')}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('routes.close')}>
          ×
        </button>
      </header>
      {editing && <p className="note">{t('routes.note')}</p>}
      {answer && !editing && (
        <div className="route-summary">
          <p>
            {answer.kind === 'loop'
              ? t('routes.summary.loop', { distance: distanceText(Number(choices.km) * 1000), when: whenText(choices.when), profile: choices.profile })
              : t('routes.summary.route', { when: whenText(choices.when), profile: choices.profile })}
          </p>
          <button type="button" aria-expanded={false} onClick={() => setEditing(true)}>
            {t('routes.change')}
          </button>
        </div>
      )}
      <RouteForm
        map={map}
        trip={trip}
        onTrip={changeTrip}
        onPlace={(at) => changeTrip(place(trip, at))}
        choices={choices}
        onChoices={setChoices}
        loopMetres={settings?.loopMetres}
        clubs={clubs}
        failure={failure}
        busy={busy}
        hidden={!editing}
        onSubmit={submit}
      />
      <p className="visually-hidden" role="status">
        {busy ? t('routes.finding') : answer ? t('routes.found', { count: answer.routes.length }) : ''}
      </p>
      {answer && <RouteResults plan={answer} selected={selected} onSelect={setSelected} heading={resultsHeading} start={trip.start} when={choices.when} />}
      {!answer && <ClubTools route={null} kind="loop" start={trip.start} when={choices.when} />}
    </section>
  )
}

function planFailure(error: Error): { message: string; fitsMeters?: number } {
  const fits = error instanceof ApiFailure && error.code === 'loop_too_long' ? Number(error.details?.longestMeters) : NaN
  return { message: explainPlanFailure(error), ...(fits >= 1000 ? { fitsMeters: fits } : {}) }
}
