import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { fromLondonLocal, londonClock } from '../../common/london-time.ts'
import { DAYS } from '../../server/patrols/schedule.ts'
import { t } from '../i18n/intl.ts'
import { londonWhenText } from '../time-words.ts'
import { clubKeys, scheduleClubRun } from './api.ts'
import { explainClubFailure } from './words.ts'
import './clubs.css'

/**
 * A club run on the saved route, at a London date and time, once or every week from then (until
 * an optional last date): officers see it and can join ("run and talk"). A weekly run keeps its
 * London clock time across the clock changes (the server works each date out in London time).
 */
export function ScheduleRun({ clubId, savedId, when }: { clubId: number; savedId: number; when: string }) {
  const ids = useId()
  const [at, setAt] = useState(when)
  const [weekly, setWeekly] = useState(false)
  const [until, setUntil] = useState('')
  const [notes, setNotes] = useState('')
  const [invalid, setInvalid] = useState(false)
  const cache = useQueryClient()
  const schedule = useMutation({
    mutationFn: (run: Parameters<typeof scheduleClubRun>[1]) => scheduleClubRun(clubId, run),
    onSuccess: () => cache.invalidateQueries({ queryKey: clubKeys.runs(clubId) }),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const startsAt = fromLondonLocal(at)
    setInvalid(!startsAt)
    if (!startsAt) return
    const text = notes.trim()
    const extra = { savedRouteId: savedId, ...(text ? { notes: text } : {}) }
    if (!weekly) return schedule.mutate({ ...extra, startsAt: startsAt.toISOString() })
    // The London date and clock time of the first run, its weekday the run's.
    const c = londonClock(startsAt)
    schedule.mutate({ ...extra, weekly: { day: DAYS[c.weekday - 1]!, startTime: c.time, from: c.date, ...(until ? { until } : {}) } })
  }
  const done = schedule.data
  const message = invalid
    ? { text: t('clubs.schedule.needWhen'), problem: true }
    : schedule.error
      ? { text: explainClubFailure(schedule.error), problem: true }
      : done
        ? { text: t(done.weekly ? 'clubs.schedule.doneWeekly' : 'clubs.schedule.done', { when: londonWhenText(done.startsAt) }), problem: false }
        : null
  return (
    <form className="stack club-form" onSubmit={submit} noValidate aria-label={t('clubs.schedule.title')}>
      <label htmlFor={`${ids}-at`}>{weekly ? t('clubs.schedule.firstAt') : t('clubs.schedule.at')}</label>
      <input id={`${ids}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
      <label className="choice">
        <input type="checkbox" checked={weekly} onChange={(e) => setWeekly(e.target.checked)} />
        {t('clubs.schedule.weekly')}
      </label>
      {weekly && (
        <>
          <label htmlFor={`${ids}-until`}>{t('clubs.schedule.until')}</label>
          <input id={`${ids}-until`} type="date" value={until} min={at.slice(0, 10)} onChange={(e) => setUntil(e.target.value)} />
        </>
      )}
      <label htmlFor={`${ids}-notes`}>{t('clubs.schedule.notes')}</label>
      <input id={`${ids}-notes`} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" disabled={schedule.isPending}>
        {schedule.isPending ? t('clubs.schedule.scheduling') : t('clubs.schedule.title')}
      </button>
      {message && (
        <p className={message.problem ? 'error' : 'hint'} role={message.problem ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  )
}
