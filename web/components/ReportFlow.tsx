import type { Map as MapLibreMap } from 'maplibre-gl'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { fetchNearbyConcerns, reportConcern, supportConcern } from '../concerns/api.ts'
import { reportFrom, useConcernWrite } from '../concerns/report.ts'
import { categoryLabel, monthLabel, timeBandsText, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { rich, t } from '../i18n/intl.ts'
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
            {outcome.kind === 'receipt' ? t('report.done.receipt') : t('report.done.support')}
          </h2>
          <button type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        {outcome.kind === 'receipt' ? (
          <Receipt token={outcome.token} />
        ) : (
          <p>{t('report.done.supporters', { count: outcome.supportCount })}</p>
        )}
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

/**
 * The one-time token: shown once, as a QR code of its link (to scan with another phone), with a
 * way to save or share the link (or copy it) and a link to follow the report.
 */
function Receipt({ token }: { token: string }) {
  const link = receiptLink(token)
  return (
    <div className="receipt">
      <p>{rich('receipt.keep', { b: (chunks) => <b>{chunks}</b> })}</p>
      <div className="follow-up">
        <QrCode text={link} label={t('receipt.qrCode')} />
        <div>
          <p className="token-label" id="receipt-token-label">
            {t('receipt.token')}
          </p>
          {/* Left to right in any language: a leading "-" or "_" would move to the end in Arabic. */}
          <code className="token" aria-labelledby="receipt-token-label" data-token={token} dir="ltr">
            {token}
          </code>
          <p className="hint">{t('receipt.scan')}</p>
        </div>
      </div>
      <div className="row">
        <SaveLink link={link} title={t('receipt.shareTitle', { name: 'Common Ground' })} />
        <a href={`/receipt/${encodeURIComponent(token)}`}>{t('receipt.follow')}</a>
      </div>
    </div>
  )
}
