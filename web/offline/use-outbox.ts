import { useEffect, useState } from 'react'
import { onOutboxChange, outboxEntries, type OutboxEntry } from './outbox.ts'

/** The outbox's entries, read again after each change (kept, sent, put away). */
export function useOutbox(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([])
  useEffect(() => {
    let live = true
    const read = () => void outboxEntries().then((found) => live && setEntries(found), () => {})
    read()
    const stop = onOutboxChange(read)
    return () => {
      live = false
      stop()
    }
  }, [])
  return entries
}
