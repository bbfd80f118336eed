import { t } from '../i18n/intl.ts'

/** The id of each page's <main>, where the skip link goes. */
export const CONTENT_ID = 'content'

/** The first tab stop of every page: straight to its content, past what comes before it. Shown when focused. */
export function SkipLink() {
  return (
    <a className="skip-link" href={`#${CONTENT_ID}`}>
      {t('common.skipToContent')}
    </a>
  )
}
