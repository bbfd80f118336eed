import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { ApiFailure } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { mergeConcern, unmergeConcern, updateConcern, type OfficerConcern } from '../concerns/api.ts'
import { dayChoices, statuses, statusLabel, timeBandLabel, type Status } from '../concerns/vocabulary.ts'
import { intl, t } from '../i18n/intl.ts'
import { LinkToPatrol } from '../patrols/LinkToPatrol.tsx'
import type { Patrol } from '../patrols/officer-api.ts'
import { Confirm } from './Confirm.tsx'
import { moderationReads, type Undoable } from './UndoBar.tsx'

type Props = {
  concern: OfficerConcern
  plans: Patrol[] | null | undefined
  /** A hide or merge done, with its undo, for the list's undo bar. */
  onUndoable: (change: Undoable) => void
}

/**
 * One concern, opened: its private words, status, public summary and response, hide, merge, and
 * a patrol to answer it. Hiding and merging ask first and can be undone; a merged concern says
 * what it went into and can be separated again at any time.
 */
export function ConcernEditor({ concern, plans, onUndoable }: Props) {
  const id = useId()
  const cache = useQueryClient()
  const [status, setStatus] = useState<Status>(concern.status)
  const [summary, setSummary] = useState(concern.publicSummary ?? '')
  const [response, setResponse] = useState(concern.publicResponse ?? '')
  const [into, setInto] = useState('')
  const [asking, setAsking] = useState<'hide' | 'merge' | null>(null)
  const change = useMutation({
    mutationFn: ({ action }: { action: () => Promise<unknown>; done: string; undoable?: Undoable }) => action(),
    onSuccess: (_, { undoable }) => undoable && onUndoable(undoable),
    // The list, the public map and any receipt read again: what they show has changed.
    onSettled: () => cache.invalidateQueries({ predicate: (q) => moderationReads(q.queryKey) }),
  })
  const run = (action: () => Promise<unknown>, done: string, undoable?: Undoable) => {
    setAsking(null)
    change.mutate({ action, done, undoable })
  }
  const target = Number(into)
  const message = change.error ? moderationFailureText(change.error, concern.id) : change.isSuccess ? change.variables.done : undefined

  const save = (event: FormEvent) => {
    event.preventDefault()
    run(() => updateConcern(concern.id, { status, publicSummary: summary.trim() || null, publicResponse: response.trim() || null }), t('officer.editor.saved'))
  }

  return (
    <form className="editor stack" onSubmit={save} aria-label={t('officer.editor.label', { id: concern.id })}>
      <p>
        <span className="muted">{t('officer.editor.when')}</span> {intl().formatList(concern.timeBands.map(timeBandLabel))} ({daysLabel(concern.days)}) ·{' '}
        <span className="muted">{t('officer.editor.source')}</span> {t('officer.source', { source: concern.source })}
      </p>
      <p className="private">
        <span className="muted">{t('officer.editor.words')}</span> {concern.description || <em>{t('officer.editor.noWords')}</em>}
      </p>
      <label htmlFor={`${id}-status`}>{t('officer.status')}</label>
      <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
        {statuses.map((s) => (
          <option key={s.slug} value={s.slug}>
            {statusLabel(s.slug)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-summary`}>{t('officer.editor.summary')}</label>
      <textarea id={`${id}-summary`} rows={2} maxLength={1000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <label htmlFor={`${id}-response`}>{t('officer.editor.response')}</label>
      <textarea id={`${id}-response`} rows={3} maxLength={2000} value={response} onChange={(e) => setResponse(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('officer.editor.save')}
        </button>
        {concern.mergedInto === null && (
          <button
            type="button"
            disabled={change.isPending}
            onClick={() => (concern.hidden ? run(() => updateConcern(concern.id, { hidden: false }), t('officer.hide.shownAgain')) : setAsking('hide'))}
          >
            {concern.hidden ? t('officer.hide.unhide') : t('officer.hide.hide')}
          </button>
        )}
      </div>
      {asking === 'hide' && (
        <Confirm
          question={t('officer.hide.question', { id: concern.id })}
          yes={t('officer.hide.yes')}
          no={t('officer.hide.no')}
          onYes={() =>
            run(() => updateConcern(concern.id, { hidden: true }), t('officer.hide.hidden'), {
              done: t('officer.hide.done', { id: concern.id }),
              label: t('officer.hide.undo'),
              undo: () => updateConcern(concern.id, { hidden: false }),
              undone: t('officer.hide.undone', { id: concern.id }),
            })
          }
          onNo={() => setAsking(null)}
        />
      )}
      {concern.mergedInto === null ? (
        <div className="row">
          <label htmlFor={`${id}-into`}>{t('officer.merge.into')}</label>
          <input id={`${id}-into`} inputMode="numeric" pattern="[0-9]*" size={6} value={into} onChange={(e) => setInto(westernDigits(e.target.value))} />
          <button type="button" disabled={change.isPending || !/^\d+$/.test(into)} onClick={() => setAsking('merge')}>
            {t('officer.merge.merge')}
          </button>
        </div>
      ) : (
        <div className="row">
          <p>{t('officer.merge.mergedInto', { into: concern.mergedInto })}</p>
          <button type="button" disabled={change.isPending} onClick={() => run(() => unmergeConcern(concern.id), t('officer.merge.separated'))}>
            {t('officer.merge.separate')}
          </button>
        </div>
      )}
      {asking === 'merge' && (
        <Confirm
          question={t('officer.merge.question', { id: concern.id, into: target, support: concern.supportCount })}
          yes={t('officer.merge.yes')}
          no={t('officer.merge.no')}
          onYes={() =>
            run(() => mergeConcern(concern.id, target), t('officer.merge.merged', { into: target }), {
              done: t('officer.merge.done', { id: concern.id, into: target }),
              label: t('officer.merge.undo'),
              undo: () => unmergeConcern(concern.id),
              undone: t('officer.merge.undone', { id: concern.id, into: target }),
            })
          }
          onNo={() => setAsking(null)}
        />
      )}
      <p className="hint" role="status">
        {message}
      </p>
      <LinkToPatrol concern={concern} plans={plans} />
    </form>
  )
}

/** A number the server put in an error's details (`mergedInto`, `into`), when it did. */
function detailNumber(error: ApiFailure, name: string): number | undefined {
  const value = error.details?.[name]
  return typeof value === 'number' ? value : undefined
}

/**
 * Why a change to concern `id` did not work, for the officer: what a merge or its undo ran into
 * (merged already, the other concern merged elsewhere or not there), else as any call fails.
 */
function moderationFailureText(error: unknown, id: number): string {
  if (!(error instanceof ApiFailure)) return failureText(error)
  const mergedInto = detailNumber(error, 'mergedInto')
  const into = detailNumber(error, 'into')
  if (error.code === 'merge_into_itself') return t('officer.failure.mergeIntoItself')
  if (error.code === 'not_merged') return t('officer.failure.notMerged', { id })
  if (error.code === 'unknown_target' && into !== undefined) return t('officer.failure.unknownTarget', { into })
  if (error.code === 'already_merged' && mergedInto !== undefined) return t('officer.failure.alreadyMerged', { id, into: mergedInto })
  if (error.code === 'target_merged' && mergedInto !== undefined) return t('officer.failure.targetMerged', { into: mergedInto })
  return failureText(error)
}

/** The days a concern is felt on, in words ("Weekdays"); the slug if the vocabulary lacks it. */
const daysLabel = (slug: string) => dayChoices.find((d) => d.slug === slug)?.label ?? slug

/** Where each script's digits start at 0: Arabic-Indic, Eastern Arabic-Indic, Bengali. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x09e6]

/** A concern number typed with Arabic or Bengali digits (as those keyboards give), in the digits the API reads. */
const westernDigits = (text: string) =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef]/g, (digit) => {
    const code = digit.codePointAt(0)!
    return String(code - DIGIT_ZEROS.find((zero) => code >= zero && code <= zero + 9)!)
  })
