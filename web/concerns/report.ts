import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { reportBody } from '../../server/concerns/vocabulary.ts'
import { idempotencyKeys, type LngLat } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import type { NewConcern } from './api.ts'
import type { Category, Days, TimeBand } from './vocabulary.ts'

/** A report form's fields, some still empty. */
export type ReportFields = { point: LngLat | null; category: Category | ''; bands: TimeBand[]; days: Days; text: string }

/**
 * The body a report form sends, or what is missing in words. The first checks speak to the
 * resident; the last is the server's own schema (server/concerns/vocabulary.ts), so the form
 * refuses what the server would.
 */
export function reportFrom(fields: ReportFields, missing: { place: string; category: string; bands: string }): { body: NewConcern } | { problem: string } {
  if (!fields.point) return { problem: missing.place }
  if (!fields.category) return { problem: missing.category }
  if (fields.bands.length === 0) return { problem: missing.bands }
  const text = fields.text.trim()
  const body: NewConcern = { location: fields.point, category: fields.category, when: { timeBands: fields.bands, days: fields.days }, ...(text ? { description: text } : {}) }
  const checked = reportBody.safeParse(body)
  // The schema's own messages are English, for API clients: the form says it in the page's words.
  return checked.success ? { body } : { problem: t('errors.notAccepted') }
}

/**
 * Sends a concern write with `send` (a resident's report, a walk-and-talk, a "me too"), each with
 * its Idempotency-Key — the same for a retry of the same body, a new one once a write is done —
 * and has the map and the moderation list read again after each.
 */
export function useConcernWrite<B, T>(send: (body: B, key: string) => Promise<T>) {
  const cache = useQueryClient()
  const keys = useRef(idempotencyKeys())
  return useMutation({
    mutationFn: (body: B) => send(body, keys.current(body)),
    // Sent even when the browser says it is offline: the send itself decides (a report is then
    // kept on the phone, web/offline/outbox.ts), instead of TanStack Query pausing it unseen.
    networkMode: 'always',
    onSuccess: () => {
      // The next write is another one, even if it reads the same (two residents, one place).
      keys.current = idempotencyKeys()
      void cache.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'concerns' || q.queryKey[0] === 'officer-concerns' })
    },
  })
}
