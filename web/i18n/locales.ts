/**
 * The languages the UI speaks: English, and the four most read first by residents of the
 * force's area after it (Polish, Romanian, Bengali, Arabic). Each is named in itself, as a
 * switcher lists them. `dir` lays the page out: Arabic right to left.
 */
export const LOCALES = [
  { tag: 'en-GB', name: 'English', dir: 'ltr' },
  { tag: 'pl', name: 'Polski', dir: 'ltr' },
  { tag: 'ro', name: 'Română', dir: 'ltr' },
  { tag: 'bn', name: 'বাংলা', dir: 'ltr' },
  { tag: 'ar', name: 'العربية', dir: 'rtl' },
] as const

export type Locale = (typeof LOCALES)[number]['tag']
export const DEFAULT_LOCALE: Locale = 'en-GB'
/** Where the choice made with the switcher is remembered, on this device only. */
export const SAVED_LOCALE_KEY = 'common-ground.locale'

export const isLocale = (tag: unknown): tag is Locale => LOCALES.some((l) => l.tag === tag)
export const directionOf = (locale: Locale) => LOCALES.find((l) => l.tag === locale)!.dir

/**
 * The language to speak: the one chosen before on this device, else the first of the browser's
 * languages we have (by its language: `pl-PL` is Polish, `en-US` English), else English.
 */
export function chooseLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved
  for (const tag of browserLanguages) {
    const language = tag.toLowerCase().split('-')[0]
    const found = LOCALES.find((l) => l.tag.toLowerCase().split('-')[0] === language)
    if (found) return found.tag
  }
  return DEFAULT_LOCALE
}
