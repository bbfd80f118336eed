import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { addDays, londonDate } from '../../common/london-time.ts'
import { CheckingSignIn } from '../auth/CheckingSignIn.tsx'
import { isOrganiser, useMe, useSignOut, type User } from '../auth/session.ts'
import { intl, rich, t } from '../i18n/intl.ts'
import { routeFileUrl } from '../routes/api.ts'
import { clockText, distanceText } from '../routes/words.ts'
import { londonWhenText } from '../time-words.ts'
import { cancelClubRun, clubCalendarUrl, clubKeys, fetchClubRuns, fetchClubs, fetchSavedRoutes, removeSavedRoute, stopSharing, type Club, type ClubRun } from './api.ts'
import { ClubPageSignIn } from './ClubSignIn.tsx'
import { EditSavedRoute } from './EditSavedRoute.tsx'
import { ScheduleRun } from './ScheduleRun.tsx'
import { ShareLink } from './ShareLink.tsx'
import { explainClubFailure, PRODUCT, weeklyText } from './words.ts'
import { CalendarFeed } from './CalendarFeed.tsx'
import './clubs.css'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/**
 * /club: the organiser's home: their clubs, each club's saved routes (rename, share or stop
 * sharing, remove, files), its one-off and weekly runs with the officers who joined each date,
 * the club calendar, and sign-out.
 */
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
    <main id={CONTENT_ID} tabIndex={-1} className="page club-page">
      <header className="club-page-head">
        <Link to="/">{t('clubs.backToMap', { product: PRODUCT })}</Link>
        <span className="muted">
          {user.name || user.email}{' '}
          <button type="button" className="link" onClick={() => signOut.mutate()}>
            {t('clubs.signOut')}
          </button>
        </span>
      </header>
      <h1>{club ? club.name : t('clubs.title')}</h1>
      {clubs.isPending && <p aria-live="polite">{t('clubs.loading')}</p>}
      {clubs.isError && (
        <p className="error" role="alert">
          {explainClubFailure(clubs.error)}
        </p>
      )}
      {clubs.data && clubs.data.length > 1 && (
        <p className="stack">
          <label htmlFor={`${id}-club`}>{t('clubs.club')}</label>
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
        <p>{rich('clubs.noClub', { link: (chunks) => <Link to="/">{chunks}</Link> })}</p>
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
  const [editing, setEditing] = useState<number | null>(null)
  const change = useMutation({
    mutationFn: ({ savedId, action }: { savedId: number; action: 'stop-sharing' | 'remove' }) =>
      action === 'remove' ? removeSavedRoute(club.id, savedId) : stopSharing(club.id, savedId),
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.all }),
  })
  return (
    <section aria-labelledby="saved-routes-title">
      <h2 id="saved-routes-title">{t('clubs.saved.title')}</h2>
      {saved.isPending && <p aria-live="polite">{t('clubs.saved.loading')}</p>}
      {saved.isError && (
        <p className="error" role="alert">
          {explainClubFailure(saved.error)}
        </p>
      )}
      {saved.data?.length === 0 && (
        <p className="hint">{rich('clubs.saved.none', { link: (chunks) => <Link to="/">{chunks}</Link> })}</p>
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
            <p className="hint">{savedFacts(route)}</p>
            {route.notes && <p>{route.notes}</p>}
            <div className="club-actions">
              <a href={routeFileUrl(route.routeId)} download>
                {t('clubs.saved.download')}
              </a>
              <button type="button" aria-expanded={editing === route.id} onClick={() => setEditing(editing === route.id ? null : route.id)}>
                {t('clubs.saved.edit')}
              </button>
              <ShareLink key={`${route.id}-${route.shared}`} clubId={club.id} savedId={route.id} showsEnds={route.shared && route.sharedShowsEnds} />
              {route.shared && (
                <button
                  type="button"
                  disabled={change.isPending}
                  onClick={() => confirm(t('clubs.saved.confirmStopSharing', { route: route.name })) && change.mutate({ savedId: route.id, action: 'stop-sharing' })}
                >
                  {t('clubs.saved.stopSharing')}
                </button>
              )}
              <button type="button" aria-expanded={scheduling === route.id} onClick={() => setScheduling(scheduling === route.id ? null : route.id)}>
                {t('clubs.saved.schedule')}
              </button>
              <button
                type="button"
                disabled={change.isPending}
                onClick={() => confirm(t('clubs.saved.confirmRemove', { route: route.name, club: club.name })) && change.mutate({ savedId: route.id, action: 'remove' })}
              >
                {t('clubs.saved.remove')}
              </button>
            </div>
            {editing === route.id && <EditSavedRoute clubId={club.id} route={route} onDone={() => setEditing(null)} />}
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
      <h2 id="club-runs-title">{t('clubs.runs.title')}</h2>
      <p className="note">{t('clubs.runs.note')}</p>
      <p>
        <a href={clubCalendarUrl(club.id)} download>
          {t('clubs.runs.calendar')}
        </a>
        <br />
        <span className="hint">{t('clubs.runs.calendarHint')}</span>
      </p>
      <CalendarFeed club={club} />
      {runs.isError && (
        <p className="error" role="alert">
          {explainClubFailure(runs.error)}
        </p>
      )}
      {runs.data?.length === 0 && <p className="hint">{t('clubs.runs.none')}</p>}
      {cancel.error && (
        <p className="error" role="alert">
          {explainClubFailure(cancel.error)}
        </p>
      )}
      <ul className="club-runs">
        {runs.data?.map((run) => (
          <li key={run.id}>
            {run.weekly
              ? rich('clubs.runs.weeklyItem', { pattern: weeklyText(run.weekly), route: run.routeName, b: (chunks) => <strong>{chunks}</strong> })
              : rich('clubs.runs.item', { when: londonWhenText(run.startsAt), route: run.routeName, b: (chunks) => <strong>{chunks}</strong> })}
            {run.notes && <span className="hint"> ({run.notes})</span>}
            {run.weekly ? (
              <ul className="run-dates hint" aria-label={t('clubs.runs.nextDates')}>
                {run.occurrences.map((o) => (
                  <li key={o.date}>
                    {o.officers.length === 0
                      ? t('clubs.runs.dateNoOfficer', { when: londonWhenText(o.startsAt) })
                      : t('clubs.runs.dateJoinedBy', { when: londonWhenText(o.startsAt), names: officerNames(o.officers) })}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{run.officers.length === 0 ? t('clubs.runs.noOfficer') : t('clubs.runs.joinedBy', { names: officerNames(run.officers) })}</p>
            )}
            <button type="button" disabled={cancel.isPending} onClick={() => confirm(cancelQuestion(run)) && cancel.mutate(run.id)}>
              {run.weekly ? t('clubs.runs.cancelWeekly') : t('clubs.runs.cancel')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

const officerNames = (officers: { name: string }[]) => intl().formatList(officers.map((o) => o.name))

const cancelQuestion = (run: ClubRun) =>
  run.weekly
    ? t('clubs.runs.confirmCancelWeekly', { route: run.routeName, pattern: weeklyText(run.weekly) })
    : t('clubs.runs.confirmCancel', { when: londonWhenText(run.startsAt) })

/** "Loop, 8 km, usually at 18:30, shared by link": what there is to say of a saved route, as a list. */
function savedFacts(route: { kind: string; lengthMeters: number | null; usualStartTime: string | null; shared: boolean; sharedShowsEnds: boolean }): string {
  const facts = [route.kind === 'loop' ? t('clubs.saved.loop') : t('clubs.saved.route')]
  if (route.lengthMeters !== null) facts.push(distanceText(route.lengthMeters))
  if (route.usualStartTime) facts.push(t('clubs.saved.usually', { time: clockText(route.usualStartTime) }))
  if (route.shared) facts.push(route.sharedShowsEnds ? t('clubs.saved.sharedWithEnds') : t('clubs.saved.shared'))
  return intl().formatList(facts, { type: 'unit', style: 'short' })
}

/** Tomorrow at the route's usual start time (or 19:00), as the date-and-time field's London value. */
const nextEvening = (usual: string | null): string => `${addDays(londonDate(new Date()), 1)}T${usual ?? '19:00'}`
