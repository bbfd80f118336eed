import { useEffect, useId, useState } from 'react'
import { londonWhenText } from '../time-words.ts'
import { distanceText } from '../routes/words.ts'
import { fetchClubRuns, joinClubRun, type ClubRun } from './officer-api.ts'
import { explainPatrolFailure } from './words.ts'

/** Upcoming club runs an officer can join ("run and talk"), with Join / Leave. */
export function ClubRuns() {
  const ids = useId()
  const [runs, setRuns] = useState<ClubRun[]>()
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<number | null>(null)

  useEffect(() => {
    let current = true
    fetchClubRuns()
      .then((list) => current && setRuns(list))
      .catch((error: unknown) => current && setProblem(explainPatrolFailure(error, 'The club runs could not be loaded.').join(' ')))
    return () => {
      current = false
    }
  }, [])

  const toggle = async (run: ClubRun) => {
    const join = !run.properties.joinedByMe
    setBusy(run.properties.id)
    setProblem(null)
    try {
      const { officers } = await joinClubRun(run.properties.id, join)
      setRuns((list) => list?.map((r) => (r.properties.id === run.properties.id ? { ...r, properties: { ...r.properties, officers, joinedByMe: join } } : r)))
    } catch (error) {
      setProblem(explainPatrolFailure(error, 'That did not work. Try again.').join(' '))
    } finally {
      setBusy(null)
    }
  }

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
                <button type="button" disabled={busy === r.id} onClick={() => void toggle(run)} aria-label={`${r.joinedByMe ? 'Leave' : 'Join'} ${r.routeName}, ${londonWhenText(r.startsAt)}`}>
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
