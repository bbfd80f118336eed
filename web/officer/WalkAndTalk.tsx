import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { CategoryFieldset, CopyLink, explainReportFailure, NotesField, PlaceFieldset, receiptLink, SubmitRow, usePlace, WhenFieldset } from '../components/ConcernFields.tsx'
import { QrCode } from '../components/QrCode.tsx'
import { recordWalkAndTalk } from '../concerns/api.ts'
import { reportFrom, useConcernWrite } from '../concerns/report.ts'
import { categoryLabel, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
}

type Recorded = { id: number; category: Category; receipt: string }

/**
 * Walk-and-talk capture for an officer on a phone: a place (tap the map, or the officer's own
 * location), a category, when, optional notes; recorded with `source: walk_and_talk`. After each
 * one the form is ready for the next, so that a walk's concerns go in one after another.
 */
export function WalkAndTalk({ map, onClose }: Props) {
  const ids = useId()
  const place = usePlace(map, true, 'The place of the concern')
  const [category, setCategory] = useState<Category | ''>('')
  const [bands, setBands] = useState<TimeBand[]>([])
  const [days, setDays] = useState<Days>('any')
  const [notes, setNotes] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const record = useConcernWrite(recordWalkAndTalk)
  const [recorded, setRecorded] = useState<Recorded[]>([])
  const heading = useRef<HTMLHeadingElement>(null)
  const confirmation = useRef<HTMLDivElement>(null)

  useEffect(() => heading.current?.focus(), [])
  useEffect(() => {
    if (recorded.length > 0) confirmation.current?.focus()
  }, [recorded.length])

  const fields = { point: place.point, category, bands, days, text: notes }
  const checked = reportFrom(fields, {
    place: 'Choose the place first: tap the map or use your location.',
    category: 'Choose what makes the resident feel unsafe.',
    bands: 'Choose at least one time of day.',
  })
  const missing = 'problem' in checked ? checked.problem : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setInvalid(missing)
    if ('problem' in checked) return
    record.mutate(checked.body, {
      onSuccess: ({ id, receipt }) => {
        // Ready for the next one. The time bands and days are kept: a walk's concerns often share them.
        setRecorded((list) => [...list, { id, category: checked.body.category, receipt }])
        place.setPoint(null)
        setCategory('')
        setNotes('')
      },
    })
  }
  const busy = record.isPending
  const problem = invalid ?? (record.error ? explainReportFailure(record.error, 'The concern could not be recorded. Check your connection and try again.') : null)

  const last = recorded.at(-1)
  return (
    <section className="walk" aria-labelledby={`${ids}-title`}>
      <header className="walk-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          Walk and talk
        </h2>
        <button type="button" onClick={onClose}>
          Finish the walk
        </button>
      </header>

      {last && (
        <div className="recorded" ref={confirmation} tabIndex={-1} role="status">
          <p>
            <strong>
              Recorded — {recorded.length} this walk.
            </strong>{' '}
            #{last.id} {categoryLabel(last.category)}. Ready for the next one.
          </p>
          <p className="follow-up-label" id={`${ids}-link`}>
            Let the resident scan this code, or give them the follow-up link. It is shown only once:
          </p>
          <div className="follow-up">
            <QrCode text={receiptLink(last.receipt)} label="QR code of the resident’s follow-up link" />
            <div>
              <code className="token" aria-labelledby={`${ids}-link`} data-token={last.receipt}>
                {receiptLink(last.receipt)}
              </code>
            </div>
          </div>
          <div className="row">
            <CopyLink link={receiptLink(last.receipt)} label="Copy the follow-up link" />
          </div>
        </div>
      )}

      <p className="note">
        The resident stays anonymous: record no name or contact details. Notes stay private to officers.
      </p>
      <form onSubmit={submit} noValidate aria-label="Record a walk-and-talk concern">
        <PlaceFieldset place={place} prompt="Tap the map where the resident feels unsafe, or:" />
        <CategoryFieldset legend="What makes them feel unsafe?" value={category} onChange={setCategory} />
        <WhenFieldset legend="When does it feel unsafe?" bands={bands} onBandsChange={setBands} days={days} onDaysChange={setDays} />
        <NotesField
          label="Notes (optional)"
          privacy="Private: only officers read them, they are never shown on the map."
          value={notes}
          onChange={setNotes}
        />
        <SubmitRow id={ids} busy={busy} label="Record this concern" busyLabel="Recording…" problem={problem} missing={missing} />
      </form>

      {recorded.length > 0 && (
        <section aria-labelledby={`${ids}-walk`} className="this-walk">
          <h3 id={`${ids}-walk`}>This walk</h3>
          <ul>
            {recorded.map((r) => (
              <li key={r.id}>
                #{r.id} {categoryLabel(r.category)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
