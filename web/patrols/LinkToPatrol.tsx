import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { ApiFailure } from '../api/client.ts'
import type { OfficerConcern } from '../concerns/api.ts'
import { linkConcern, unlinkConcern, type Patrol } from './officer-api.ts'

/** `plans`: the current plans (undefined while loading, null when they could not be loaded). */
type Props = { concern: OfficerConcern; plans: Patrol[] | null | undefined }

/**
 * "You said, we did": an officer links a concern to the patrol plan that answers it; the
 * reporter's receipt then says when the patrol passes (public plans only).
 */
export function LinkToPatrol({ concern, plans }: Props) {
  const id = useId()
  const cache = useQueryClient()
  const [choice, setChoice] = useState('')
  const [done, setDone] = useState<string>()
  const change = useMutation({
    mutationFn: ({ action }: { action: () => Promise<unknown>; done: string }) => action(),
    onMutate: () => setDone(undefined),
    onSuccess: (_, { done }) => {
      setDone(done)
      setChoice('')
    },
    onSettled: () => cache.invalidateQueries({ queryKey: ['officer-concerns'] }),
  })
  const run = (action: () => Promise<unknown>, message: string) => change.mutate({ action, done: message })
  const busy = change.isPending
  const message =
    plans === null
      ? 'The patrol plans could not be loaded.'
      : change.error
        ? change.error instanceof ApiFailure
          ? change.error.message
          : 'That did not work. Try again.'
        : done

  const titleOf = (patrolId: number) => plans?.find((p) => p.properties.id === patrolId)?.properties.title ?? `Plan #${patrolId}`
  const unlinked = (plans ?? []).filter((p) => !concern.patrolIds.includes(p.properties.id))

  const link = () => {
    const plan = plans?.find((p) => String(p.properties.id) === choice)
    if (!plan) return
    const receipt = plan.properties.public
      ? "The reporter's receipt now says when it passes."
      : 'This plan is not public, so the receipt does not show it.'
    run(() => linkConcern(plan.properties.id, concern.id), `Linked to “${plan.properties.title}”. ${receipt}`)
  }

  return (
    <div className="stack link-patrol">
      {concern.patrolIds.length > 0 && (
        <ul className="linked-patrols" aria-label="Patrol plans linked to this concern">
          {concern.patrolIds.map((patrolId) => (
            <li key={patrolId}>
              {titleOf(patrolId)}{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => unlinkConcern(patrolId, concern.id), `Unlinked from “${titleOf(patrolId)}”.`)}
              >
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor={`${id}-plan`}>Answer with patrol plan</label>
        <select id={`${id}-plan`} value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!plans || unlinked.length === 0}>
          <option value="">{plans && unlinked.length === 0 ? 'No other current plan' : 'Choose a plan'}</option>
          {unlinked.map((p) => (
            <option key={p.properties.id} value={p.properties.id}>
              {p.properties.title} ({p.properties.public ? 'public' : 'not public'})
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !choice} onClick={link}>
          Link
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
    </div>
  )
}
