import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { CategoryFieldset, CopyLink, explainReportFailure, NotesField, PlaceFieldset, receiptLink, SubmitRow, usePlace, WhenFieldset } from '../components/ConcernFields.tsx'
import { QrCode } from '../components/QrCode.tsx'
import { recordWalkAndTalk } from '../concerns/api.ts'
import { reportFrom, useConcernWrite } from '../concerns/report.ts'
import { categoryLabel, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { rich, t } from '../i18n/intl.ts'

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
  const place = usePlace(map, true, t('officer.walk.marker'))
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
    place: t('officer.walk.needPlace'),
    category: t('officer.walk.needCategory'),
    bands: t('officer.walk.needBands'),
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
  const problem = invalid ?? (record.error ? explainReportFailure(record.error, t('officer.walk.notRecorded')) : null)

  const last = recorded.at(-1)
  return (
    <section className="walk" aria-labelledby={`${ids}-title`}>
      <header className="walk-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {t('officer.walk.title')}
        </h2>
        <button type="button" onClick={onClose}>
          {t('officer.walk.finish')}
        </button>
      </header>

      {last && (
        <div className="recorded" ref={confirmation} tabIndex={-1} role="status">
          <p>
            {rich('officer.walk.recorded', {
              count: recorded.length,
              id: last.id,
              category: categoryLabel(last.category),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <p className="follow-up-label" id={`${ids}-link`}>
            {t('officer.walk.followUp')}
          </p>
          <div className="follow-up">
            <QrCode text={receiptLink(last.receipt)} label={t('officer.walk.qrCode')} />
            <div>
              <code className="token" aria-labelledby={`${ids}-link`} data-token={last.receipt}>
                {receiptLink(last.receipt)}
              </code>
            </div>
          </div>
          <div className="row">
            <CopyLink link={receiptLink(last.receipt)} label={t('officer.walk.copyLink')} />
          </div>
        </div>
      )}

      <p className="note">
        {t('officer.walk.anonymous')}
      </p>
      <form onSubmit={submit} noValidate aria-label={t('officer.walk.form')}>
        <PlaceFieldset place={place} prompt={t('officer.walk.placePrompt')} />
        <CategoryFieldset legend={t('officer.walk.category')} value={category} onChange={setCategory} />
        <WhenFieldset legend={t('officer.walk.when')} bands={bands} onBandsChange={setBands} days={days} onDaysChange={setDays} />
        <NotesField
          label={t('officer.walk.notes')}
          privacy={t('officer.walk.notesPrivacy')}
          value={notes}
          onChange={setNotes}
        />
        <SubmitRow id={ids} busy={busy} label={t('officer.walk.record')} busyLabel={t('officer.walk.recording')} problem={problem} missing={missing} />
      </form>

      {recorded.length > 0 && (
        <section aria-labelledby={`${ids}-walk`} className="this-walk">
          <h3 id={`${ids}-walk`}>{t('officer.walk.thisWalk')}</h3>
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
