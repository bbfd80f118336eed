import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { ApiFailure, noAnswer } from '../api/client.ts'
import { reportConcern, type NewConcern } from '../concerns/api.ts'

/*
 * Reports made with no connection wait here, on the phone (IndexedDB), each with the
 * Idempotency-Key it was first tried with, and are sent when the connection returns, when the
 * app is next opened, and every half minute while any waits. The server answers a key it has
 * seen with the same receipt, so a report whose answer was lost is never made twice.
 *
 * What is kept: the report as written (place, category, when, the optional words) until it is
 * sent; then only its receipt, until the resident has seen it and put it away. Nothing of it is
 * kept anywhere else on the device.
 */

export type OutboxEntry = {
  key: string
  queuedAt: string
} & (
  | { state: 'waiting'; report: NewConcern }
  /** Sent: the receipt, shown until the resident puts it away. */
  | { state: 'sent'; receipt: string; sentAt: string }
  /** Refused by the server (e.g. the place is outside the map's area): said, then put away. */
  | { state: 'refused'; code: string | undefined; status: number }
)

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry }
}

const DB_NAME = 'common-ground'
const STORE = 'outbox'
/** While reports wait, how often sending is tried again (navigator.onLine can be wrong). */
export const RETRY_EVERY_MS = 30_000

let opened: Promise<IDBPDatabase<OutboxDb>> | undefined
const db = () =>
  (opened ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'key' })
    },
  }))

const listeners = new Set<() => void>()
const changed = () => listeners.forEach((listener) => listener())

/** Calls `listener` after every change of the outbox; returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Everything in the outbox, oldest first. */
export async function outboxEntries(): Promise<OutboxEntry[]> {
  const entries = await (await db()).getAll(STORE)
  return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))
}

/** Keeps a report that could not be sent, with the key it was tried with, and tries it again later. */
export async function keepReport(report: NewConcern, key: string): Promise<void> {
  await (await db()).put(STORE, { key, queuedAt: new Date().toISOString(), state: 'waiting', report })
  changed()
}

/** The resident has seen a sent report's receipt (or a refusal): it leaves the phone. */
export async function putAway(key: string): Promise<void> {
  await (await db()).delete(STORE, key)
  changed()
}

/**
 * A resident's report: sent now, or — offline, no answer after the quick retries, or the server
 * failing (5xx) — kept on the phone with its key, to be sent when the connection returns.
 */
export async function sendOrKeep(report: NewConcern, key: string): Promise<{ id: number; receipt: string } | { kept: true }> {
  if (navigator.onLine) {
    try {
      return await reportConcern(report, key)
    } catch (error) {
      if (!(noAnswer(error) || (error instanceof ApiFailure && error.status >= 500))) throw error
    }
  }
  await keepReport(report, key)
  void sendWaiting().catch(() => {})
  return { kept: true }
}

let sending: Promise<void> | undefined

/** A final no from the server (a 4xx but 429): sending it again would change nothing. */
const refused = (error: unknown): error is ApiFailure =>
  error instanceof ApiFailure && !noAnswer(error) && error.status >= 400 && error.status < 500 && error.status !== 429

/**
 * Sends every waiting report, oldest first, once at a time (a second call while one runs waits
 * for it). Stops at the first that gets no answer or is asked to wait (429): still offline, or
 * too soon; they stay waiting.
 */
export function sendWaiting(): Promise<void> {
  return (sending ??= (async () => {
    try {
      for (const entry of await outboxEntries()) {
        if (entry.state !== 'waiting') continue
        let next: OutboxEntry
        try {
          const { receipt } = await reportConcern(entry.report, entry.key)
          next = { key: entry.key, queuedAt: entry.queuedAt, state: 'sent', receipt, sentAt: new Date().toISOString() }
        } catch (error) {
          if (!refused(error)) break
          next = { key: entry.key, queuedAt: entry.queuedAt, state: 'refused', code: error.code, status: error.status }
        }
        await (await db()).put(STORE, next)
        changed()
      }
    } finally {
      sending = undefined
    }
  })())
}

/**
 * Starts the outbox for this page: sends what waits now (the next visit after an offline report),
 * again when the browser says the connection is back, and every RETRY_EVERY_MS while any waits.
 */
export function startOutbox(): void {
  const trySending = () => void sendWaiting().catch(() => {})
  window.addEventListener('online', trySending)
  setInterval(() => {
    void outboxEntries().then((entries) => entries.some((e) => e.state === 'waiting') && trySending(), () => {})
  }, RETRY_EVERY_MS)
  trySending()
}
