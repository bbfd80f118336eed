import { failureText } from '../api/failure-words.ts'
import { ApiFailure } from '../api/client.ts'
import { t } from '../i18n/intl.ts'

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
  }
  return failureText(error)
}
