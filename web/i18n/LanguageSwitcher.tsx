import { useId } from 'react'
import { switchLocale, t, useLocale } from './intl.ts'
import { isLocale, LOCALES } from './locales.ts'

/**
 * The language of the page, each named in itself (so that whoever can't read the current one
 * finds their own), remembered on this device. A native select: the keyboard and screen readers
 * know it, and its label names it. `compact` (a title bar) shows the globe alone and keeps the
 * word "Language" for screen readers.
 */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const id = useId()
  const locale = useLocale()
  return (
    <div className={compact ? 'language compact' : 'language'}>
      <label htmlFor={id}>
        <Globe />
        <span className={compact ? 'visually-hidden' : undefined}>{t('common.language')}</span>
      </label>
      <select id={id} value={locale} onChange={(event) => isLocale(event.target.value) && void switchLocale(event.target.value)}>
        {LOCALES.map((l) => (
          <option key={l.tag} value={l.tag} lang={l.tag}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A globe drawn in the text's colour: an emoji would need a font that not every device has. */
function Globe() {
  return (
    <svg className="globe" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <ellipse cx="12" cy="12" rx="4" ry="9" />
      <path d="M3 12h18M4.5 7.5h15M4.5 16.5h15" />
    </svg>
  )
}
