import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { ApiFailure } from '../api/client.ts'
import { mergeConcern, unmergeConcern, updateConcern, type OfficerConcern } from '../concerns/api.ts'
import { statuses, timeBandLabel, type Status } from '../concerns/vocabulary.ts'
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
  const message = change.error
    ? change.error instanceof ApiFailure && change.error.code !== 'network'
      ? change.error.message
      : 'That did not work. Try again.'
    : change.isSuccess
      ? change.variables.done
      : undefined

  const save = (event: FormEvent) => {
    event.preventDefault()
    run(() => updateConcern(concern.id, { status, publicSummary: summary.trim() || null, publicResponse: response.trim() || null }), 'Saved.')
  }

  return (
    <form className="editor stack" onSubmit={save} aria-label={`Moderate concern ${concern.id}`}>
      <p>
        <span className="muted">When:</span> {concern.timeBands.map(timeBandLabel).join(', ')} ({concern.days}) · <span className="muted">Source:</span> {concern.source}
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
        <button type="submit" className="primary" disabled={change.isPending}>
          Save
        </button>
        {concern.mergedInto === null && (
          <button
            type="button"
            disabled={change.isPending}
            onClick={() => (concern.hidden ? run(() => updateConcern(concern.id, { hidden: false }), 'Shown again.') : setAsking('hide'))}
          >
            {concern.hidden ? 'Unhide' : 'Hide'}
          </button>
        )}
      </div>
      {asking === 'hide' && (
        <Confirm
          question={`Hide #${concern.id} from the public map? Its reporter still follows it by the receipt.`}
          yes="Hide it"
          no="Keep it shown"
          onYes={() =>
            run(() => updateConcern(concern.id, { hidden: true }), 'Hidden.', {
              done: `#${concern.id} hidden.`,
              label: 'Undo',
              undo: () => updateConcern(concern.id, { hidden: false }),
              undone: `#${concern.id} shown again.`,
            })
          }
          onNo={() => setAsking(null)}
        />
      )}
      {concern.mergedInto === null ? (
        <div className="row">
          <label htmlFor={`${id}-into`}>Merge into concern #</label>
          <input id={`${id}-into`} inputMode="numeric" pattern="[0-9]*" size={6} value={into} onChange={(e) => setInto(e.target.value)} />
          <button type="button" disabled={change.isPending || !/^\d+$/.test(into)} onClick={() => setAsking('merge')}>
            Merge
          </button>
        </div>
      ) : (
        <div className="row">
          <p>Merged into #{concern.mergedInto}: its support counts there.</p>
          <button type="button" disabled={change.isPending} onClick={() => run(() => unmergeConcern(concern.id), 'Separated again.')}>
            Separate again
          </button>
        </div>
      )}
      {asking === 'merge' && (
        <Confirm
          question={`Merge #${concern.id} into #${target}? Its support (${concern.supportCount}) will count for #${target}, it leaves the public map, and its reporter follows #${target}.`}
          yes="Merge them"
          no="Cancel"
          onYes={() =>
            run(() => mergeConcern(concern.id, target), `Merged into #${target}.`, {
              done: `#${concern.id} merged into #${target}.`,
              label: 'Undo the merge',
              undo: () => unmergeConcern(concern.id),
              undone: `#${concern.id} separated from #${target} again.`,
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
