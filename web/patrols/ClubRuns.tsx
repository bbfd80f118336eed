import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
import { intl, rich, t } from '../i18n/intl.ts'
import { londonWhenText } from '../time-words.ts'
import { distanceText } from '../routes/words.ts'
import { fetchClubRuns, joinClubRun, type ClubRun } from './officer-api.ts'
import { explainPatrolFailure } from './words.ts'

/** Upcoming club runs an officer can join ("run and talk"), with Join / Leave. */
export function ClubRuns() {
  const ids = useId()
  const cache = useQueryClient()
  const listed = useQuery({ queryKey: ['club-runs'], queryFn: fetchClubRuns })
  const runs = listed.data
  const toggle = useMutation({
    mutationFn: (run: ClubRun) => joinClubRun(run.properties.id, run.properties.date, !run.properties.joinedByMe),
    onSuccess: ({ officers }, run) =>
      cache.setQueryData<ClubRun[]>(['club-runs'], (list) =>
        list?.map((r) => (r.id === run.id ? { ...r, properties: { ...r.properties, officers, joinedByMe: !run.properties.joinedByMe } } : r)),
      ),
  })
  const busy = toggle.isPending ? toggle.variables.id : null
  const problem = listed.error
    ? explainPatrolFailure(listed.error, t('patrols.runs.loadFailed')).join(' ')
    : toggle.error
      ? explainPatrolFailure(toggle.error, t('patrols.failed')).join(' ')
      : null

  return (
    <section className="club-runs" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('patrols.runs.title')}</h2>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {runs && runs.length === 0 && <p className="muted">{t('patrols.runs.none', { days: 30 })}</p>}
      {runs && runs.length > 0 && (
        <ul className="run-list">
          {runs.map((run) => {
            const r = run.properties
            return (
              <li key={run.id}>
                <p>
                  {rich('patrols.runs.routeOfClub', { route: r.routeName, club: r.clubName, b: (chunks) => <strong>{chunks}</strong> })}
                  <br />
                  {londonWhenText(r.startsAt)}
                  {r.lengthMeters ? ` · ${distanceText(r.lengthMeters)}` : ''}
                  {r.officers.length > 0 && ` · ${t('patrols.runs.officersGoing', { names: intl().formatList(r.officers.map((o) => o.name)) })}`}
                </p>
                {r.notes && <p className="muted">{r.notes}</p>}
                <button type="button" disabled={busy === run.id} onClick={() => toggle.mutate(run)} aria-label={t(r.joinedByMe ? 'patrols.runs.leaveLabel' : 'patrols.runs.joinLabel', { route: r.routeName, when: londonWhenText(r.startsAt) })}>
                  {r.joinedByMe ? t('patrols.runs.leave') : t('patrols.runs.join')}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
