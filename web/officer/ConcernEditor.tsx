import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { ApiFailure } from '../api/client.ts'
import { mergeConcern, updateConcern, type OfficerConcern } from '../concerns/api.ts'
import { statuses, timeBandLabel, type Status } from '../concerns/vocabulary.ts'
import { LinkToPatrol } from '../patrols/LinkToPatrol.tsx'
import type { Patrol } from '../patrols/officer-api.ts'

type Props = { concern: OfficerConcern; plans: Patrol[] | null | undefined }

/** One concern, opened: its private words, status, public summary and response, hide, merge, and a patrol to answer it. */
export function ConcernEditor({ concern, plans }: Props) {
  const id = useId()
  const cache = useQueryClient()
  const [status, setStatus] = useState<Status>(concern.status)
  const [summary, setSummary] = useState(concern.publicSummary ?? '')
  const [response, setResponse] = useState(concern.publicResponse ?? '')
  const [into, setInto] = useState('')
  const change = useMutation({
    mutationFn: ({ action }: { action: () => Promise<unknown>; done: string }) => action(),
    // The list, the public map and any receipt read again: what they show has changed.
    onSettled: () => cache.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'officer-concerns' || q.queryKey[0] === 'concerns' }),
  })
  const run = (action: () => Promise<unknown>, done: string) => change.mutate({ action, done })
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
        <button
          type="button"
          disabled={change.isPending}
          onClick={() => run(() => updateConcern(concern.id, { hidden: !concern.hidden }), concern.hidden ? 'Shown again.' : 'Hidden.')}
        >
          {concern.hidden ? 'Unhide' : 'Hide'}
        </button>
      </div>
      <div className="row">
        <label htmlFor={`${id}-into`}>Merge into concern #</label>
        <input id={`${id}-into`} inputMode="numeric" pattern="[0-9]*" size={6} value={into} onChange={(e) => setInto(e.target.value)} />
        <button type="button" disabled={change.isPending || !/^\d+$/.test(into)} onClick={() => run(() => mergeConcern(concern.id, Number(into)), `Merged into #${into}.`)}>
          Merge
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
      <LinkToPatrol concern={concern} plans={plans} />
    </form>
  )
}
