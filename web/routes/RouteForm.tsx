import type { Map as MapLibreMap } from 'maplibre-gl'
import { useId, useState, type FormEvent } from 'react'
import type { LngLat } from '../api/client.ts'
import type { Club } from '../clubs/api.ts'
import { rich, t } from '../i18n/intl.ts'
import { bringIntoView, PLACE_ZOOM, visibleCentre } from '../map/free-area.ts'
import { locateDevice } from '../map/locate.ts'
import { PlaceSearch } from '../places/PlaceSearch.tsx'
import { usePlaceWords } from '../places/use-place-words.ts'
import type { Profile } from './api.ts'
import { nextPoint, placeHint, withDestination, withKind, withNext, type Trip } from './trip.ts'
import { distanceText, percentText, profileHint, profileLabel, PROFILES } from './words.ts'

/** How close loops come to the asked distance (LOOP_TOLERANCE of server/routing/plan.ts). */
const LOOP_TOLERANCE = 0.05

/** The planner's choices besides the points: a loop's distance, the date and time (UK clock), the profile. */
export type RouteChoices = { km: string; when: string; profile: Profile }

type Props = {
  map: MapLibreMap | null
  trip: Trip
  onTrip: (trip: Trip) => void
  /** Places the next point (start or end), from a tap or any of the buttons here. */
  onPlace: (at: LngLat) => void
  choices: RouteChoices
  onChoices: (choices: RouteChoices) => void
  /** The loop distances the server takes (/api/map), in metres. */
  loopMetres: { min: number; max: number } | undefined
  clubs: Club[]
  failure: { message: string; fitsMeters?: number } | null
  busy: boolean
  hidden: boolean
  onSubmit: (distanceOverride?: number) => void
}

/**
 * "Plan a safer route": route or loop, the points, the distance, the time, what matters most. The
 * choice of route or loop follows what is given: picking a place to go to makes it a route there,
 * giving a distance a loop of it, so what is asked is what was last said.
 */
export function RouteForm({ map, trip, onTrip, onPlace, choices, onChoices, loopMetres, clubs, failure, busy, hidden, onSubmit }: Props) {
  const ids = useId()
  const [locating, setLocating] = useState(false)
  const [placeProblem, setPlaceProblem] = useState<string | null>(null)
  const next = nextPoint(trip)
  const startWords = usePlaceWords(trip.start)
  const endWords = usePlaceWords(trip.kind === 'route' ? trip.end : null)

  const placeAt = (at: LngLat, move = false) => {
    setPlaceProblem(null)
    onPlace(at)
    if (move && map) bringIntoView(map, at, PLACE_ZOOM)
  }
  const useMyLocation = () => {
    setPlaceProblem(null)
    setLocating(true)
    locateDevice((at) => placeAt(at, true), setPlaceProblem, () => setLocating(false))
  }
  // Without a pointer: the centre of the map places the next point.
  const useMapCentre = () => {
    if (!map) return
    placeAt(visibleCentre(map))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  const [minKm, maxKm] = loopMetres ? [loopMetres.min / 1000, loopMetres.max / 1000] : [undefined, undefined]

  return (
    <form onSubmit={submit} noValidate hidden={hidden}>
      <fieldset>
        <legend>{t('routes.form.kind')}</legend>
        <div className="row segmented">
          <label className="choice">
            <input type="radio" name={`${ids}-mode`} value="loop" checked={trip.kind === 'loop'} onChange={() => onTrip(withKind(trip, 'loop'))} />
            {t('routes.form.loop')}
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-mode`} value="route" checked={trip.kind === 'route'} onChange={() => onTrip(withKind(trip, 'route'))} />
            {t('routes.form.route')}
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{trip.kind === 'loop' ? t('routes.form.start') : t('routes.form.startAndEnd')}</legend>
        <p className="hint" aria-live="polite">
          {placeHint(trip)}
        </p>
        {(startWords || endWords) && (
          <dl className="trip-places" data-testid="trip-places">
            {startWords && (
              <>
                <dt>{trip.kind === 'loop' ? t('routes.form.startAndFinish') : t('routes.form.from')}</dt>
                <dd>{startWords}</dd>
              </>
            )}
            {endWords && (
              <>
                <dt>{t('routes.form.to')}</dt>
                <dd>{endWords}</dd>
              </>
            )}
          </dl>
        )}
        {trip.kind === 'route' && (
          <div className="row" role="group" aria-label={t('routes.form.tapSets')}>
            <button type="button" aria-pressed={next === 'start'} onClick={() => onTrip(withNext(trip, 'start'))}>
              {t('routes.form.tapSetsStart')}
            </button>
            <button type="button" aria-pressed={next === 'end'} onClick={() => onTrip(withNext(trip, 'end'))}>
              {t('routes.form.tapSetsEnd')}
            </button>
          </div>
        )}
        <PlaceSearch
          label={next === 'end' ? t('routes.form.findEnd') : t('routes.form.findStart')}
          near={() => (map ? visibleCentre(map) : undefined)}
          onChoose={(found) => placeAt(found.centre, true)}
        />
        {trip.kind === 'loop' && (
          <PlaceSearch
            label={t('routes.form.findDestination')}
            near={() => (map ? visibleCentre(map) : undefined)}
            onChoose={(found) => {
              onTrip(withDestination(trip, found.centre))
              if (map) bringIntoView(map, found.centre, PLACE_ZOOM)
            }}
          />
        )}
        <div className="row">
          <button type="button" onClick={useMyLocation} disabled={locating}>
            {locating ? t('routes.form.locating') : t('routes.form.myLocation')}
          </button>
          <button type="button" onClick={useMapCentre}>
            {next === 'end' ? t('routes.form.endAtCentre') : t('routes.form.startAtCentre')}
          </button>
          {clubs.map((club) => (
            <button type="button" key={club.id} onClick={() => placeAt(club.meetingPoint, true)}>
              {t('routes.form.meetingPoint', { club: club.name })}
            </button>
          ))}
        </div>
        {placeProblem && (
          <p className="error" role="alert">
            {placeProblem}
          </p>
        )}
      </fieldset>

      {/* Shown for a route too: giving a distance makes it a loop of that distance. */}
      <div className="field">
        <label htmlFor={`${ids}-km`}>{t('routes.form.distance')}</label>
        <input
          id={`${ids}-km`}
          type="number"
          inputMode="decimal"
          min={minKm}
          max={maxKm}
          step={0.1}
          value={choices.km}
          onChange={(e) => {
            onChoices({ ...choices, km: e.target.value })
            if (trip.kind === 'route') onTrip(withKind(trip, 'loop'))
          }}
          aria-describedby={`${ids}-km-hint`}
        />
        <p className="hint" id={`${ids}-km-hint`}>
          {trip.kind === 'route'
            ? t('routes.form.distanceSwitches')
            : loopMetres
              ? t('routes.form.distanceHint', { min: distanceText(loopMetres.min), max: distanceText(loopMetres.max), tolerance: percentText(LOOP_TOLERANCE) })
              : t('routes.form.distanceHintNoLimits', { tolerance: percentText(LOOP_TOLERANCE) })}
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${ids}-when`}>{t('routes.form.when')}</label>
        <input
          id={`${ids}-when`}
          type="datetime-local"
          value={choices.when}
          onChange={(e) => onChoices({ ...choices, when: e.target.value })}
          aria-describedby={`${ids}-when-hint`}
        />
        <p className="hint" id={`${ids}-when-hint`}>
          {t('routes.form.whenHint')}
        </p>
      </div>

      <fieldset>
        <legend>{t('routes.form.profile')}</legend>
        {PROFILES.map((profile) => (
          <label key={profile} className="choice">
            <input
              type="radio"
              name={`${ids}-profile`}
              value={profile}
              checked={choices.profile === profile}
              onChange={() => onChoices({ ...choices, profile })}
            />
            <span>
              {rich('routes.form.profileOption', {
                label: profileLabel(profile),
                hint: profileHint(profile),
                dim: (chunks) => <span className="muted">{chunks}</span>,
              })}
            </span>
          </label>
        ))}
      </fieldset>

      {failure && (
        <div className="error" role="alert">
          <p>{failure.message}</p>
          {failure.fitsMeters && (
            <button type="button" onClick={() => onSubmit(failure.fitsMeters)}>
              {t('routes.form.planInstead', { distance: distanceText(failure.fitsMeters) })}
            </button>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('routes.finding') : trip.kind === 'loop' ? t('routes.form.findLoops') : t('routes.form.findRoutes')}
      </button>
    </form>
  )
}
