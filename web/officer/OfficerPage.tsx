import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import {
  ApiFailure,
  fetchMapInfo,
  fetchMe,
  login,
  logout,
  bboxFits,
  fetchOfficerConcerns,
  mergeConcern,
  officerConcernsUrl,
  updateConcern,
  type Bbox,
  type MapInfo,
  type OfficerConcern,
  type OfficerList,
  type OfficerQuery,
  type User,
} from '../api.ts'
import { categoryLabel, monthLabel, statusLabel, statuses, timeBandLabel, type Status } from '../concerns/vocabulary.ts'
import { officerConcernLayers } from '../map/layers/concerns.ts'
import { officerConcernSourceId } from '../map/sources/concerns.ts'
import { PatrolPlanner } from '../patrols/PatrolPlanner.tsx'
import { MapView } from './MapView.tsx'
import { WalkAndTalk } from './WalkAndTalk.tsx'
import { SignInFields } from './SignInFields.tsx'
import { LinkToPatrol } from '../patrols/LinkToPatrol.tsx'
import { fetchPatrols, type Patrol } from '../patrols/officer-api.ts'

const canModerate = (user: User | null | undefined) => user?.role === 'officer' || user?.role === 'admin'

/** /officer: sign in, then the moderation panel (only for officers and admins). */
export function OfficerPage() {
  const [user, setUser] = useState<User | null>()
  useEffect(() => {
    fetchMe()
      .then(setUser)
      .catch(() => setUser(null))
  }, [])

  if (user === undefined) return <main className="page"><p aria-live="polite">Checking your sign-in…</p></main>
  if (!canModerate(user)) return <SignIn signedInAs={user} onSignedIn={setUser} />
  return <Moderation user={user!} onSignedOut={() => setUser(null)} />
}

function SignIn({ signedInAs, onSignedIn }: { signedInAs: User | null; onSignedIn: (user: User) => void }) {
  const id = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setProblem(undefined)
    try {
      const user = await login(email, password)
      if (!canModerate(user)) setProblem('This account cannot moderate concerns.')
      onSignedIn(user)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Sign-in failed')
    } finally {
      setBusy(false)
    }
  }
  return (
    <main className="page narrow">
      <p>
        <a href="/">← Common Ground map</a>
      </p>
      <h1>Officer sign-in</h1>
      {signedInAs && <p className="note">Signed in as {signedInAs.email}, which cannot moderate concerns.</p>}
      <form onSubmit={submit} className="stack">
        <SignInFields id={id} email={email} onEmail={setEmail} password={password} onPassword={setPassword} problem={problem} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}

function Moderation({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const id = useId()
  const [query, setQuery] = useState<OfficerQuery>({ status: '', includeHidden: false, includeSamples: false })
  const [data, setData] = useState<OfficerList>()
  const [problem, setProblem] = useState<string>()
  const [selected, setSelected] = useState<number | null>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [info, setInfo] = useState<Pick<MapInfo, 'bounds' | 'styleUrl'>>()
  const [walking, setWalking] = useState(false)
  const [tab, setTab] = useState<'concerns' | 'patrols'>('concerns')
  const [inView, setInView] = useState(false)
  const [view, setView] = useState<Bbox | null>(null)
  const walkButton = useRef<HTMLButtonElement>(null)
  const wasWalking = useRef(false)

  useEffect(() => {
    fetchMapInfo()
      .then(setInfo)
      .catch(() => setInfo({ bounds: null, styleUrl: null }))
  }, [])

  // The plans a concern can be answered with, read again on coming back from the Patrols view.
  const [plans, setPlans] = useState<Patrol[] | null>()
  useEffect(() => {
    if (tab !== 'concerns') return
    let current = true
    fetchPatrols()
      .then((list) => current && setPlans(list.features))
      .catch(() => current && setPlans(null))
    return () => {
      current = false
    }
  }, [tab])

  // The map's view, for "only concerns in the map view" (followed only while that is asked for).
  useEffect(() => {
    if (!map || !inView) return
    const track = () => {
      const b = map.getBounds()
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => Number(n.toFixed(6))) as Bbox)
    }
    track()
    map.on('moveend', track)
    map.on('resize', track)
    return () => {
      map.off('moveend', track)
      map.off('resize', track)
    }
  }, [map, inView])

  // Only the last answer counts: the view may move again before the previous list arrives.
  const latest = useRef(0)
  const area = inView ? view : null
  const reload = useCallback(() => {
    const call = ++latest.current
    // The server filters by a view of at most 0.1° a side; a wider one is filtered here.
    const serverBbox = area && bboxFits(area) ? area : null
    fetchOfficerConcerns(query, serverBbox)
      .then((collection) => {
        if (call !== latest.current) return
        setData(area && !serverBbox ? { ...collection, features: collection.features.filter((f) => within(f.geometry.coordinates, area)) } : collection)
        setProblem(undefined)
      })
      .catch((error: unknown) => call === latest.current && setProblem(error instanceof Error ? error.message : String(error)))
  }, [query, area])
  useEffect(reload, [reload])

  // Back from a walk: focus returns to the button that started it.
  useEffect(() => {
    if (wasWalking.current && !walking) walkButton.current?.focus()
    wasWalking.current = walking
  }, [walking])

  useEffect(() => {
    if (!map || !data) return
    ;(map.getSource(officerConcernSourceId) as GeoJSONSource | undefined)?.setData(data)
  }, [map, data])

  useEffect(() => {
    if (!map) return
    const ring = officerConcernLayers[1]!.id
    if (map.getLayer(ring)) map.setFilter(ring, ['==', ['get', 'id'], selected ?? -1])
  }, [map, selected])

  useEffect(() => {
    if (!map) return
    const layer = officerConcernLayers[0]!.id
    if (walking || tab === 'patrols') return
    const onClick = (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0]
      if (feature) {
        const picked = Number(feature.properties.id)
        setSelected(picked)
        document.getElementById(`concern-${picked}`)?.scrollIntoView({ block: 'nearest' })
      }
    }
    map.on('click', layer, onClick)
    return () => void map.off('click', layer, onClick)
  }, [map, walking, tab])

  const select = (concern: OfficerConcern, coordinates: number[]) => {
    setSelected(concern.id === selected ? null : concern.id)
    if (concern.id !== selected) map?.easeTo({ center: coordinates as [number, number], zoom: Math.max(map.getZoom(), 16) })
  }

  const signOut = async () => {
    await logout().catch(() => {})
    onSignedOut()
  }

  const exportQuery = { status: query.status, includeHidden: query.includeHidden }
  // Exports follow the area filter when the server can apply it (a view of at most 0.1° a side).
  const exportArea = area && bboxFits(area) ? area : null
  const exportUrl = (format: 'csv' | 'geojson') => officerConcernsUrl({ ...exportQuery, format, bbox: exportArea })
  return (
    <main className="moderation">
      <header className="moderation-head">
        <h1>{tab === 'patrols' ? 'Patrols and coverage' : 'Concerns to moderate'}</h1>
        <div className="view-switch" role="group" aria-label="View">
          <button type="button" aria-pressed={tab === 'concerns'} onClick={() => setTab('concerns')}>
            Concerns
          </button>
          <button
            type="button"
            aria-pressed={tab === 'patrols'}
            disabled={walking}
            onClick={() => {
              setSelected(null)
              setTab('patrols')
            }}
          >
            Patrols
          </button>
        </div>
        <span className="muted">
          {user.name || user.email} ({user.role})
        </span>
        <a href="/">Public map</a>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <div className={walking ? 'moderation-body walking' : 'moderation-body'}>
        {tab === 'patrols' && (
          <section className="moderation-list" aria-label="Patrols">
            <PatrolPlanner map={map} bounds={info?.bounds as Bbox | null | undefined} />
          </section>
        )}
        {!walking && tab === 'concerns' && (
          <section className="moderation-list" aria-labelledby={`${id}-list`}>
            <h2 id={`${id}-list`} className="visually-hidden">
              List
            </h2>
            <button
              type="button"
              className="primary walk-button"
              ref={walkButton}
              onClick={() => {
                setSelected(null)
                setWalking(true)
              }}
            >
              Record a walk-and-talk concern
            </button>
            <div className="row filters">
              <label>
                Status{' '}
                <select value={query.status} onChange={(e) => setQuery({ ...query, status: e.target.value as Status | '' })}>
                  <option value="">Any</option>
                  {statuses.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="choice">
                <input type="checkbox" checked={!!query.includeHidden} onChange={(e) => setQuery({ ...query, includeHidden: e.target.checked })} />
                Hidden too
              </label>
              <label className="choice">
                <input type="checkbox" checked={!!query.includeSamples} onChange={(e) => setQuery({ ...query, includeSamples: e.target.checked })} />
                Samples too
              </label>
              <label className="choice">
                <input type="checkbox" checked={inView} onChange={(e) => setInView(e.target.checked)} />
                Only concerns in the map view
              </label>
            </div>
            <p className="row">
              Export{exportArea ? ' (the map view)' : ''}:{' '}
              <a href={exportUrl('csv')} download="concerns.csv">
                CSV
              </a>
              <a href={exportUrl('geojson')} download="concerns.geojson">
                GeoJSON
              </a>
            </p>
            {area && !exportArea && <p className="hint">The map view is too wide to limit the exports to it: zoom in, or they cover every area.</p>}
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            {data && (
              <p className="muted" aria-live="polite">
                {data.features.length} {data.features.length === 1 ? 'concern' : 'concerns'}
                {inView ? ' in the map view' : ''}
                {data.truncated ? ' (the first 5,000: narrow the filters to see the rest)' : ''}
              </p>
            )}
            <ul className="concern-list">
              {data?.features.map((feature) => {
                const c = feature.properties
                const open = c.id === selected
                return (
                  <li key={c.id} id={`concern-${c.id}`} className={open ? 'open' : ''}>
                    <button type="button" className="item" aria-expanded={open} onClick={() => select(c, feature.geometry.coordinates)}>
                      <strong>
                        #{c.id} {categoryLabel(c.category)}
                      </strong>
                      {c.sample && <span className="badge">sample</span>}
                      {c.hidden && <span className="badge">hidden</span>}
                      {c.source === 'walk_and_talk' && <span className="badge">walk and talk</span>}
                      <span className="muted">
                        {' '}
                        · {statusLabel(c.status)} · {monthLabel(c.month)} · {c.supportCount} support
                      </span>
                    </button>
                    {open && <Editor concern={c} plans={plans} onSaved={reload} />}
                  </li>
                )
              })}
            </ul>
          </section>
        )}
        <div className="moderation-map">{info && <MapView info={info} showCrime={false} onMap={setMap} label="Map of concerns" />}</div>
        {walking && <WalkAndTalk map={map} onRecorded={reload} onClose={() => setWalking(false)} />}
      </div>
    </main>
  )
}

function Editor({ concern, plans, onSaved }: { concern: OfficerConcern; plans: Patrol[] | null | undefined; onSaved: () => void }) {
  const id = useId()
  const [status, setStatus] = useState<Status>(concern.status)
  const [summary, setSummary] = useState(concern.publicSummary ?? '')
  const [response, setResponse] = useState(concern.publicResponse ?? '')
  const [into, setInto] = useState('')
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage(undefined)
    try {
      await action()
      setMessage(done)
      onSaved()
    } catch (error) {
      setMessage(error instanceof ApiFailure ? error.message : 'That did not work. Try again.')
    } finally {
      setBusy(false)
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault()
    void run(
      () => updateConcern(concern.id, { status, publicSummary: summary.trim() || null, publicResponse: response.trim() || null }),
      'Saved.',
    )
  }

  return (
    <form className="editor stack" onSubmit={save} aria-label={`Moderate concern ${concern.id}`}>
      <p>
        <span className="muted">When:</span> {concern.timeBands.map(timeBandLabel).join(', ')} ({concern.days}) ·{' '}
        <span className="muted">Source:</span> {concern.source}
      </p>
      <p className="private">
        <span className="muted">Resident's words (private):</span> {concern.description || <em>none</em>}
      </p>
      <label htmlFor={`${id}-status`}>Status</label>
      <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
        {statuses.map((s) => (
          <option key={s.slug} value={s.slug}>
            {s.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-summary`}>Public summary</label>
      <textarea id={`${id}-summary`} rows={2} maxLength={1000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <label htmlFor={`${id}-response`}>Public response</label>
      <textarea id={`${id}-response`} rows={3} maxLength={2000} value={response} onChange={(e) => setResponse(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => updateConcern(concern.id, { hidden: !concern.hidden }), concern.hidden ? 'Shown again.' : 'Hidden.')}
        >
          {concern.hidden ? 'Unhide' : 'Hide'}
        </button>
      </div>
      <div className="row">
        <label htmlFor={`${id}-into`}>Merge into concern #</label>
        <input id={`${id}-into`} inputMode="numeric" pattern="[0-9]*" size={6} value={into} onChange={(e) => setInto(e.target.value)} />
        <button
          type="button"
          disabled={busy || !/^\d+$/.test(into)}
          onClick={() => void run(() => mergeConcern(concern.id, Number(into)), `Merged into #${into}.`)}
        >
          Merge
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
      <LinkToPatrol concern={concern} plans={plans} onChanged={onSaved} />
    </form>
  )
}

const within = ([lng, lat]: number[], [west, south, east, north]: Bbox) =>
  lng! >= west && lng! <= east && lat! >= south && lat! <= north
