import { useId } from 'react'
import { switchLocale, t, useLocale } from './intl.ts'
import { isLocale, LOCALES } from './locales.ts'

/**
 * The language of the page, each named in itself (so that whoever can't read the current one
 * finds their own), remembered on this device.
 */
export function LanguageSwitcher() {
  const id = useId()
  const locale = useLocale()
  return (
    <div className="language">
      <label htmlFor={id}>
        <span aria-hidden="true">🌐 </span>
        {t('common.language')}
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
