import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fromLondonLocal, toLondonLocal } from '../../common/london-time.ts'
import { patrolBody } from '../../server/patrols/vocabulary.ts'
import { t } from '../i18n/intl.ts'
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
import { explainPatrolFailure, fieldProblems, minutesText, weekDays } from './words.ts'

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
      setProblems(explainPatrolFailure(error, t('patrols.form.saveFailed')))
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
  const previewProblem = points.length >= 2 && previewed.error ? explainPatrolFailure(previewed.error, t('patrols.form.previewFailed')).join(' ') : null

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

  const dayNames = weekDays()
  const toggleDay = (day: WeekDay, on: boolean) =>
    setDays((list) => dayNames.map((d) => d.slug).filter((d) => (d === day ? on : list.includes(d))))

  /** The schedule to send, or what is missing from it. */
  const schedule = (): Schedule | string => {
    const minutes = Number(duration)
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) return t('patrols.form.giveDuration', { min: 5, max: 720 })
    if (!/^\d{2}:\d{2}$/.test(time)) return t('patrols.form.giveStartTime')
    if (kind === 'once') {
      const start = fromLondonLocal(`${date}T${time}`)
      return start ? { start: start.toISOString(), durationMinutes: minutes } : t('patrols.form.giveDate')
    }
    if (days.length === 0) return t('patrols.form.chooseDay')
    if (!validFrom || !validUntil) return t('patrols.form.giveValidDates')
    if (validUntil < validFrom) return t('patrols.form.endBeforeStart')
    return { days, startTime: time, durationMinutes: minutes, validFrom, validUntil }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const when = schedule()
    const missing = !title.trim()
      ? t('patrols.form.giveTitle')
      : waypoints.length < 2
        ? t('patrols.form.twoPoints')
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
      setProblems(fieldProblems(checked.error.issues))
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
          {plan ? t('patrols.form.changeTitle', { title: plan.title }) : t('patrols.draw')}
        </h2>
        <button type="button" onClick={onCancel}>
          {t('patrols.cancel')}
        </button>
      </div>
      <form onSubmit={submit} noValidate aria-label={plan ? t('patrols.form.changeLabel') : t('patrols.form.newLabel')}>
        <fieldset>
          <legend>{t('patrols.form.route')}</legend>
          <p className="hint" aria-live="polite">
            {waypoints.length === 0 ? t('patrols.form.clickStart') : t('patrols.form.points', { count: waypoints.length })}
          </p>
          {preview && (
            <p className="patrol-preview-facts" role="status">
              {totalDwell > 0
                ? t('patrols.form.snappedWithStops', {
                    distance: distanceText(preview.lengthMeters),
                    walk: minutesText(preview.walkMinutes),
                    stops: minutesText(totalDwell),
                  })
                : t('patrols.form.snapped', { distance: distanceText(preview.lengthMeters), walk: minutesText(preview.walkMinutes) })}
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
                  <label htmlFor={`${ids}-dwell-${i}`}>{t('patrols.form.minutesAtPoint', { point: i + 1 })}</label>
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
              {t('patrols.form.undo')}
            </button>
            <button type="button" disabled={waypoints.length === 0} onClick={() => setWaypoints([])}>
              {t('patrols.form.clear')}
            </button>
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-name`}>{t('patrols.form.title')}</label>
          <input id={`${ids}-name`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-team`}>{t('patrols.form.team')}</label>
          <input id={`${ids}-team`} value={team} maxLength={200} onChange={(e) => setTeam(e.target.value)} />
        </div>

        <fieldset>
          <legend>{t('patrols.form.when')}</legend>
          <div className="row segmented">
            <label className="choice">
              <input type="radio" name={`${ids}-kind`} checked={kind === 'weekly'} onChange={() => setKind('weekly')} />
              {t('patrols.form.weekly')}
            </label>
            <label className="choice">
              <input type="radio" name={`${ids}-kind`} checked={kind === 'once'} onChange={() => setKind('once')} />
              {t('patrols.form.once')}
            </label>
          </div>
          {kind === 'weekly' ? (
            <fieldset className="days">
              <legend>{t('patrols.form.days')}</legend>
              <div className="row">
                {dayNames.map((d) => (
                  <label key={d.slug} className="choice day">
                    <input type="checkbox" checked={days.includes(d.slug)} onChange={(e) => toggleDay(d.slug, e.target.checked)} aria-label={d.label} />
                    {d.short}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <div className="field">
              <label htmlFor={`${ids}-date`}>{t('patrols.form.date')}</label>
              <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor={`${ids}-time`}>{t('patrols.form.startTime')}</label>
              <input id={`${ids}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-duration`}>{t('patrols.form.duration')}</label>
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
                <label htmlFor={`${ids}-from`}>{t('patrols.form.validFrom')}</label>
                <input id={`${ids}-from`} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-until`}>{t('patrols.form.validUntil')}</label>
                <input id={`${ids}-until`} type="date" value={validUntil} min={validFrom} onChange={(e) => setValidUntil(e.target.value)} />
              </div>
            </div>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-notes`}>{t('patrols.form.notes')}</label>
          <textarea id={`${ids}-notes`} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby={`${ids}-notes-hint`} />
          <p className="hint" id={`${ids}-notes-hint`}>
            {t('patrols.form.notesHint')}
          </p>
        </div>
        <label className="choice">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} aria-describedby={`${ids}-public-hint`} />
          {t('patrols.form.public')}
        </label>
        <p className="hint" id={`${ids}-public-hint`}>
          {t('patrols.form.publicHint')}
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
          {busy ? t('patrols.form.saving') : plan ? t('patrols.form.saveChanges') : t('patrols.form.save')}
        </button>
      </form>
    </section>
  )
}

const round = (n: number) => Math.round(n * 1e6) / 1e6
const clampMinutes = (value: string) => Math.max(0, Math.min(60, Math.round(Number(value) || 0)))

