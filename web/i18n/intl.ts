import { createIntl, createIntlCache, type IntlShape } from 'react-intl'
import { useSyncExternalStore, type ReactNode } from 'react'
import { LONDON } from '../../common/london-time.ts'
import { english, type MessageId } from './english.ts'
import { chooseLocale, DEFAULT_LOCALE, directionOf, SAVED_LOCALE_KEY, type Locale } from './locales.ts'

/*
 * The UI's words, through FormatJS (react-intl): ICU messages with plurals, numbers and dates.
 * `t` and `rich` speak the current language; dates and times are always on the London clock
 * (the intl's time zone), in that language's way of writing them. Changing the language
 * re-renders the whole app from the root (main.tsx keys it by locale), so a component needs no
 * hook to speak it.
 */

type Messages = Record<string, string>
type Values = Record<string, string | number | boolean | Date | null | undefined>
type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>

const cache = createIntlCache()
/** Each other language as one chunk of its own, fetched when it is chosen. */
const catalogues: Record<Exclude<Locale, 'en-GB'>, () => Promise<{ default: Messages }>> = {
  pl: () => import('./catalogue-pl.ts'),
  ro: () => import('./catalogue-ro.ts'),
  bn: () => import('./catalogue-bn.ts'),
  ar: () => import('./catalogue-ar.ts'),
}

const build = (locale: Locale, messages: Messages): IntlShape =>
  createIntl(
    {
      locale,
      defaultLocale: DEFAULT_LOCALE,
      messages,
      timeZone: LONDON,
      // A missing message is caught by test/unit/i18n-catalogues.test.ts; say it rather than throw.
      onError: (error) => console.warn(error.message),
    },
    cache,
  )

let current = { locale: DEFAULT_LOCALE as Locale, intl: build(DEFAULT_LOCALE, english) }
const listeners = new Set<() => void>()

/** One language's whole catalogue, from its parts. English is built in. */
async function load(locale: Locale): Promise<Messages> {
  return locale === 'en-GB' ? english : (await catalogues[locale]()).default
}

function apply(locale: Locale, messages: Messages) {
  current = { locale, intl: build(locale, messages) }
  document.documentElement.lang = locale
  document.documentElement.dir = directionOf(locale)
  for (const listener of listeners) listener()
}

function savedLocale(): string | null {
  try {
    return localStorage.getItem(SAVED_LOCALE_KEY)
  } catch {
    return null
  }
}

/** Before the first render: the language chosen before here, or the browser's. */
export async function startLocale(): Promise<void> {
  const locale = chooseLocale(savedLocale(), navigator.languages ?? [navigator.language])
  apply(locale, await load(locale))
}

/** The switcher's choice: spoken at once, and remembered on this device. */
export async function switchLocale(locale: Locale): Promise<void> {
  const messages = await load(locale)
  try {
    localStorage.setItem(SAVED_LOCALE_KEY, locale)
  } catch {
    // Private browsing without storage: the choice lasts this visit.
  }
  apply(locale, messages)
}

export const currentLocale = (): Locale => current.locale

/** The current locale, re-rendering the caller when it changes. */
export const useLocale = (): Locale =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => current.locale,
  )

/** A message in the current language: `t('report.title')`, `t('report.people', { count: 3 })`. */
export const t = (id: MessageId, values?: Values): string => current.intl.formatMessage({ id }, values)

/** A message with parts that are elements: `rich('receipt.keep', { b: (chunks) => <b>{chunks}</b> })`. */
export const rich = (id: MessageId, values: RichValues): ReactNode => current.intl.formatMessage({ id }, values)

/** Numbers, dates, lists and relative times in the current language (dates on the London clock). */
export const intl = (): IntlShape => current.intl
