import { t } from '../i18n/intl.ts'
import { waitText } from '../time-words.ts'
import { ApiFailure } from './client.ts'

/**
 * A failed call in words, in the page's language, for what any screen shows when it has nothing
 * more particular to say: no answer, the server's fault, a wait (429), a sign-in ended, not
 * allowed, gone, or not accepted. Never the endpoint or the server's English message (that is
 * for API clients); screens with more to say (a loop too long, a point off the paths) look at
 * `error.code` and `error.details` first.
 */
export function failureText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return t('errors.server')
  if (error.code === 'network') return t('errors.network')
  if (error.status === 429) return t('errors.rateLimited', { wait: waitText(error.retryAfterSeconds) })
  if (error.status >= 500) return t('errors.server')
  if (error.code === 'area_not_covered') return t('errors.areaNotCovered')
  if (error.status === 401) return t('errors.sessionEnded')
  if (error.status === 403) return t('errors.forbidden')
  if (error.status === 404) return t('errors.notFound')
  return t('errors.notAccepted')
}
