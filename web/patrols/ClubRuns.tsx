import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
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
    mutationFn: (run: ClubRun) => joinClubRun(run.properties.id, !run.properties.joinedByMe),
    onSuccess: ({ officers }, run) =>
      cache.setQueryData<ClubRun[]>(['club-runs'], (list) =>
        list?.map((r) => (r.properties.id === run.properties.id ? { ...r, properties: { ...r.properties, officers, joinedByMe: !run.properties.joinedByMe } } : r)),
      ),
  })
  const busy = toggle.isPending ? toggle.variables.properties.id : null
  const problem = listed.error
    ? explainPatrolFailure(listed.error, 'The club runs could not be loaded.').join(' ')
    : toggle.error
      ? explainPatrolFailure(toggle.error, 'That did not work. Try again.').join(' ')
      : null

  return (
    <section className="club-runs" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Club runs to join</h2>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {runs && runs.length === 0 && <p className="muted">No club runs in the next 30 days.</p>}
      {runs && runs.length > 0 && (
        <ul className="run-list">
          {runs.map((run) => {
            const r = run.properties
            return (
              <li key={r.id}>
                <p>
                  <strong>{r.routeName}</strong> with {r.clubName}
                  <br />
                  {londonWhenText(r.startsAt)}
                  {r.lengthMeters ? ` · ${distanceText(r.lengthMeters)}` : ''}
                  {r.officers.length > 0 && ` · officers going: ${r.officers.map((o) => o.name).join(', ')}`}
                </p>
                {r.notes && <p className="muted">{r.notes}</p>}
                <button type="button" disabled={busy === r.id} onClick={() => toggle.mutate(run)} aria-label={`${r.joinedByMe ? 'Leave' : 'Join'} ${r.routeName}, ${londonWhenText(r.startsAt)}`}>
                  {r.joinedByMe ? 'Leave' : 'Join'}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
