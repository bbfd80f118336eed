/** What an import reports while it runs: e.g. { label: 'nodes', count: 41200, perSecond: 12300 }. */
export type ImportProgress = { label: string; count: number; perSecond: number }
export type OnProgress = (progress: ImportProgress) => void

/** How often a running count is reported; the last count of each label is always reported. */
const REPORT_EVERY_MS = 500

/**
 * Counts what an import has done under a label ('nodes', 'edges written', 'crimes') and
 * reports it at most twice a second, plus once at the end of each label. The rate is over the
 * label's own time: from begin() (or its first add) to its last add.
 */
export class ProgressMeter {
  private label: string | undefined
  private count = 0
  private started = 0
  private last = 0
  private reported = 0
  private reportedCount = 0

  constructor(private readonly onProgress: OnProgress | undefined) {}

  /** Starts timing a label before its first item is done (a batch about to be written). */
  begin(label: string): void {
    if (label === this.label) return
    this.flush()
    this.label = label
    this.count = this.reportedCount = 0
    this.started = this.last = this.reported = performance.now()
  }

  add(label: string, n = 1): void {
    if (!this.onProgress) return
    this.begin(label)
    this.count += n
    this.last = performance.now()
    if (this.last - this.reported >= REPORT_EVERY_MS) {
      this.reported = this.last
      this.report()
    }
  }

  /** Reports the final count of the current label. */
  flush(): void {
    if (this.label !== undefined && this.count !== this.reportedCount) this.report()
    this.label = undefined
  }

  private report() {
    this.reportedCount = this.count
    const seconds = (this.last - this.started) / 1000
    const perSecond = seconds > 0 ? Math.round(this.count / seconds) : 0
    this.onProgress?.({ label: this.label ?? '', count: this.count, perSecond })
  }
}

const numbers = new Intl.NumberFormat('en-GB')

/** 'osm: 41,200 nodes … 12,300/s' */
export function formatProgress(kind: string, p: ImportProgress): string {
  return `${kind}: ${numbers.format(p.count)} ${p.label} … ${numbers.format(p.perSecond)}/s`
}
