import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { t } from '../i18n/intl.ts'
import { clubKeys, updateSavedRoute } from './api.ts'
import { explainClubFailure } from './words.ts'
import './clubs.css'

type Saved = { id: number; name: string; notes: string | null; usualStartTime: string | null }

/** Renames a saved route and changes its notes and usual start time (an empty field clears it). */
export function EditSavedRoute({ clubId, route, onDone }: { clubId: number; route: Saved; onDone: () => void }) {
  const ids = useId()
  const cache = useQueryClient()
  const [name, setName] = useState(route.name)
  const [notes, setNotes] = useState(route.notes ?? '')
  const [time, setTime] = useState(route.usualStartTime ?? '')
  const [missing, setMissing] = useState(false)
  const save = useMutation({
    mutationFn: () => updateSavedRoute(clubId, route.id, { name: name.trim(), notes: notes.trim() || null, usualStartTime: time || null }),
    // The runs list names the route too.
    onSuccess: () => cache.invalidateQueries({ queryKey: clubKeys.all }).then(onDone),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMissing(!name.trim())
    if (name.trim()) save.mutate()
  }
  return (
    <form className="stack club-form" onSubmit={submit} noValidate aria-label={t('clubs.edit.title', { route: route.name })}>
      <label htmlFor={`${ids}-name`}>{t('clubs.edit.name')}</label>
      <input id={`${ids}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${ids}-notes`}>{t('clubs.edit.notes')}</label>
      <textarea id={`${ids}-notes`} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <label htmlFor={`${ids}-time`}>{t('clubs.edit.usualStart')}</label>
      <input id={`${ids}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      {(missing || save.error) && (
        <p className="error" role="alert">
          {missing ? t('clubs.edit.needName') : explainClubFailure(save.error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? t('clubs.edit.saving') : t('clubs.edit.save')}
      </button>
    </form>
  )
}
