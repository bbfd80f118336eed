import { fromLondonLocal } from '../../common/london-time.ts'
import { failureText } from '../api/failure-words.ts'
import { ApiFailure } from '../api/client.ts'
import { intl, t } from '../i18n/intl.ts'
import type { MessageId } from '../i18n/english.ts'
import { londonWhenText } from '../time-words.ts'
import type { PlannedRoute, Profile } from './api.ts'

/** The three ways to weigh a route, in the order the form offers them. */
export const PROFILES: readonly Profile[] = ['safest', 'balanced', 'shortest']

const PROFILE_WORDS = {
  safest: { label: 'routes.profile.safest', hint: 'routes.profile.safestHint' },
  balanced: { label: 'routes.profile.balanced', hint: 'routes.profile.balancedHint' },
  shortest: { label: 'routes.profile.shortest', hint: 'routes.profile.shortestHint' },
} as const satisfies Record<Profile, { label: MessageId; hint: MessageId }>

/** A profile in plain words: its name ("Safest") and what it means. */
export const profileLabel = (profile: Profile): string => t(PROFILE_WORDS[profile].label)
export const profileHint = (profile: Profile): string => t(PROFILE_WORDS[profile].hint)

/** "8.1 km" (or "750 m"), in the page's language and digits. */
export function distanceText(metres: number): string {
  if (metres < 1000) return intl().formatNumber(Math.round(metres / 10) * 10, { style: 'unit', unit: 'meter', unitDisplay: 'short' })
  return intl().formatNumber(metres / 1000, { style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: 1 })
}

/** A share 0–1 as a whole percentage: "92%". */
export const percentText = (share: number): string => intl().formatNumber(share, { style: 'percent', maximumFractionDigits: 0 })

/** A wall-clock time "HH:MM" (a club's usual start) in the page's digits: "18:30". */
export function clockText(hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number)
  return intl().formatTime(Date.UTC(2000, 0, 1, hours, minutes), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })
}

/** What a route's score can count (server/routing/explain.ts `ScoreTerm`). */
type ScoreTerm = PlannedRoute['properties']['scoreCounts'][number]

const SCORE_TERM_WORDS = {
  extra_distance: 'routes.score.extraDistance',
  reported_places: 'routes.score.reportedPlaces',
  unlit_paths: 'routes.score.unlitPaths',
  parks_after_dark: 'routes.score.parksAfterDark',
  closed_parks: 'routes.score.closedParks',
  patrols: 'routes.score.patrols',
} as const satisfies Record<ScoreTerm, MessageId>

/** What the score counts, one line a term; a term this page does not know (a newer server's) is left out. */
export function scoreTermLines(terms: readonly ScoreTerm[]): string[] {
  return terms.flatMap((term) => (term in SCORE_TERM_WORDS ? [t(SCORE_TERM_WORDS[term])] : []))
}

/** A failed plan, in words, with what to do about it: from the error's code and details only. */
export function explainPlanFailure(error: unknown): string {
  if (!(error instanceof ApiFailure)) return failureText(error)
  const details = error.details
  switch (error.code) {
    case 'no_path_network':
      if (details?.point === 'to') return t('routes.failure.noPathsNearEnd')
      if (details?.point === 'from') return t('routes.failure.noPathsNearStart')
      return t('routes.failure.noNetwork')
    case 'loop_too_long': {
      const distance = distanceText(Number(details?.distanceMeters))
      const fits = Number(details?.longestMeters)
      return fits >= 1000
        ? t('routes.failure.loopTooLongFits', { distance, fits: distanceText(fits) })
        : t('routes.failure.loopTooLong', { distance })
    }
    case 'no_loop_found':
      return t('routes.failure.noLoopFound', { distance: distanceText(Number(details?.distanceMeters)) })
    case 'unreachable':
      return t('routes.failure.unreachable')
  }
  return failureText(error)
}

/** A datetime-local value (UK clock) as "Sat 21 Nov, 19:30"; "leaving now" when empty. */
export function whenText(value: string): string {
  const at = fromLondonLocal(value)
  return at ? londonWhenText(at.toISOString()) : t('routes.leavingNow')
}
