import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fromLondonLocal, toLondonLocal } from '../../common/london-time.ts'
import { patrolBody } from '../../server/patrols/vocabulary.ts'
import { distanceText } from '../routes/words.ts'
import {
  createPatrol,
  isWeekly,
  previewPatrol,
  updatePatrol,
  type Patrol,
  type PatrolBody,
  type Schedule,
  type WeekDay,
  type Waypoint,
} from './officer-api.ts'
import { showPreview, showWaypoints } from './patrol-map.ts'
import { addMonths, today } from './week.ts'
import { explainPatrolFailure, minutesText, weekDays } from './words.ts'

/** What the form starts from: a saved plan to edit, or a suggestion's waypoints, or nothing. */
export type Draft = { plan?: Patrol; waypoints?: Waypoint[]; title?: string }

type Props = {
  map: MapLibreMap | null
  draft: Draft
  onSaved: (plan: Patrol) => void
  onCancel: () => void
}

type Kind = 'weekly' | 'once'

/** The schedule fields as the form holds them: London dates and clock times. */
function scheduleFields(schedule: Schedule | undefined) {
  const start = today()
  const fields = {
    kind: 'weekly' as Kind,
    date: start,
    time: '18:00',
    duration: '60',
    days: [] as WeekDay[],
    validFrom: start,
    validUntil: addMonths(start, 3),
  }
  if (!schedule) return fields
  fields.duration = String(schedule.durationMinutes)
  if (isWeekly(schedule)) return { ...fields, days: schedule.days, time: schedule.startTime, validFrom: schedule.validFrom, validUntil: schedule.validUntil }
  const [date, time] = toLondonLocal(new Date(schedule.start)).split('T') as [string, string]
  return { ...fields, kind: 'once' as Kind, date, time }
}

/**
 * Draw a patrol by clicking its waypoints on the map (the line snapped to the paths appears as
 * they are clicked), set minutes to stay at any of them, schedule it on the London clock, and
 * save it; or change a saved one.
 */
export function PatrolForm({ map, draft, onSaved, onCancel }: Props) {
  const ids = useId()
  const plan = draft.plan?.properties
  const [waypoints, setWaypoints] = useState<Waypoint[]>(() => draft.waypoints ?? plan?.waypoints ?? [])
  const [title, setTitle] = useState(plan?.title ?? draft.title ?? '')
  const [team, setTeam] = useState(plan?.team ?? '')
  const [notes, setNotes] = useState(plan?.notes ?? '')
  const [shown, setShown] = useState(plan?.public ?? false)
  const initial = useRef(scheduleFields(plan?.schedule)).current
  const [kind, setKind] = useState<Kind>(initial.kind)
  const [date, setDate] = useState(initial.date)
  const [time, setTime] = useState(initial.time)
  const [duration, setDuration] = useState(initial.duration)
  const [days, setDays] = useState<WeekDay[]>(initial.days)
  const [validFrom, setValidFrom] = useState(initial.validFrom)
  const [validUntil, setValidUntil] = useState(initial.validUntil)
  const [problems, setProblems] = useState<string[]>([])
  const cache = useQueryClient()
  const save = useMutation({
    mutationFn: (body: PatrolBody) => (plan ? updatePatrol(plan.id, body) : createPatrol(body)),
    onSuccess: async (saved) => {
      await cache.invalidateQueries({ queryKey: ['patrols'] })
      void cache.invalidateQueries({ queryKey: ['coverage'] })
      onSaved(saved)
    },
    onError: (error) => {
      setProblems(explainPatrolFailure(error, 'The patrol could not be saved. Check your connection and try again.'))
      requestAnimationFrame(() => problemBox.current?.focus())
    },
  })
  const busy = save.isPending
  const heading = useRef<HTMLHeadingElement>(null)
  const problemBox = useRef<HTMLDivElement>(null)

  useEffect(() => heading.current?.focus(), [])

  // Each click on the map adds a waypoint at the end.
  useEffect(() => {
    if (!map) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => setWaypoints((list) => [...list, { lng: round(event.lngLat.lng), lat: round(event.lngLat.lat), dwellMinutes: 0 }])
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map])

  // The snapped line for the points so far (dwell minutes do not move it: only the points do).
  const points = waypoints.map((w) => ({ lng: w.lng, lat: w.lat, dwellMinutes: 0 }))
  const previewed = useQuery({
    queryKey: ['patrols', 'preview', points],
    queryFn: ({ signal }) => previewPatrol(points, signal),
    enabled: points.length >= 2,
    retry: false,
  })
  const preview = points.length >= 2 ? (previewed.data ?? null) : null
  const previewProblem = points.length >= 2 && previewed.error ? explainPatrolFailure(previewed.error, 'The line could not be drawn. Try again.').join(' ') : null

  useEffect(() => {
    if (!map) return
    showPreview(map, preview?.geometry ?? null)
    showWaypoints(map, waypoints)
  }, [map, preview, waypoints])
  useEffect(
    () => () => {
      if (!map) return
      showPreview(map, null)
      showWaypoints(map, [])
    },
    [map],
  )

  const setDwell = (index: number, value: string) =>
    setWaypoints((list) => list.map((w, i) => (i === index ? { ...w, dwellMinutes: clampMinutes(value) } : w)))

  const toggleDay = (day: WeekDay, on: boolean) =>
    setDays((list) => weekDays.map((d) => d.slug).filter((d) => (d === day ? on : list.includes(d))))

  /** The schedule to send, or what is missing from it. */
  const schedule = (): Schedule | string => {
    const minutes = Number(duration)
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) return 'Give a duration between 5 and 720 minutes.'
    if (!/^\d{2}:\d{2}$/.test(time)) return 'Give a start time.'
    if (kind === 'once') {
      const start = fromLondonLocal(`${date}T${time}`)
      return start ? { start: start.toISOString(), durationMinutes: minutes } : 'Give the date of the patrol.'
    }
    if (days.length === 0) return 'Choose at least one day of the week.'
    if (!validFrom || !validUntil) return 'Give the dates the schedule runs from and until.'
    if (validUntil < validFrom) return 'The schedule must end on or after the day it starts.'
    return { days, startTime: time, durationMinutes: minutes, validFrom, validUntil }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const when = schedule()
    const missing = !title.trim()
      ? 'Give the patrol a title.'
      : waypoints.length < 2
        ? 'Click at least two points on the map.'
        : typeof when === 'string'
          ? when
          : null
    if (missing || typeof when === 'string') {
      setProblems([missing ?? ''])
      requestAnimationFrame(() => problemBox.current?.focus())
      return
    }
    const body: PatrolBody = {
      title: title.trim(),
      ...(team.trim() ? { team: team.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      public: shown,
      waypoints,
      schedule: when,
    }
    // The server's own rules, checked before sending (they are what it would answer 400 with).
    const checked = patrolBody.safeParse(body)
    if (!checked.success) {
      setProblems(checked.error.issues.map((i) => (i.path.length ? `${i.path.join(' ')}: ${i.message}` : i.message)))
      requestAnimationFrame(() => problemBox.current?.focus())
      return
    }
    setProblems([])
    save.mutate(body)
  }

  const totalDwell = waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0)
  return (
    <section className="patrol-form" aria-labelledby={`${ids}-title`}>
      <div className="patrol-section-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {plan ? `Change “${plan.title}”` : 'Draw a patrol'}
        </h2>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <form onSubmit={submit} noValidate aria-label={plan ? 'Change the patrol' : 'New patrol'}>
        <fieldset>
          <legend>Route</legend>
          <p className="hint" aria-live="polite">
            {waypoints.length === 0
              ? 'Click the map where the patrol starts, then at each place it goes through.'
              : `${waypoints.length} ${waypoints.length === 1 ? 'point' : 'points'}. Click the map to add the next one.`}
          </p>
          {preview && (
            <p className="patrol-preview-facts" role="status">
              Snapped to the paths: {distanceText(preview.lengthMeters)}, {minutesText(preview.walkMinutes)} walking
              {totalDwell > 0 ? ` + ${minutesText(totalDwell)} at the points` : ''}.
            </p>
          )}
          {previewProblem && (
            <p className="error" role="alert">
              {previewProblem}
            </p>
          )}
          {waypoints.length > 0 && (
            <ol className="waypoint-list">
              {waypoints.map((w, i) => (
                <li key={i}>
                  <label htmlFor={`${ids}-dwell-${i}`}>Minutes at point {i + 1}</label>
                  <input
                    id={`${ids}-dwell-${i}`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={60}
                    step={1}
                    value={w.dwellMinutes}
                    onChange={(e) => setDwell(i, e.target.value)}
                  />
                </li>
              ))}
            </ol>
          )}
          <div className="row">
            <button type="button" disabled={waypoints.length === 0} onClick={() => setWaypoints((list) => list.slice(0, -1))}>
              Undo last point
            </button>
            <button type="button" disabled={waypoints.length === 0} onClick={() => setWaypoints([])}>
              Clear the route
            </button>
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-name`}>Title</label>
          <input id={`${ids}-name`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-team`}>Team (optional)</label>
          <input id={`${ids}-team`} value={team} maxLength={200} onChange={(e) => setTeam(e.target.value)} />
        </div>

        <fieldset>
          <legend>When (UK time)</legend>
          <div className="row segmented">
            <label className="choice">
              <input type="radio" name={`${ids}-kind`} checked={kind === 'weekly'} onChange={() => setKind('weekly')} />
              Every week
            </label>
            <label className="choice">
              <input type="radio" name={`${ids}-kind`} checked={kind === 'once'} onChange={() => setKind('once')} />
              Once
            </label>
          </div>
          {kind === 'weekly' ? (
            <fieldset className="days">
              <legend>Days</legend>
              <div className="row">
                {weekDays.map((d) => (
                  <label key={d.slug} className="choice day">
                    <input type="checkbox" checked={days.includes(d.slug)} onChange={(e) => toggleDay(d.slug, e.target.checked)} aria-label={d.label} />
                    {d.short}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <div className="field">
              <label htmlFor={`${ids}-date`}>Date</label>
              <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor={`${ids}-time`}>Start time</label>
              <input id={`${ids}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-duration`}>Duration (minutes)</label>
              <input
                id={`${ids}-duration`}
                type="number"
                inputMode="numeric"
                min={5}
                max={720}
                step={5}
                value={duration}
                onChange={(e) => setDuration(e.target.value)}
              />
            </div>
          </div>
          {kind === 'weekly' && (
            <div className="row">
              <div className="field">
                <label htmlFor={`${ids}-from`}>Valid from</label>
                <input id={`${ids}-from`} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-until`}>Valid until</label>
                <input id={`${ids}-until`} type="date" value={validUntil} min={validFrom} onChange={(e) => setValidUntil(e.target.value)} />
              </div>
            </div>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-notes`}>Notes (optional)</label>
          <textarea id={`${ids}-notes`} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby={`${ids}-notes-hint`} />
          <p className="hint" id={`${ids}-notes-hint`}>
            Officers only: never shown to residents.
          </p>
        </div>
        <label className="choice">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} aria-describedby={`${ids}-public-hint`} />
          Show to the public
        </label>
        <p className="hint" id={`${ids}-public-hint`}>
          Residents then see the route and when it is walked (not the notes).
        </p>

        <div className="patrol-problems" ref={problemBox} tabIndex={-1} role="alert">
          {problems.length === 1 && <p className="error">{problems[0]}</p>}
          {problems.length > 1 && (
            <ul className="error">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : plan ? 'Save the changes' : 'Save the patrol'}
        </button>
      </form>
    </section>
  )
}

const round = (n: number) => Math.round(n * 1e6) / 1e6
const clampMinutes = (value: string) => Math.max(0, Math.min(60, Math.round(Number(value) || 0)))

