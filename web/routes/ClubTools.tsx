import { useId, useState, type FormEvent } from 'react'
import { ApiFailure, login, type LngLat, type User } from '../api.ts'
import { createClub, saveToClub, scheduleClubRun, shareSavedRoute, type Club, type PlannedRoute, type RoutePlan, type SavedRoute } from './api.ts'
import { fromLondonLocal } from '../../common/london-time.ts'
import { londonWhenText } from '../time-words.ts'
import { distanceText } from './words.ts'
import { SignInFields } from '../components/SignInFields.tsx'

/** Club organisers (and admins) keep a club library. */
export const isOrganiser = (user: User | null) => user?.role === 'club' || user?.role === 'admin'

type Props = {
  user: User | null
  onUser: (user: User) => void
  clubs: Club[]
  onClubs: (clubs: Club[]) => void
  /** The selected route; null before any is planned (then only the sign-in shows). */
  route: PlannedRoute | null
  kind: RoutePlan['kind']
  start: LngLat | null
  /** The panel's date and time, whose clock time becomes the usual start time. */
  when: string
}

/** For the selected route: "Save to club" and its share link, or a sign-in for organisers. */
export function ClubTools({ user, onUser, clubs, onClubs, route, kind, start, when }: Props) {
  if (!isOrganiser(user)) return <ClubSignIn user={user} onUser={onUser} />
  if (!route) {
    return (
      <p className="hint club-note">
        Signed in as {user!.name || user!.email}, club organiser: plan a route, then save it to your club.
      </p>
    )
  }
  return <SaveToClub clubs={clubs} onClubs={onClubs} route={route} kind={kind} start={start} when={when} />
}

function SaveToClub({ clubs, onClubs, route, kind, start, when }: Omit<Props, 'user' | 'onUser'> & { route: PlannedRoute }) {
  const ids = useId()
  const [open, setOpen] = useState(false)
  const [clubName, setClubName] = useState('')
  const [clubId, setClubId] = useState<number | null>(null)
  const [name, setName] = useState(() => `${distanceText(route.properties.lengthMeters)} ${kind === 'loop' ? 'loop' : 'route'}`)
  const [notes, setNotes] = useState('')
  const [startTime, setStartTime] = useState(() => when.slice(11, 16))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState<{ club: Club; route: SavedRoute } | null>(null)

  const club = clubs.find((c) => c.id === clubId) ?? clubs[0] ?? null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const missing = !name.trim()
      ? 'Give the route a name.'
      : !club && !clubName.trim()
        ? 'Give your club a name.'
        : !club && !start
          ? 'Choose a start first: it becomes the club’s meeting point.'
          : null
    if (missing) {
      setProblem(missing)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      let target = club
      if (!target) {
        target = await createClub({ name: clubName.trim(), meetingPoint: start! })
        onClubs([...clubs, target])
      }
      const text = notes.trim()
      const entry = await saveToClub(target.id, {
        routeId: route.properties.id,
        name: name.trim(),
        ...(text ? { notes: text } : {}),
        ...(startTime ? { usualStartTime: startTime } : {}),
      })
      setSaved({ club: target, route: entry })
    } catch (error) {
      setProblem(explainClubFailure(error))
    } finally {
      setBusy(false)
    }
  }

  if (saved) {
    return (
      <div className="club-saved">
        <p role="status">
          Saved to {saved.club.name} as “{saved.route.properties.name}”.
        </p>
        <ShareLink clubId={saved.club.id} savedId={saved.route.id} />
        <ScheduleRun clubId={saved.club.id} savedId={saved.route.id} when={when} />
      </div>
    )
  }

  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={`${ids}-form`} onClick={() => setOpen(!open)}>
        Save to club
      </button>
      {open && (
        <form id={`${ids}-form`} className="stack club-form" onSubmit={submit} noValidate>
          {club ? (
            clubs.length > 1 && (
              <>
                <label htmlFor={`${ids}-club`}>Club</label>
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
              <label htmlFor={`${ids}-club-name`}>Club name</label>
              <input
                id={`${ids}-club-name`}
                value={clubName}
                maxLength={200}
                onChange={(e) => setClubName(e.target.value)}
                aria-describedby={`${ids}-club-hint`}
              />
              <p className="hint" id={`${ids}-club-hint`}>
                You have no club yet: this makes one, meeting at this route’s start.
              </p>
            </>
          )}
          <label htmlFor={`${ids}-name`}>Route name</label>
          <input id={`${ids}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={`${ids}-notes`}>Notes (optional)</label>
          <textarea id={`${ids}-notes`} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          <label htmlFor={`${ids}-time`}>Usual start time</label>
          <input id={`${ids}-time`} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : club ? `Save to ${club.name}` : 'Create the club and save'}
          </button>
        </form>
      )}
    </>
  )
}

/** Makes the share link, copies its full address, and shows it (to select by hand if need be). */
function ShareLink({ clubId, savedId }: { clubId: number; savedId: number }) {
  const [link, setLink] = useState<string | null>(null)
  const [state, setState] = useState<'idle' | 'busy' | 'copied' | 'not-copied' | 'failed'>('idle')
  const copy = async () => {
    setState('busy')
    let address = link
    try {
      if (!address) {
        const { url } = await shareSavedRoute(clubId, savedId)
        address = new URL(url, location.origin).href
        setLink(address)
      }
    } catch {
      setState('failed')
      return
    }
    try {
      await navigator.clipboard.writeText(address)
      setState('copied')
    } catch {
      setState('not-copied')
    }
  }
  return (
    <div className="share">
      <button type="button" onClick={copy} disabled={state === 'busy'}>
        Copy share link
      </button>
      <span className="hint" aria-live="polite">
        {state === 'copied'
          ? 'Copied: anyone with the link can see this route.'
          : state === 'not-copied'
            ? 'Could not copy: select the link below and copy it.'
            : state === 'failed'
              ? 'The share link could not be made. Try again.'
              : ''}
      </span>
      {link && (
        <p className="share-link">
          <a href={link}>{link}</a>
        </p>
      )}
    </div>
  )
}

/** A club run on the saved route, at a London date and time: officers see it and can join ("run and talk"). */
function ScheduleRun({ clubId, savedId, when }: { clubId: number; savedId: number; when: string }) {
  const ids = useId()
  const [at, setAt] = useState(when)
  const [notes, setNotes] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const startsAt = fromLondonLocal(at)?.toISOString()
    if (!startsAt) return setMessage({ text: 'Give a date and a time for the run.', problem: true })
    setBusy(true)
    setMessage(null)
    try {
      const run = await scheduleClubRun(clubId, savedId, startsAt, notes.trim())
      setMessage({ text: `Club run on ${londonWhenText(run.startsAt)}: officers can see it and join.`, problem: false })
    } catch (error) {
      setMessage({ text: explainClubFailure(error), problem: true })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="stack club-form" onSubmit={submit} noValidate aria-label="Schedule a club run">
      <label htmlFor={`${ids}-at`}>Club run on (UK time)</label>
      <input id={`${ids}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
      <label htmlFor={`${ids}-notes`}>Notes for the run (optional)</label>
      <input id={`${ids}-notes`} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" disabled={busy}>
        {busy ? 'Scheduling…' : 'Schedule a club run'}
      </button>
      {message && (
        <p className={message.problem ? 'error' : 'hint'} role={message.problem ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  )
}

/** Sign-in for club organisers, folded away; the officers' page admits officers only. */
function ClubSignIn({ user, onUser }: { user: User | null; onUser: (user: User) => void }) {
  const ids = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setProblem(null)
    try {
      const signedIn = await login(email, password)
      if (!isOrganiser(signedIn)) setProblem('This account is not a running club organiser’s: it has no club library.')
      onUser(signedIn)
    } catch (error) {
      setProblem(error instanceof ApiFailure && error.status === 401 ? 'That email and password do not match.' : 'Sign-in failed. Try again.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="club-sign-in">
      <summary>Running club? Sign in to save routes for your club</summary>
      {user && !problem && <p className="hint">Signed in as {user.email}, which has no club library.</p>}
      <form className="stack" onSubmit={submit}>
        <SignInFields id={ids} email={email} onEmail={setEmail} password={password} onPassword={setPassword} problem={problem} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </details>
  )
}

function explainClubFailure(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return 'Your session has ended. Sign in again to save routes.'
    if (error.code === 'already_saved') return 'This club has already saved this route.'
    if (error.code === 'route_not_found') return 'This route has expired. Plan it again, then save it.'
    if (error.code === 'area_not_covered') return 'The start is outside the area this map covers, so it cannot be the club’s meeting point.'
    if (error.code === 'run_in_the_past') return 'That time has passed: choose a time to come for the run.'
    return error.message
  }
  return 'The route could not be saved. Check your connection and try again.'
}
