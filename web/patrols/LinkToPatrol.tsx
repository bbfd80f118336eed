import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { ApiFailure } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import type { OfficerConcern } from '../concerns/api.ts'
import { t } from '../i18n/intl.ts'
import { linkConcern, unlinkConcern, type Patrol } from './officer-api.ts'

/** `plans`: the current plans (undefined while loading, null when they could not be loaded). */
type Props = { concern: OfficerConcern; plans: Patrol[] | null | undefined }

/** A refused link or unlink in words: the concern gone, or what any failure says. */
const linkFailureText = (error: unknown): string =>
  error instanceof ApiFailure && error.code === 'unknown_concern' ? t('patrols.link.unknownConcern') : failureText(error)

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
  const message = plans === null ? t('patrols.link.plansFailed') : change.error ? linkFailureText(change.error) : done

  const titleOf = (patrolId: number) => plans?.find((p) => p.properties.id === patrolId)?.properties.title ?? t('patrols.link.planNumber', { id: String(patrolId) })
  const unlinked = (plans ?? []).filter((p) => !concern.patrolIds.includes(p.properties.id))

  const link = () => {
    const plan = plans?.find((p) => String(p.properties.id) === choice)
    if (!plan) return
    const title = plan.properties.title
    run(() => linkConcern(plan.properties.id, concern.id), plan.properties.public ? t('patrols.link.linkedPublic', { title }) : t('patrols.link.linkedPrivate', { title }))
  }

  return (
    <div className="stack link-patrol">
      {concern.patrolIds.length > 0 && (
        <ul className="linked-patrols" aria-label={t('patrols.link.linkedList')}>
          {concern.patrolIds.map((patrolId) => (
            <li key={patrolId}>
              {titleOf(patrolId)}{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => unlinkConcern(patrolId, concern.id), t('patrols.link.unlinked', { title: titleOf(patrolId) }))}
              >
                {t('patrols.link.unlink')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor={`${id}-plan`}>{t('patrols.link.answerWith')}</label>
        <select id={`${id}-plan`} value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!plans || unlinked.length === 0}>
          <option value="">{plans && unlinked.length === 0 ? t('patrols.link.noOther') : t('patrols.link.choose')}</option>
          {unlinked.map((p) => (
            <option key={p.properties.id} value={p.properties.id}>
              {t(p.properties.public ? 'patrols.link.optionPublic' : 'patrols.link.optionPrivate', { title: p.properties.title })}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !choice} onClick={link}>
          {t('patrols.link.link')}
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
    </div>
  )
}
