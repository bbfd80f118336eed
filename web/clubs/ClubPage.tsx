import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { addDays, londonDate } from '../../common/london-time.ts'
import { CheckingSignIn } from '../auth/CheckingSignIn.tsx'
import { isOrganiser, useMe, useSignOut, type User } from '../auth/session.ts'
import { routeFileUrl } from '../routes/api.ts'
import { distanceText } from '../routes/words.ts'
import { londonWhenText } from '../time-words.ts'
import { cancelClubRun, clubKeys, fetchClubRuns, fetchClubs, fetchSavedRoutes, removeSavedRoute, stopSharing, type Club } from './api.ts'
import { ClubPageSignIn } from './ClubSignIn.tsx'
import { ScheduleRun } from './ScheduleRun.tsx'
import { ShareLink } from './ShareLink.tsx'
import { explainClubFailure } from './words.ts'
import './clubs.css'

/** /club: an organiser's clubs, their saved routes (share links, files) and club runs. */
export function ClubPage() {
  const user = useMe()
  if (user === undefined) return <CheckingSignIn />
  if (!isOrganiser(user)) return <ClubPageSignIn />
  return <ClubLibrary user={user} />
}

function ClubLibrary({ user }: { user: User }) {
  const id = useId()
  const signOut = useSignOut()
  const clubs = useQuery({ queryKey: clubKeys.all, queryFn: fetchClubs })
  const [chosen, setChosen] = useState<number | null>(null)
  const club = clubs.data?.find((c) => c.id === chosen) ?? clubs.data?.[0]
  return (
    <main className="page club-page">
      <header className="club-page-head">
        <Link to="/">← Common Ground map</Link>
        <span className="muted">
          {user.name || user.email}{' '}
          <button type="button" className="link" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </span>
      </header>
      <h1>{club ? club.name : 'Your running club'}</h1>
      {clubs.isPending && <p aria-live="polite">Loading your clubs…</p>}
      {clubs.isError && (
        <p className="error" role="alert">
          Your clubs could not be loaded. Check your connection and try again.
        </p>
      )}
      {clubs.data && clubs.data.length > 1 && (
        <p className="stack">
          <label htmlFor={`${id}-club`}>Club</label>
          <select id={`${id}-club`} value={club?.id} onChange={(e) => setChosen(Number(e.target.value))}>
            {clubs.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {clubs.data?.length === 0 && (
        <p>
          You have no club yet. <Link to="/">Plan a route or a loop on the map</Link> and choose “Save to club”: that makes your club, meeting at the
          route’s start.
        </p>
      )}
      {club && <SavedRoutes club={club} />}
      {club && <ClubRuns club={club} />}
    </main>
  )
}

function SavedRoutes({ club }: { club: Club }) {
  const cache = useQueryClient()
  const saved = useQuery({ queryKey: clubKeys.routes(club.id), queryFn: () => fetchSavedRoutes(club.id) })
  const [scheduling, setScheduling] = useState<number | null>(null)
  const change = useMutation({
    mutationFn: ({ savedId, action }: { savedId: number; action: 'stop-sharing' | 'remove' }) =>
      action === 'remove' ? removeSavedRoute(club.id, savedId) : stopSharing(club.id, savedId),
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.all }),
  })
  return (
    <section aria-labelledby="saved-routes-title">
      <h2 id="saved-routes-title">Saved routes</h2>
      {saved.isPending && <p aria-live="polite">Loading the saved routes…</p>}
      {saved.isError && (
        <p className="error" role="alert">
          {explainClubFailure(saved.error)}
        </p>
      )}
      {saved.data?.length === 0 && (
        <p className="hint">
          No saved routes yet: <Link to="/">plan one on the map</Link>, then choose “Save to club”.
        </p>
      )}
      {change.error && (
        <p className="error" role="alert">
          {explainClubFailure(change.error)}
        </p>
      )}
      <ul className="saved-routes">
        {saved.data?.map(({ properties: route }) => (
          <li key={route.id}>
            <h3>{route.name}</h3>
            <p className="hint">
              {route.kind === 'loop' ? 'Loop' : 'Route'}
              {route.lengthMeters !== null && `, ${distanceText(route.lengthMeters)}`}
              {route.usualStartTime && `, usually at ${route.usualStartTime}`}
              {route.shared ? ', shared by link' : ''}
            </p>
            {route.notes && <p>{route.notes}</p>}
            <div className="club-actions">
              <a href={routeFileUrl(route.routeId)} download>
                Download GPX
              </a>
              <ShareLink clubId={club.id} savedId={route.id} />
              {route.shared && (
                <button type="button" disabled={change.isPending} onClick={() => change.mutate({ savedId: route.id, action: 'stop-sharing' })}>
                  Stop sharing
                </button>
              )}
              <button type="button" aria-expanded={scheduling === route.id} onClick={() => setScheduling(scheduling === route.id ? null : route.id)}>
                Schedule a run
              </button>
              <button
                type="button"
                disabled={change.isPending}
                onClick={() => confirm(`Remove “${route.name}” from ${club.name}? Its share link stops working.`) && change.mutate({ savedId: route.id, action: 'remove' })}
              >
                Remove
              </button>
            </div>
            {scheduling === route.id && <ScheduleRun clubId={club.id} savedId={route.id} when={nextEvening(route.usualStartTime)} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

function ClubRuns({ club }: { club: Club }) {
  const cache = useQueryClient()
  const runs = useQuery({ queryKey: clubKeys.runs(club.id), queryFn: () => fetchClubRuns(club.id) })
  const cancel = useMutation({
    mutationFn: (runId: number) => cancelClubRun(club.id, runId),
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.runs(club.id) }),
  })
  return (
    <section aria-labelledby="club-runs-title">
      <h2 id="club-runs-title">Club runs</h2>
      <p className="note">Officers see your club runs and can join one to run and talk with members.</p>
      {runs.isError && (
        <p className="error" role="alert">
          {explainClubFailure(runs.error)}
        </p>
      )}
      {runs.data?.length === 0 && <p className="hint">No club runs scheduled.</p>}
      {cancel.error && (
        <p className="error" role="alert">
          {explainClubFailure(cancel.error)}
        </p>
      )}
      <ul className="club-runs">
        {runs.data?.map((run) => (
          <li key={run.id}>
            <strong>{londonWhenText(run.startsAt)}</strong>: {run.routeName}
            {run.notes && <span className="hint"> ({run.notes})</span>}
            <p className="hint">
              {run.officers.length === 0 ? 'No officer has joined yet.' : `Joined by ${run.officers.map((o) => o.name).join(', ')}.`}
            </p>
            <button type="button" disabled={cancel.isPending} onClick={() => confirm(`Cancel the run on ${londonWhenText(run.startsAt)}?`) && cancel.mutate(run.id)}>
              Cancel the run
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Tomorrow at the route's usual start time (or 19:00), as the date-and-time field's London value. */
const nextEvening = (usual: string | null): string => `${addDays(londonDate(new Date()), 1)}T${usual ?? '19:00'}`
