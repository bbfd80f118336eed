import { Marker, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import {
  ApiFailure,
  fetchNearbyConcerns,
  reportConcern,
  supportConcern,
  type LngLat,
  type NearbyConcern,
} from '../api.ts'
import {
  categoryGroups,
  categoryLabel,
  dayChoices,
  MAX_DESCRIPTION,
  monthLabel,
  timeBandLabel,
  timeBands,
  type Category,
  type Days,
  type TimeBand,
} from '../concerns/vocabulary.ts'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
  /** After a report or a "me too": the concern layer refetches. */
  onDone: () => void
}

type Outcome = { kind: 'receipt'; token: string } | { kind: 'support'; supportCount: number }

/** The report form: a place (tap or location), a category, when, optional words; or "me too". */
export function ReportFlow({ map, onClose, onDone }: Props) {
  const ids = useId()
  const [point, setPoint] = useState<LngLat | null>(null)
  const [category, setCategory] = useState<Category | ''>('')
  const [bands, setBands] = useState<TimeBand[]>([])
  const [days, setDays] = useState<Days>('any')
  const [description, setDescription] = useState('')
  const [matches, setMatches] = useState<NearbyConcern[]>([])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [locating, setLocating] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => heading.current?.focus(), [outcome])

  // A tap on the map sets the point; the marker shows it.
  useEffect(() => {
    if (!map || outcome) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => setPoint({ lng: event.lngLat.lng, lat: event.lngLat.lat })
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map, outcome])

  useEffect(() => {
    if (!map || !point) return
    const marker = new Marker({ color: '#b02a5b' }).setLngLat(point).addTo(map)
    marker.getElement().setAttribute('aria-label', 'The place you are reporting')
    marker.getElement().setAttribute('role', 'img')
    return () => void marker.remove()
  }, [map, point])

  // "Me too": published concerns of the same category within about 50 m.
  useEffect(() => {
    setMatches([])
    if (!point || !category) return
    const controller = new AbortController()
    fetchNearbyConcerns(point, category, controller.signal)
      .then(({ concerns }) => setMatches(concerns))
      .catch(() => {})
    return () => controller.abort()
  }, [point, category])

  const useMyLocation = () => {
    if (!navigator.geolocation) {
      setProblem('This browser cannot share your location. Tap the map instead.')
      return
    }
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        const at = { lng: position.coords.longitude, lat: position.coords.latitude }
        setPoint(at)
        map?.easeTo({ center: at, zoom: Math.max(map.getZoom(), 16) })
      },
      () => {
        setLocating(false)
        setProblem('Your location could not be found. Tap the map instead.')
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    )
  }

  const useMapCentre = () => {
    if (!map) return
    const centre = map.getCenter()
    setPoint({ lng: centre.lng, lat: centre.lat })
  }

  const toggleBand = (band: TimeBand, on: boolean) =>
    setBands((current) => (on ? [...current.filter((b) => b !== band), band] : current.filter((b) => b !== band)))

  const missing = !point ? 'Choose the place first.' : !category ? 'Choose what made you feel unsafe.' : bands.length === 0 ? 'Choose at least one time of day.' : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (missing || !point || !category) {
      setProblem(missing)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      const text = description.trim()
      const { receipt } = await reportConcern({
        location: point,
        category,
        when: { timeBands: bands, days },
        ...(text ? { description: text } : {}),
      })
      setOutcome({ kind: 'receipt', token: receipt })
      onDone()
    } catch (error) {
      setProblem(explain(error))
    } finally {
      setBusy(false)
    }
  }

  const meToo = async (id: number) => {
    setBusy(true)
    setProblem(null)
    try {
      const { supportCount } = await supportConcern(id)
      setOutcome({ kind: 'support', supportCount })
      onDone()
    } catch (error) {
      setProblem(explain(error))
    } finally {
      setBusy(false)
    }
  }

  if (outcome) {
    return (
      <section className="sheet report" aria-labelledby={`${ids}-done`}>
        <header className="sheet-head">
          <h2 id={`${ids}-done`} ref={heading} tabIndex={-1}>
            {outcome.kind === 'receipt' ? 'Thank you: your report is in' : 'Thank you: your voice is added'}
          </h2>
          <button type="button" className="close" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        {outcome.kind === 'receipt' ? (
          <Receipt token={outcome.token} />
        ) : (
          <p>
            {outcome.supportCount} {outcome.supportCount === 1 ? 'person has' : 'people have'} now raised this place.
          </p>
        )}
        <button type="button" className="primary" onClick={onClose}>
          Back to the map
        </button>
      </section>
    )
  }

  return (
    <section className="sheet report" aria-labelledby={`${ids}-title`}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          Report a place
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Cancel the report">
          ×
        </button>
      </header>
      <p className="note">No account, no name. What you write stays private to the police.</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Where</legend>
          <p className="hint" aria-live="polite">
            {point ? `Place set (${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}). Tap the map to move it.` : 'Tap the map where it happened, or:'}
          </p>
          <div className="row">
            <button type="button" onClick={useMyLocation} disabled={locating}>
              {locating ? 'Finding you…' : 'Use my location'}
            </button>
            <button type="button" onClick={useMapCentre}>
              Use the centre of the map
            </button>
          </div>
        </fieldset>

        <fieldset>
          <legend>What made you feel unsafe?</legend>
          {categoryGroups.map((group) => (
            <div key={group.label} className="group" role="group" aria-labelledby={`${ids}-${group.hint}`}>
              <h3 id={`${ids}-${group.hint}`}>{group.label}</h3>
              {group.categories.map((c) => (
                <label key={c.slug} className="choice">
                  <input
                    type="radio"
                    name="category"
                    value={c.slug}
                    checked={category === c.slug}
                    onChange={() => setCategory(c.slug)}
                  />
                  {c.label}
                </label>
              ))}
            </div>
          ))}
        </fieldset>

        {matches.length > 0 && (
          <section className="matches" aria-labelledby={`${ids}-matches`}>
            <h3 id={`${ids}-matches`}>Already reported nearby</h3>
            <p className="hint">If one of these is yours too, add your voice instead of a new pin.</p>
            <ul>
              {matches.map((m) => (
                <li key={m.id}>
                  <span>
                    {categoryLabel(m.category)}, {m.timeBands.map(timeBandLabel).join(', ')}, {monthLabel(m.month)} ·{' '}
                    {m.supportCount} {m.supportCount === 1 ? 'person' : 'people'}
                  </span>
                  <button type="button" onClick={() => meToo(m.id)} disabled={busy}>
                    Me too
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <fieldset>
          <legend>When does it feel unsafe?</legend>
          {timeBands.map((band) => (
            <label key={band.slug} className="choice">
              <input
                type="checkbox"
                name="timeBands"
                value={band.slug}
                checked={bands.includes(band.slug)}
                onChange={(e) => toggleBand(band.slug, e.target.checked)}
              />
              {band.label} <span className="muted">({band.hours})</span>
            </label>
          ))}
          <div className="row days" role="radiogroup" aria-label="Which days">
            {dayChoices.map((d) => (
              <label key={d.slug} className="choice">
                <input type="radio" name="days" value={d.slug} checked={days === d.slug} onChange={() => setDays(d.slug)} />
                {d.label}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-text`}>Anything else? (optional)</label>
          <textarea
            id={`${ids}-text`}
            value={description}
            maxLength={MAX_DESCRIPTION}
            rows={4}
            aria-describedby={`${ids}-count ${ids}-private`}
            onChange={(e) => setDescription(e.target.value.slice(0, MAX_DESCRIPTION))}
          />
          <p className="hint">
            <span id={`${ids}-count`}>
              {description.length} of {MAX_DESCRIPTION} characters
            </span>
            . <span id={`${ids}-private`}>This stays private: only officers read it, it is never shown on the map.</span>
          </p>
        </div>

        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} aria-describedby={missing ? `${ids}-missing` : undefined}>
          {busy ? 'Sending…' : 'Send report'}
        </button>
        {missing && (
          <p id={`${ids}-missing`} className="hint">
            {missing}
          </p>
        )}
      </form>
    </section>
  )
}

/** The one-time token: shown once, with a copy button and a link to follow the report. */
function Receipt({ token }: { token: string }) {
  const [copied, setCopied] = useState(false)
  const link = `${location.origin}/receipt/${encodeURIComponent(token)}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div className="receipt">
      <p>
        Keep this receipt to follow what is done. It is shown only once, and it is the only way back to your report: there
        is no account.
      </p>
      <p className="token-label" id="receipt-token-label">
        Your receipt
      </p>
      <code className="token" aria-labelledby="receipt-token-label" data-token={token}>
        {token}
      </code>
      <div className="row">
        <button type="button" onClick={copy}>
          Copy the link
        </button>
        <a href={`/receipt/${encodeURIComponent(token)}`}>Follow this report</a>
      </div>
      <p className="hint" aria-live="polite">
        {copied ? 'Copied.' : ''}
      </p>
    </div>
  )
}

function explain(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.code === 'area_not_covered') return 'That place is outside the area this map covers. Choose a place inside it.'
    if (error.code === 'rate_limited') return 'Too many reports from here just now. Please try again later.'
    return error.message
  }
  return 'The report could not be sent. Check your connection and try again.'
}
