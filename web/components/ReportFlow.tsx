import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fetchNearbyConcerns, idempotencyKeys, reportConcern, supportConcern, type NearbyConcern } from '../api.ts'
import { categoryLabel, monthLabel, timeBandLabel, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { CategoryFieldset, CopyLink, explainReportFailure as explain, NotesField, PlaceFieldset, receiptLink, SubmitRow, usePlace, WhenFieldset } from './ConcernFields.tsx'

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
  const [category, setCategory] = useState<Category | ''>('')
  const [bands, setBands] = useState<TimeBand[]>([])
  const [days, setDays] = useState<Days>('any')
  const [description, setDescription] = useState('')
  const [matches, setMatches] = useState<NearbyConcern[]>([])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const place = usePlace(map, !outcome, 'The place you are reporting')
  const point = place.point
  const heading = useRef<HTMLHeadingElement>(null)
  const keyFor = useRef(idempotencyKeys()).current

  useEffect(() => heading.current?.focus(), [outcome])

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
      const concern = { location: point, category, when: { timeBands: bands, days }, ...(text ? { description: text } : {}) }
      const { receipt } = await reportConcern(concern, keyFor(concern))
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
      const { supportCount } = await supportConcern(id, keyFor({ support: id }))
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
        <PlaceFieldset place={place} prompt="Tap the map where it happened, or:" />

        <CategoryFieldset legend="What made you feel unsafe?" value={category} onChange={setCategory} />

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

        <WhenFieldset legend="When does it feel unsafe?" bands={bands} onBandsChange={setBands} days={days} onDaysChange={setDays} />

        <NotesField
          label="Anything else? (optional)"
          privacy="This stays private: only officers read it, it is never shown on the map."
          value={description}
          onChange={setDescription}
        />

        <SubmitRow id={ids} busy={busy} label="Send report" busyLabel="Sending…" problem={problem} missing={missing} />
      </form>
    </section>
  )
}

/** The one-time token: shown once, with a copy button and a link to follow the report. */
function Receipt({ token }: { token: string }) {
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
        <CopyLink link={receiptLink(token)} />
        <a href={`/receipt/${encodeURIComponent(token)}`}>Follow this report</a>
      </div>
    </div>
  )
}
