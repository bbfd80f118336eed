import { useState } from 'react'
import { t } from '../i18n/intl.ts'
import { sendWaiting, type OutboxEntry } from './outbox.ts'
import './outbox.css'

/** What waits on the phone, in words, with "Send now"; shown over the map while any report waits. */
export function OutboxWaiting({ entries }: { entries: OutboxEntry[] }) {
  const [sending, setSending] = useState(false)
  const waiting = entries.filter((e) => e.state === 'waiting').length
  if (waiting === 0) return null
  const sendNow = () => {
    setSending(true)
    void sendWaiting()
      .catch(() => {})
      .finally(() => setSending(false))
  }
  return (
    <section className="outbox-waiting" role="status" aria-label={t('offline.notice')}>
      <p>{t('offline.waiting', { count: waiting })}</p>
      <button type="button" onClick={sendNow} disabled={sending}>
        {sending ? t('offline.sending') : t('offline.sendNow')}
      </button>
    </section>
  )
}
