/** What went wrong with a club write, in the organiser's words. */
import { ApiFailure } from '../api/client.ts'

export function explainClubFailure(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return 'Your session has ended. Sign in again to save routes.'
    if (error.code === 'already_saved') return 'This club has already saved this route.'
    if (error.code === 'route_not_found') return 'This route has expired. Plan it again, then save it.'
    if (error.code === 'area_not_covered') return 'The start is outside the area this map covers, so it cannot be the club’s meeting point.'
    if (error.code === 'run_in_the_past') return 'That time has passed: choose a time to come for the run.'
    if (error.code === 'network') return 'The route could not be saved. Check your connection and try again.'
    return error.message
  }
  return 'The route could not be saved. Check your connection and try again.'
}
