/** The concern vocabulary of docs/concerns-api.md, with the plain words the form shows. */
import type { Category, Days, Status, TimeBand } from '../../server/concerns/vocabulary.ts'
import type { MessageId } from '../i18n/english.ts'
import { intl, t } from '../i18n/intl.ts'

// The slugs are the server's types: a renamed or removed one breaks this file's build.
export type { Category, Days, Status, TimeBand }

/**
 * One word of the vocabulary: its slug, and its label in the page's language at the moment it is
 * read (a getter, so that a list made once speaks the language chosen since). These words read
 * the same on every screen: the form, the map's card, the receipt, the officers' list.
 */
const word = <S extends string>(slug: S, label: MessageId) => ({
  slug,
  get label() {
    return t(label)
  },
})

export const categoryGroups = [
  {
    get label() {
      return t('vocabulary.group.place')
    },
    /** StreetSafe's own name for the group (not shown: it names the group's heading id). */
    hint: 'Environmental',
    categories: [
      word('poor_lighting', 'vocabulary.category.poor_lighting'),
      word('no_cctv', 'vocabulary.category.no_cctv'),
      word('isolated', 'vocabulary.category.isolated'),
      word('poor_layout', 'vocabulary.category.poor_layout'),
      word('restricted_visibility', 'vocabulary.category.restricted_visibility'),
      word('run_down', 'vocabulary.category.run_down'),
      word('drugs_alcohol', 'vocabulary.category.drugs_alcohol'),
    ],
  },
  {
    get label() {
      return t('vocabulary.group.people')
    },
    hint: 'Behavioural',
    categories: [
      word('harassment_individual', 'vocabulary.category.harassment_individual'),
      word('harassment_group', 'vocabulary.category.harassment_group'),
      word('followed', 'vocabulary.category.followed'),
      word('harassment_other', 'vocabulary.category.harassment_other'),
    ],
  },
  {
    get label() {
      return t('vocabulary.group.other')
    },
    hint: 'Other',
    categories: [word('other', 'vocabulary.category.other')],
  },
] as const satisfies readonly { label: string; hint: string; categories: readonly { slug: Category; label: string }[] }[]

export const categories: { slug: Category; label: string }[] = categoryGroups.flatMap(
  (group): { slug: Category; label: string }[] => [...group.categories],
)

export function categoryLabel(slug: string): string {
  return categories.find((category) => category.slug === slug)?.label ?? slug
}

/** A time band: its name, and its hours as people of the page's language write them. */
const band = <S extends TimeBand>(slug: S, label: MessageId, hours: MessageId) => ({
  // Not spread from `word`: a spread would read the getter once, in the language of that moment.
  slug,
  get label() {
    return t(label)
  },
  get hours() {
    return t(hours)
  },
})

export const timeBands = [
  band('early_morning', 'vocabulary.timeBand.early_morning', 'vocabulary.timeBand.early_morning.hours'),
  band('daytime', 'vocabulary.timeBand.daytime', 'vocabulary.timeBand.daytime.hours'),
  band('evening', 'vocabulary.timeBand.evening', 'vocabulary.timeBand.evening.hours'),
  band('night', 'vocabulary.timeBand.night', 'vocabulary.timeBand.night.hours'),
] as const satisfies readonly { slug: TimeBand; label: string; hours: string }[]

/** "Evening (5pm to 10pm)". */
export function timeBandLabel(slug: string): string {
  const found = timeBands.find((b) => b.slug === slug)
  return found ? t('vocabulary.timeBandWithHours', { band: found.label, hours: found.hours }) : slug
}

/** "Evening (5pm to 10pm), Night (10pm to 5am)", listed as the page's language lists them. */
export const timeBandsText = (slugs: readonly string[]): string => intl().formatList(slugs.map(timeBandLabel), { type: 'unit', style: 'short' })

export const dayChoices = [
  word('any', 'vocabulary.days.any'),
  word('weekdays', 'vocabulary.days.weekdays'),
  word('weekends', 'vocabulary.days.weekends'),
] as const satisfies readonly { slug: Days; label: string }[]

export const statuses = [
  word('new', 'vocabulary.status.new'),
  word('acknowledged', 'vocabulary.status.acknowledged'),
  word('action_planned', 'vocabulary.status.action_planned'),
  word('actioned', 'vocabulary.status.actioned'),
  word('closed', 'vocabulary.status.closed'),
] as const satisfies readonly { slug: Status; label: string }[]

export function statusLabel(slug: string): string {
  return statuses.find((s) => s.slug === slug)?.label ?? slug
}

/** `2026-11` → "November 2026", in the page's language. */
export function monthLabel(month: string | null | undefined): string {
  if (!month) return ''
  const [year, m] = month.split('-').map(Number)
  if (!year || !m) return month
  // The middle of the month: the same month on any clock, London's included.
  return intl().formatDate(new Date(Date.UTC(year, m - 1, 15, 12)), { month: 'long', year: 'numeric' })
}

/** '3 people said “me too”': a concern's support, on the map's card and on the receipt alike. */
export const supportText = (count: number): string => t('vocabulary.supportCount', { count })

export const MAX_DESCRIPTION = 1000
