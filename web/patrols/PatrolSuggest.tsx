import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { Bbox, LngLat } from '../api/client.ts'
import { timeBandLabel, timeBands, type TimeBand } from '../concerns/vocabulary.ts'
import { t } from '../i18n/intl.ts'
import { bringIntoView, PLACE_ZOOM, visibleCentre } from '../map/free-area.ts'
import { PlaceSearch } from '../places/PlaceSearch.tsx'
import { usePlaceWords } from '../places/use-place-words.ts'
import { boundsOf } from '../routes/route-map.ts'
import { distanceText } from '../routes/words.ts'
import { suggestPatrol, type Suggestion, type Waypoint } from './officer-api.ts'
import { FIT_PADDING, showSuggestion, showWaypoints } from './patrol-map.ts'
import { explainPatrolFailure, minutesText, percentText, weightText } from './words.ts'

type Props = {
  map: MapLibreMap | null
  week: string
  /** The dashboard's area: the gain is measured over it, so the shares match the dashboard's. */
  area: Bbox | null
  /** "Use this patrol": its waypoints (with their minutes) go to the draw form. */
  onUse: (waypoints: Waypoint[], title: string) => void
  onClose: () => void
}

/** Minutes at each hot spot: the Koper curve's 10–15 minute visits. */
const DWELL_MINUTES = 10

/** "Coverage 31% → 52%, +21 weight, 14 concerns". */
const gainText = (gain: Suggestion['gain']) =>
  t('patrols.suggest.gain', {
    before: percentText(gain.coveredShareBefore),
    after: percentText(gain.coveredShareAfter),
    weight: weightText(gain.weightAdded),
    count: gain.concernsAdded,
  })

/** "#2 in Broomfield Park: 3 of 5 uncovered". */
const visitText = (h: Suggestion['hotspots'][number]) =>
  t('patrols.suggest.visit', {
    rank: h.rank,
    kind: h.placeName?.kind ?? 'none',
    name: h.placeName?.name ?? '',
    uncovered: weightText(h.uncoveredWeight),
    weight: weightText(h.weight),
  })

/**
 * "Suggest a patrol": a start, a time of day and a time budget; the server answers a walk from
 * the start and back through the heaviest uncovered hot spots, and what it would add to the
 * week's coverage, before anything is saved.
 */
export function PatrolSuggest({ map, week, area, onUse, onClose }: Props) {
  const ids = useId()
  const [start, setStart] = useState<LngLat | null>(null)
  const [band, setBand] = useState<TimeBand>('evening')
  const [minutes, setMinutes] = useState('60')
  const [invalid, setInvalid] = useState<string | null>(null)
  const suggest = useMutation({
    mutationFn: suggestPatrol,
    onSuccess: (answer) => {
      const bounds = answer.route && boundsOf([answer.route])
      if (map && bounds) map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: 17, duration: 500 })
      requestAnimationFrame(() => result.current?.focus())
    },
  })
  const suggestion = suggest.data ?? null
  const busy = suggest.isPending
  const problem = invalid ?? (suggest.error ? explainPatrolFailure(suggest.error, t('patrols.suggest.failed')).join(' ') : null)
  const heading = useRef<HTMLHeadingElement>(null)
  const result = useRef<HTMLDivElement>(null)

  useEffect(() => heading.current?.focus(), [])

  useEffect(() => {
    if (!map) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => setStart({ lng: round(event.lngLat.lng), lat: round(event.lngLat.lat) })
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map])

  // A new start, time or budget: the suggestion on the map no longer answers it.
  const { reset } = suggest
  useEffect(() => reset(), [reset, start, band, minutes, week])

  useEffect(() => {
    if (!map) return
    showWaypoints(map, [], start)
    showSuggestion(map, suggestion?.route?.geometry ?? null)
  }, [map, start, suggestion])
  useEffect(
    () => () => {
      if (!map) return
      showWaypoints(map, [])
      showSuggestion(map, null)
    },
    [map],
  )

  const useMapCentre = () => {
    if (!map) return
    const { lng, lat } = visibleCentre(map)
    setStart({ lng: round(lng), lat: round(lat) })
  }
  const startWords = usePlaceWords(start)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const budget = Number(minutes)
    const missing = !start
      ? t('patrols.suggest.chooseStart')
      : !Number.isInteger(budget) || budget < 15 || budget > 240
        ? t('patrols.suggest.giveMinutes', { min: 15, max: 240 })
        : null
    setInvalid(missing)
    if (missing || !start) return
    suggest.mutate({ start, timeBand: band, minutes: budget, week, dwellMinutes: DWELL_MINUTES, ...(area ? { area } : {}) })
  }

  return (
    <section className="patrol-suggest" aria-labelledby={`${ids}-title`}>
      <div className="patrol-section-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {t('patrols.suggest')}
        </h2>
        <button type="button" onClick={onClose}>
          {t('patrols.cancel')}
        </button>
      </div>
      <form onSubmit={submit} noValidate aria-label={t('patrols.suggest')}>
        <fieldset>
          <legend>{t('patrols.suggest.startAndFinish')}</legend>
          <p className="hint" aria-live="polite">
            {!start ? t('patrols.suggest.clickStart') : startWords ? t('patrols.suggest.startSetAt', { place: startWords }) : t('patrols.suggest.startSet')}
          </p>
          <PlaceSearch
            label={t('patrols.findPlace')}
            near={() => (map ? visibleCentre(map) : undefined)}
            onChoose={(found) => {
              setStart({ lng: round(found.centre.lng), lat: round(found.centre.lat) })
              if (map) bringIntoView(map, found.centre, PLACE_ZOOM)
            }}
          />
          <button type="button" onClick={useMapCentre}>
            {t('patrols.suggest.startAtCentre')}
          </button>
        </fieldset>
        <div className="row">
          <div className="field">
            <label htmlFor={`${ids}-band`}>{t('patrols.suggest.timeOfDay')}</label>
            <select id={`${ids}-band`} value={band} onChange={(e) => setBand(e.target.value as TimeBand)}>
              {timeBands.map((b) => (
                <option key={b.slug} value={b.slug}>
                  {timeBandLabel(b.slug)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-minutes`}>{t('patrols.suggest.minutes')}</label>
            <input id={`${ids}-minutes`} type="number" inputMode="numeric" min={15} max={240} step={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </div>
        </div>
        <p className="hint">{t('patrols.suggest.dwellHint', { minutes: DWELL_MINUTES })}</p>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('patrols.suggest.finding') : t('patrols.suggest')}
        </button>
      </form>

      {suggestion && (
        <div className="suggestion" ref={result} tabIndex={-1} aria-live="polite" data-testid="suggestion">
          <p className="gain">
            <strong>{gainText(suggestion.gain)}</strong>
          </p>
          <p>
            {t('patrols.suggest.walk', {
              distance: distanceText(suggestion.lengthMeters),
              walk: minutesText(suggestion.walkMinutes),
              stops: minutesText(suggestion.dwellMinutes),
              band: suggestion.timeBand,
            })}
          </p>
          {suggestion.hotspots.length === 0 ? (
            <p className="muted">{t('patrols.suggest.noneInReach')}</p>
          ) : (
            <>
              <p>{t('patrols.suggest.visits')}</p>
              <ul>
                {suggestion.hotspots.map((h) => (
                  <li key={h.rank}>{visitText(h)}</li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            className="primary"
            disabled={hasNoRoute(suggestion)}
            onClick={() => onUse(suggestion.waypoints, t('patrols.suggest.planTitle', { band: suggestion.timeBand }))}
          >
            {t('patrols.suggest.use')}
          </button>
        </div>
      )}
    </section>
  )
}

const hasNoRoute = (s: Suggestion) => s.waypoints.length < 2
const round = (n: number) => Math.round(n * 1e6) / 1e6
