import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import type { LngLat } from '../api/client.ts'
import { isOrganiser, useMe } from '../auth/session.ts'
import { clubKeys, createClub, fetchClubs, saveToClub, type Club, type SavedRoute } from '../clubs/api.ts'
import { ClubSignIn } from '../clubs/ClubSignIn.tsx'
import { ScheduleRun } from '../clubs/ScheduleRun.tsx'
import { ShareLink } from '../clubs/ShareLink.tsx'
import { explainClubFailure } from '../clubs/words.ts'
import { t } from '../i18n/intl.ts'
import type { PlannedRoute, RoutePlan } from './api.ts'
import { distanceText } from './words.ts'

type Props = {
  /** The selected route; null before any is planned (then only the sign-in or a note shows). */
  route: PlannedRoute | null
  kind: RoutePlan['kind']
  start: LngLat | null
  /** The planner's date and time, whose clock time becomes the usual start time. */
  when: string
}

/** For the selected route: "Save to club" and its share link, or a sign-in for organisers. */
export function ClubTools({ route, kind, start, when }: Props) {
  const user = useMe()
  if (!isOrganiser(user)) return <ClubSignIn />
  if (!route) {
    return (
      <p className="hint club-note">{t('routes.club.signedIn', { name: user.name || user.email })}</p>
    )
  }
  return <SaveToClub route={route} kind={kind} start={start} when={when} />
}

function SaveToClub({ route, kind, start, when }: Props & { route: PlannedRoute }) {
  const ids = useId()
  const cache = useQueryClient()
  const clubs = useQuery({ queryKey: clubKeys.all, queryFn: fetchClubs }).data ?? []
  const [open, setOpen] = useState(false)
  const [clubName, setClubName] = useState('')
  const [clubId, setClubId] = useState<number | null>(null)
  const [name, setName] = useState(() => {
    const distance = distanceText(route.properties.lengthMeters)
    return kind === 'loop' ? t('routes.club.loopName', { distance }) : t('routes.club.routeName', { distance })
  })
  const [notes, setNotes] = useState('')
  const [startTime, setStartTime] = useState(() => when.slice(11, 16))
  const [problem, setProblem] = useState<string | null>(null)
  const club = clubs.find((c) => c.id === clubId) ?? clubs[0] ?? null

  const save = useMutation({
    mutationFn: async (): Promise<{ club: Club; route: SavedRoute }> => {
      const target = club ?? (await createClub({ name: clubName.trim(), meetingPoint: start! }))
      const text = notes.trim()
      const entry = await saveToClub(target.id, {
        routeId: route.properties.id,
        name: name.trim(),
        ...(text ? { notes: text } : {}),
        ...(startTime ? { usualStartTime: startTime } : {}),
      })
      return { club: target, route: entry }
    },
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.all }),
    onError: (error) => setProblem(explainClubFailure(error)),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const missing = !name.trim()
      ? t('routes.club.needName')
      : !club && !clubName.trim()
        ? t('routes.club.needClubName')
        : !club && !start
          ? t('routes.club.needStart')
          : null
    setProblem(missing)
    if (!missing) save.mutate()
  }

  if (save.data) {
    const saved = save.data
    return (
      <div className="club-saved">
        <p role="status">{t('routes.club.saved', { club: saved.club.name, route: saved.route.properties.name })}</p>
        <ShareLink clubId={saved.club.id} savedId={saved.route.id} />
        <ScheduleRun clubId={saved.club.id} savedId={saved.route.id} when={when} />
      </div>
    )
  }

  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={`${ids}-form`} onClick={() => setOpen(!open)}>
        {t('routes.club.save')}
      </button>
      {open && (
        <form id={`${ids}-form`} className="stack club-form" onSubmit={submit} noValidate>
          {club ? (
            clubs.length > 1 && (
              <>
                <label htmlFor={`${ids}-club`}>{t('routes.club.club')}</label>
                <select id={`${ids}-club`} value={club.id} onChange={(e) => setClubId(Number(e.target.value))}>
                  {clubs.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </>
            )
          ) : (
            <>
              <label htmlFor={`${ids}-club-name`}>{t('routes.club.clubName')}</label>
              <input id={`${ids}-club-name`} value={clubName} maxLength={200} onChange={(e) => setClubName(e.target.value)} aria-describedby={`${ids}-club-hint`} />
              <p className="hint" id={`${ids}-club-hint`}>
                {t('routes.club.clubHint')}
              </p>
            </>
          )}
          <label htmlFor={`${ids}-name`}>{t('routes.club.routeNameLabel')}</label>
          <input id={`${ids}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={`${ids}-notes`}>{t('routes.club.notes')}</label>
          <textarea id={`${ids}-notes`} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          <label htmlFor={`${ids}-time`}>{t('routes.club.usualStart')}</label>
          <input id={`${ids}-time`} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('routes.club.saving') : club ? t('routes.club.saveTo', { club: club.name }) : t('routes.club.createAndSave')}
          </button>
        </form>
      )}
    </>
  )
}
