import type { Map as MapLibreMap } from 'maplibre-gl'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fetchNearbyConcerns, supportConcern } from '../concerns/api.ts'
import { reportFrom, useConcernWrite } from '../concerns/report.ts'
import { categoryLabel, monthLabel, timeBandsText, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { t } from '../i18n/intl.ts'
import { sendOrKeep } from '../offline/outbox.ts'
import { CategoryFieldset, explainReportFailure as explain, NotesField, PlaceFieldset, SubmitRow, usePlace, WhenFieldset } from './ConcernFields.tsx'
import { Receipt } from './Receipt.tsx'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
}

/** Sent (its receipt), kept on the phone to send when there is a connection, or a "me too". */
type Outcome = { kind: 'receipt'; token: string } | { kind: 'kept' } | { kind: 'support'; supportCount: number }

/**
 * The report form: a place (tap, name or location), a category, when, optional words; or "me too".
 * With no connection the report is kept on the phone and sent later (web/offline/outbox.ts).
 */
export function ReportFlow({ map, onClose }: Props) {
  const ids = useId()
  const [category, setCategory] = useState<Category | ''>('')
  const [bands, setBands] = useState<TimeBand[]>([])
  const [days, setDays] = useState<Days>('any')
  const [description, setDescription] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const report = useConcernWrite(sendOrKeep)
  const support = useConcernWrite(({ id }: { id: number }, key: string) => supportConcern(id, key))
  const outcome: Outcome | null = report.data
    ? 'kept' in report.data
      ? { kind: 'kept' }
      : { kind: 'receipt', token: report.data.receipt }
    : support.data
      ? { kind: 'support', supportCount: support.data.supportCount }
      : null
  const place = usePlace(map, !outcome, t('report.marker'))
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
    { place: t('report.missing.place'), category: t('report.missing.category'), bands: t('report.missing.bands') },
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
            {outcome.kind === 'receipt' ? t('report.done.receipt') : outcome.kind === 'kept' ? t('offline.savedTitle') : t('report.done.support')}
          </h2>
          <button type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        {outcome.kind === 'receipt' && <Receipt token={outcome.token} />}
        {outcome.kind === 'kept' && <p>{t('offline.savedBody')}</p>}
        {outcome.kind === 'support' && <p>{t('report.done.supporters', { count: outcome.supportCount })}</p>}
        <button type="button" className="primary" onClick={onClose}>
          {t('report.done.back')}
        </button>
      </section>
    )
  }

  return (
    <section className="sheet report" aria-labelledby={`${ids}-title`}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {t('report.title')}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('report.cancel')}>
          ×
        </button>
      </header>
      <p className="note">{t('report.privacy')}</p>
      <form onSubmit={submit} noValidate>
        <PlaceFieldset place={place} prompt={t('report.place.prompt')} />

        <CategoryFieldset legend={t('report.category.legend')} value={category} onChange={setCategory} />

        {matches.length > 0 && (
          <section className="matches" aria-labelledby={`${ids}-matches`}>
            <h3 id={`${ids}-matches`}>{t('report.matches.title')}</h3>
            <p className="hint">{t('report.matches.hint')}</p>
            <ul>
              {matches.map((m) => (
                <li key={m.id}>
                  <span>
                    {t('report.matches.match', {
                      category: categoryLabel(m.category),
                      bands: timeBandsText(m.timeBands),
                      month: monthLabel(m.month),
                      count: m.supportCount,
                    })}
                  </span>
                  <button type="button" onClick={() => meToo(m.id)} disabled={busy}>
                    {t('report.matches.meToo')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <WhenFieldset legend={t('report.when.legend')} bands={bands} onBandsChange={setBands} days={days} onDaysChange={setDays} />

        <NotesField
          label={t('report.notes.label')}
          privacy={t('report.notes.privacy')}
          value={description}
          onChange={setDescription}
        />

        <SubmitRow id={ids} busy={busy} label={t('report.send')} busyLabel={t('report.sending')} problem={problem} missing={missing} />
      </form>
    </section>
  )
}
