import type { Map as MapLibreMap } from 'maplibre-gl'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fetchNearbyConcerns, reportConcern, supportConcern } from '../concerns/api.ts'
import { reportFrom, useConcernWrite } from '../concerns/report.ts'
import { categoryLabel, monthLabel, timeBandLabel, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { CategoryFieldset, explainReportFailure as explain, NotesField, PlaceFieldset, receiptLink, SaveLink, SubmitRow, usePlace, WhenFieldset } from './ConcernFields.tsx'
import { QrCode } from './QrCode.tsx'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
}

type Outcome = { kind: 'receipt'; token: string } | { kind: 'support'; supportCount: number }

/** The report form: a place (tap or location), a category, when, optional words; or "me too". */
export function ReportFlow({ map, onClose }: Props) {
  const ids = useId()
  const [category, setCategory] = useState<Category | ''>('')
  const [bands, setBands] = useState<TimeBand[]>([])
  const [days, setDays] = useState<Days>('any')
  const [description, setDescription] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const report = useConcernWrite(reportConcern)
  const support = useConcernWrite(({ id }: { id: number }, key: string) => supportConcern(id, key))
  const outcome: Outcome | null = report.data ? { kind: 'receipt', token: report.data.receipt } : support.data ? { kind: 'support', supportCount: support.data.supportCount } : null
  const place = usePlace(map, !outcome, 'The place you are reporting')
  const point = place.point
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => heading.current?.focus(), [outcome?.kind])

  // "Me too": published concerns of the same category within about 50 m.
  const nearby = useQuery({
    queryKey: ['concerns', 'nearby', point, category],
    queryFn: ({ signal }) => fetchNearbyConcerns(point!, category as Category, signal),
    enabled: point !== null && category !== '',
  })
  const matches = point && category ? (nearby.data?.concerns ?? []) : []

  const checked = reportFrom(
    { point, category, bands, days, text: description },
    { place: 'Choose the place first.', category: 'Choose what made you feel unsafe.', bands: 'Choose at least one time of day.' },
  )
  const missing = 'problem' in checked ? checked.problem : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setInvalid(missing)
    if (!('problem' in checked)) report.mutate(checked.body)
  }
  const meToo = (id: number) => support.mutate({ id })
  const busy = report.isPending || support.isPending
  const failure = report.error ?? support.error
  const problem = invalid ?? (failure ? explain(failure) : null)

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

/**
 * The one-time token: shown once, as a QR code of its link (to scan with another phone), with a
 * way to save or share the link (or copy it) and a link to follow the report.
 */
function Receipt({ token }: { token: string }) {
  const link = receiptLink(token)
  return (
    <div className="receipt">
      <p>
        Keep this receipt to follow what is done. It is shown only once, and it is the only way back to your report: there
        is no account.
      </p>
      <div className="follow-up">
        <QrCode text={link} label="QR code of your receipt link" />
        <div>
          <p className="token-label" id="receipt-token-label">
            Your receipt
          </p>
          <code className="token" aria-labelledby="receipt-token-label" data-token={token}>
            {token}
          </code>
          <p className="hint">Or scan the code with another phone’s camera to open the link there.</p>
        </div>
      </div>
      <div className="row">
        <SaveLink link={link} title="Your receipt for a report on Common Ground" />
        <a href={`/receipt/${encodeURIComponent(token)}`}>Follow this report</a>
      </div>
    </div>
  )
}
