/** The concern vocabulary of docs/concerns-api.md, with the plain words the form shows. */
import type { Category, Days, Status, TimeBand } from '../../server/concerns/vocabulary.ts'

// The slugs are the server's types: a renamed or removed one breaks this file's build.
export type { Category, Days, Status, TimeBand }

export const categoryGroups = [
  {
    label: 'About the place',
    hint: 'Environmental',
    categories: [
      { slug: 'poor_lighting', label: 'Poor lighting' },
      { slug: 'no_cctv', label: 'No CCTV' },
      { slug: 'isolated', label: 'Empty buildings or isolated place' },
      { slug: 'poor_layout', label: 'Poor layout or blind spots' },
      { slug: 'restricted_visibility', label: 'Overgrown or hard to see' },
      { slug: 'run_down', label: 'Run-down: graffiti, fly-tipping' },
      { slug: 'drugs_alcohol', label: 'Signs of drug or alcohol use' },
    ],
  },
  {
    label: 'About people',
    hint: 'Behavioural',
    categories: [
      { slug: 'harassment_individual', label: 'Harassed by one person' },
      { slug: 'harassment_group', label: 'Harassed by a group' },
      { slug: 'followed', label: 'Followed' },
      { slug: 'harassment_other', label: 'Other harassment' },
    ],
  },
  {
    label: 'Anything else',
    hint: 'Other',
    categories: [{ slug: 'other', label: 'Something else' }],
  },
] as const satisfies readonly { label: string; hint: string; categories: readonly { slug: Category; label: string }[] }[]

export const categories: { slug: Category; label: string }[] = categoryGroups.flatMap(
  (group): { slug: Category; label: string }[] => [...group.categories],
)

export function categoryLabel(slug: string): string {
  return categories.find((category) => category.slug === slug)?.label ?? slug
}

export const timeBands = [
  { slug: 'early_morning', label: 'Early morning', hours: '5am to 8am' },
  { slug: 'daytime', label: 'Daytime', hours: '8am to 5pm' },
  { slug: 'evening', label: 'Evening', hours: '5pm to 10pm' },
  { slug: 'night', label: 'Night', hours: '10pm to 5am' },
] as const satisfies readonly { slug: TimeBand; label: string; hours: string }[]

export function timeBandLabel(slug: string): string {
  const band = timeBands.find((b) => b.slug === slug)
  return band ? `${band.label} (${band.hours})` : slug
}

export const dayChoices = [
  { slug: 'any', label: 'Any day' },
  { slug: 'weekdays', label: 'Weekdays' },
  { slug: 'weekends', label: 'Weekends' },
] as const satisfies readonly { slug: Days; label: string }[]

export const statuses = [
  { slug: 'new', label: 'New' },
  { slug: 'acknowledged', label: 'Acknowledged' },
  { slug: 'action_planned', label: 'Action planned' },
  { slug: 'actioned', label: 'Actioned' },
  { slug: 'closed', label: 'Closed' },
] as const satisfies readonly { slug: Status; label: string }[]

export function statusLabel(slug: string): string {
  return statuses.find((s) => s.slug === slug)?.label ?? slug
}

/** `2026-11` → "November 2026". */
export function monthLabel(month: string | null | undefined): string {
  if (!month) return ''
  const [year, m] = month.split('-').map(Number)
  if (!year || !m) return month
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

export const MAX_DESCRIPTION = 1000
