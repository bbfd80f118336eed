import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { fromLondonLocal } from '../../common/london-time.ts'
import { t } from '../i18n/intl.ts'
import { londonWhenText } from '../time-words.ts'
import { clubKeys, scheduleClubRun } from './api.ts'
import { explainClubFailure } from './words.ts'
import './clubs.css'

/** A club run on the saved route, at a London date and time: officers see it and can join ("run and talk"). */
export function ScheduleRun({ clubId, savedId, when }: { clubId: number; savedId: number; when: string }) {
  const ids = useId()
  const [at, setAt] = useState(when)
  const [notes, setNotes] = useState('')
  const [invalid, setInvalid] = useState(false)
  const cache = useQueryClient()
  const schedule = useMutation({
    mutationFn: (startsAt: string) => scheduleClubRun(clubId, savedId, startsAt, notes.trim()),
    onSuccess: () => cache.invalidateQueries({ queryKey: clubKeys.runs(clubId) }),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const startsAt = fromLondonLocal(at)?.toISOString()
    setInvalid(!startsAt)
    if (startsAt) schedule.mutate(startsAt)
  }
  const message = invalid
    ? { text: t('clubs.schedule.needWhen'), problem: true }
    : schedule.error
      ? { text: explainClubFailure(schedule.error), problem: true }
      : schedule.data
        ? { text: t('clubs.schedule.done', { when: londonWhenText(schedule.data.startsAt) }), problem: false }
        : null
  return (
    <form className="stack club-form" onSubmit={submit} noValidate aria-label={t('clubs.schedule.title')}>
      <label htmlFor={`${ids}-at`}>{t('clubs.schedule.at')}</label>
      <input id={`${ids}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
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
