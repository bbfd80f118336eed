import { useEffect, useId, useRef } from 'react'
import { ApiFailure } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { Receipt } from '../components/Receipt.tsx'
import { t } from '../i18n/intl.ts'
import { londonWhenText } from '../time-words.ts'
import { putAway, type OutboxEntry } from './outbox.ts'

/**
 * A report made offline that has now been sent (its receipt, kept until the resident says so) or
 * refused (why, in words): one at a time, oldest first, as a sheet over the map.
 */
export function OutboxOutcome({ entry }: { entry: Exclude<OutboxEntry, { state: 'waiting' }> }) {
  const ids = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [entry.key])
  return (
    <section className="sheet card outbox-outcome" aria-labelledby={`${ids}-title`}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {entry.state === 'sent' ? t('offline.sentTitle') : t('offline.refused', { reason: failureText(new ApiFailure('', entry.status, entry.code)) })}
        </h2>
      </header>
      {entry.state === 'sent' && (
        <>
          <p className="hint">{t('offline.sentWhen', { made: londonWhenText(entry.queuedAt), sent: londonWhenText(entry.sentAt) })}</p>
          <Receipt token={entry.receipt} />
        </>
      )}
      <button type="button" className="primary" onClick={() => void putAway(entry.key)}>
        {entry.state === 'sent' ? t('offline.kept') : t('offline.remove')}
      </button>
    </section>
  )
}
