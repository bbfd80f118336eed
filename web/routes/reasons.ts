import { t } from '../i18n/intl.ts'
import { londonClockText } from '../time-words.ts'
import type { PlannedRoute } from './api.ts'
import { distanceText, percentText } from './words.ts'

/** One reason a route goes its way, as the server codes it (server/routing/reasons.ts). */
export type RouteReason = PlannedRoute['properties']['reasons'][number]

const clock = (iso: string) => londonClockText(new Date(iso))

/** A reason in the page's language; null for a code this page does not know (a newer server's). */
export function reasonText(reason: RouteReason): string | null {
  switch (reason.code) {
    case 'loop_length':
      return t('routes.reason.loopLength', { distance: distanceText(reason.params.lengthMeters) })
    case 'as_short_as_shortest':
      return t('routes.reason.asShortAsShortest', { distance: distanceText(reason.params.lengthMeters) })
    case 'longer_than_shortest': {
      const { lengthMeters, extraMeters, extraShare } = reason.params
      return t('routes.reason.longerThanShortest', { distance: distanceText(lengthMeters), extra: distanceText(extraMeters), share: percentText(extraShare) })
    }
    case 'avoids_reported':
      return reason.params.kind === 'loop'
        ? t('routes.reason.avoidsReportedLoop', { count: reason.params.count })
        : t('routes.reason.avoidsReportedRoute', { count: reason.params.count })
    case 'no_reported_along':
      return t('routes.reason.noReportedAlong', { timeBand: reason.params.timeBand })
    case 'passes_reported':
      return t('routes.reason.passesReported', { count: reason.params.count, timeBand: reason.params.timeBand })
    case 'lit_after_sunset':
      return t('routes.reason.litAfterSunset', { lit: percentText(reason.params.litShare), sunset: clock(reason.params.sunset) })
    case 'lit_before_sunrise':
      return t('routes.reason.litBeforeSunrise', { lit: percentText(reason.params.litShare), sunrise: clock(reason.params.sunrise) })
    case 'sunset_on_the_way':
      return t('routes.reason.sunsetOnTheWay', { lit: percentText(reason.params.litShare), sunset: clock(reason.params.sunset) })
    case 'daylight':
      return t('routes.reason.daylight', { sunset: clock(reason.params.sunset) })
    case 'keeps_out_of_parks':
      return t('routes.reason.keepsOutOfParks')
    case 'through_open_spaces':
      return t('routes.reason.throughOpenSpaces', { share: percentText(reason.params.openSpaceShare) })
    case 'through_open_spaces_after_dark':
      return t('routes.reason.throughOpenSpacesAfterDark', { share: percentText(reason.params.openSpaceShare) })
    case 'through_closed_park':
      return reason.params.name ? t('routes.reason.throughClosedPark', { name: reason.params.name }) : t('routes.reason.throughClosedParkUnnamed')
    case 'avoids_closed_park':
      return reason.params.name ? t('routes.reason.avoidsClosedPark', { name: reason.params.name }) : t('routes.reason.avoidsClosedParkUnnamed')
    case 'patrolled':
      return t('routes.reason.patrolled', { share: percentText(reason.params.patrolShare) })
    case 'retraced':
      return t('routes.reason.retraced', { share: percentText(reason.params.retraceShare) })
    default:
      // A page kept from before (offline, or a tab left open) reading a newer server's answer.
      return null
  }
}

/**
 * Why a route goes its way, one line a reason, in the page's language. A route saved to a club
 * before routes had reasons has only its English `explanation`, which is shown as it is; so is
 * the English line of a reason this page does not know.
 */
export function reasonLines(p: { reasons?: RouteReason[] | null | undefined; explanation?: string[] | null | undefined }): string[] {
  const english = p.explanation ?? []
  if (!p.reasons) return english
  return p.reasons.map((reason, i) => reasonText(reason) ?? english[i] ?? '')
}
