import { failureText } from '../api/failure-words.ts'
import { ApiFailure } from '../api/client.ts'
import { intl, t } from '../i18n/intl.ts'
import { clockText } from '../routes/words.ts'
import { waitText } from '../time-words.ts'

/** The product's name, which is not translated. */
export const PRODUCT = 'Common Ground'

/**
 * What went wrong with a club call, in the organiser's words: from the error's code and details
 * only, else as any failure is said (web/api/failure-words.ts).
 */
export function explainClubFailure(error: unknown): string {
  if (!(error instanceof ApiFailure)) return failureText(error)
  switch (error.code) {
    case 'already_saved':
      return t('clubs.failure.alreadySaved')
    case 'route_not_found':
      return t('clubs.failure.routeExpired')
    case 'area_not_covered':
      return t('clubs.failure.outsideArea')
    case 'run_in_the_past':
      return t('clubs.failure.runInThePast')
    case 'run_too_far_ahead':
      return t('clubs.failure.runTooFarAhead', { days: Number(error.details?.maxDays) })
    case 'unknown_saved_route':
      return t('clubs.failure.savedRouteGone')
    case 'route_in_use':
      return t('clubs.failure.routeInUse', { count: Number(error.details?.upcomingRuns) })
    case 'no_occurrence':
      return t('clubs.failure.noOccurrence')
  }
  return explainShareFailure(error)
}

/** What went wrong with making a share link (a club's or a resident's), from its code. */
export function explainShareFailure(error: unknown): string {
  if (!(error instanceof ApiFailure)) return failureText(error)
  switch (error.code) {
    case 'route_not_found':
      return t('clubs.failure.shareExpired')
    case 'too_short_to_hide_ends':
      return t('clubs.failure.tooShortToHideEnds', { metres: Number(error.details?.hiddenEndMeters) })
    case 'rate_limited':
      return t('clubs.failure.tooManyLinks', { wait: waitText(error.retryAfterSeconds) })
  }
  return failureText(error)
}

/** "Every Tuesday at 19:00, until 30 Mar 2027": a weekly run's pattern, on the London clock. */
export function weeklyText(weekly: { day: string; startTime: string; until: string | null }): string {
  const values = { day: weekly.day, time: clockText(weekly.startTime) }
  if (!weekly.until) return t('clubs.runs.weekly', values)
  // A calendar date at noon UTC is that date in London, whatever the season.
  const until = intl().formatDate(new Date(`${weekly.until}T12:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric' })
  return t('clubs.runs.weeklyUntil', { ...values, until })
}
