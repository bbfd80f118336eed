import type { Query, Sql } from './database.ts'

/** The change sequences are read at most this often per database; this process's own change is seen at once. */
export const CHANGE_CHECK_MS = 200

/**
 * Where the data stood at one read. Triggers bump a sequence on every statement that writes its
 * tables, from any process (migrations 0004–0008), so a count only grows: the caches held in
 * memory (cluster indexes, the routing graph) compare counts to know what to read again.
 */
export type Changes = {
  /** `concern_changes`: statements that inserted, updated or deleted concerns. */
  concerns: number
  /** `concern_deletions`: statements that deleted concerns (nothing is left to read back). */
  deletions: number
  /** `path_network_changes`: statements that changed the path network or the open spaces. */
  network: number
  /** `patrol_changes`: statements that changed patrol plans. */
  patrols: number
  /**
   * This process's `changed()` calls when it was read. A trigger bumps its sequence before the
   * transaction commits, so a read in between sees the new count without the new rows; a local
   * change after its commit still makes the next read differ.
   */
  local: number
  /**
   * No transaction open at the read had started before this instant. `updated_at` is a
   * transaction's start, so rows stamped from here on may still appear: read back from it.
   */
  horizon: Date
  /**
   * No other client had a transaction open at the read: every change counted has committed, so
   * rows read after it hold them all (what a cache may be keyed on; otherwise it must not keep).
   */
  quiet: boolean
}

/** The change sequences as counts of `nextval` calls, and the horizon, in one query. */
export async function readChanges(sql: Query, local = 0): Promise<Changes> {
  const [row] = await sql<Omit<Changes, 'local'>[]>`
    SELECT (SELECT (last_value - CASE WHEN is_called THEN 0 ELSE 1 END)::float8 FROM concern_changes) AS concerns,
           (SELECT (last_value - CASE WHEN is_called THEN 0 ELSE 1 END)::float8 FROM concern_deletions) AS deletions,
           (SELECT (last_value - CASE WHEN is_called THEN 0 ELSE 1 END)::float8 FROM path_network_changes) AS network,
           (SELECT (last_value - CASE WHEN is_called THEN 0 ELSE 1 END)::float8 FROM patrol_changes) AS patrols,
           (SELECT least(now(), min(xact_start)) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend') AS horizon,
           (SELECT count(*) = 0 FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL) AS quiet`
  return { ...row!, local }
}

/**
 * "Has the data changed?" for one database: the change sequences read at most every
 * CHANGE_CHECK_MS, whoever asks (clusters, routing), and at once after this process said it
 * changed something.
 */
export class ChangeWatcher {
  private localChanges = 0
  private last?: { at: number; local: number; changes: Promise<Changes> }

  constructor(
    private readonly sql: Sql,
    private readonly everyMs = CHANGE_CHECK_MS,
  ) {}

  /** Called after this process committed a change: the next read goes to the database. */
  changed(): void {
    this.localChanges++
  }

  /** How many changes this process reported so far. */
  get local(): number {
    return this.localChanges
  }

  /** The changes as read at most `everyMs` ago, and not before this process's last change. */
  read(): Promise<Changes> {
    const last = this.last
    if (last && last.local === this.localChanges && performance.now() - last.at < this.everyMs) return last.changes
    return this.readNow()
  }

  /** The changes as they stand now (tests and benchmarks call this instead of waiting). */
  readNow(): Promise<Changes> {
    const local = this.localChanges
    const changes = readChanges(this.sql, local)
    const last = { at: performance.now(), local, changes }
    this.last = last
    changes.catch(() => this.last === last && (this.last = undefined))
    return changes
  }
}

const byDatabase = new WeakMap<Sql, ChangeWatcher>()
/** One watcher per database connection pool, shared by everything built on it. */
export function changeWatcher(sql: Sql): ChangeWatcher {
  let watcher = byDatabase.get(sql)
  if (!watcher) byDatabase.set(sql, (watcher = new ChangeWatcher(sql)))
  return watcher
}
