import { londonDate } from '../../common/london-time.ts'
import { intl } from '../i18n/intl.ts'

/*
 * ISO weeks ("2026-W48", what <input type="week"> and GET /api/coverage use) and calendar dates
 * ("YYYY-MM-DD"). Plain calendar arithmetic, done at noon UTC so that no clock change moves a day;
 * which day it is in London comes from london-time.ts.
 */

const DAY = 86_400_000
const noon = (date: string) => Date.parse(`${date}T12:00:00Z`)
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export const addDays = (date: string, days: number): string => dateOf(noon(date) + days * DAY)

/** A date plus whole months, the day kept where the month has it ("2026-11-30" + 3 → "2027-02-28"). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1, 12))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0, 12)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return dateOf(first.getTime())
}

/** The ISO week a date falls in: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(date: string): string {
  const day = new Date(noon(date))
  const weekday = (day.getUTCDay() + 6) % 7 // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1, 12)) / DAY / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday of an ISO week, or null when `week` is not one. */
function mondayOf(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week)
  if (!m) return null
  const jan4 = Date.UTC(+m[1]!, 0, 4, 12)
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7
  return dateOf(jan4 - weekday * DAY + (+m[2]! - 1) * 7 * DAY)
}

export const today = (): string => londonDate(new Date())
export const thisWeek = (): string => isoWeekOf(today())

/** "23–29 Nov 2026" for a week, in the page's language. */
export function weekText(week: string): string {
  const monday = mondayOf(week)
  if (!monday) return week
  return intl().formatDateTimeRange(noon(monday), noon(addDays(monday, 6)), { day: 'numeric', month: 'short', year: 'numeric' })
}
