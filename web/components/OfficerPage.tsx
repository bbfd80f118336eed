import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import {
  ApiFailure,
  fetchMapInfo,
  fetchMe,
  fetchOfficerConcerns,
  login,
  logout,
  mergeConcern,
  officerConcernsUrl,
  updateConcern,
  type MapInfo,
  type OfficerCollection,
  type OfficerConcern,
  type OfficerQuery,
  type User,
} from '../api.ts'
import { categoryLabel, monthLabel, statusLabel, statuses, timeBandLabel, type Status } from '../concerns/vocabulary.ts'
import { officerConcernLayers } from '../map/layers/concerns.ts'
import { officerConcernSourceId } from '../map/sources/concerns.ts'
import { MapView } from './MapView.tsx'

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
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
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
  const [data, setData] = useState<OfficerCollection>()
  const [problem, setProblem] = useState<string>()
  const [selected, setSelected] = useState<number | null>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [info, setInfo] = useState<Pick<MapInfo, 'bounds' | 'styleUrl'>>()

  useEffect(() => {
    fetchMapInfo()
      .then(setInfo)
      .catch(() => setInfo({ bounds: null, styleUrl: null }))
  }, [])

  const reload = useCallback(() => {
    fetchOfficerConcerns(query)
      .then((collection) => {
        setData(collection)
        setProblem(undefined)
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
  }, [query])
  useEffect(reload, [reload])

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
  }, [map])

  const select = (concern: OfficerConcern, coordinates: number[]) => {
    setSelected(concern.id === selected ? null : concern.id)
    if (concern.id !== selected) map?.easeTo({ center: coordinates as [number, number], zoom: Math.max(map.getZoom(), 16) })
  }

  const signOut = async () => {
    await logout().catch(() => {})
    onSignedOut()
  }

  const exportQuery = { status: query.status, includeHidden: query.includeHidden }
  return (
    <main className="moderation">
      <header className="moderation-head">
        <h1>Concerns to moderate</h1>
        <span className="muted">
          {user.name || user.email} ({user.role})
        </span>
        <a href="/">Public map</a>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <div className="moderation-body">
        <section className="moderation-list" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="visually-hidden">
            List
          </h2>
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
          </div>
          <p className="row">
            Export: <a href={officerConcernsUrl({ ...exportQuery, format: 'csv' })} download="concerns.csv">CSV</a>
            <a href={officerConcernsUrl({ ...exportQuery, format: 'geojson' })} download="concerns.geojson">
              GeoJSON
            </a>
          </p>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          {data && <p className="muted">{data.features.length} concerns</p>}
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
                    <span className="muted">
                      {' '}
                      · {statusLabel(c.status)} · {monthLabel(c.month)} · {c.supportCount} support
                    </span>
                  </button>
                  {open && <Editor concern={c} onSaved={reload} />}
                </li>
              )
            })}
          </ul>
        </section>
        <div className="moderation-map">{info && <MapView info={info} showCrime={false} onMap={setMap} label="Map of concerns" />}</div>
      </div>
    </main>
  )
}

function Editor({ concern, onSaved }: { concern: OfficerConcern; onSaved: () => void }) {
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
    </form>
  )
}
