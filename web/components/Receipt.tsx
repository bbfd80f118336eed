import { useId } from 'react'
import { rich, t } from '../i18n/intl.ts'
import { receiptLink, SaveLink } from './ConcernFields.tsx'
import { QrCode } from './QrCode.tsx'

/**
 * The one-time token: shown once, as a QR code of its link (to scan with another phone), with a
 * way to save or share the link (or copy it) and a link to follow the report.
 */
export function Receipt({ token }: { token: string }) {
  const ids = useId()
  const link = receiptLink(token)
  return (
    <div className="receipt">
      <p>{rich('receipt.keep', { b: (chunks) => <b>{chunks}</b> })}</p>
      <div className="follow-up">
        <QrCode text={link} label={t('receipt.qrCode')} />
        <div>
          <p className="token-label" id={`${ids}-token`}>
            {t('receipt.token')}
          </p>
          {/* Left to right in any language: a leading "-" or "_" would move to the end in Arabic. */}
          <code className="token" aria-labelledby={`${ids}-token`} data-token={token} dir="ltr">
            {token}
          </code>
          <p className="hint">{t('receipt.scan')}</p>
        </div>
      </div>
      <div className="row">
        <SaveLink link={link} title={t('receipt.shareTitle', { name: 'Common Ground' })} />
        <a href={`/receipt/${encodeURIComponent(token)}`}>{t('receipt.follow')}</a>
      </div>
    </div>
  )
}
