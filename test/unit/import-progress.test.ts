import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatProgress, ProgressMeter, type ImportProgress } from '../../server/importers/progress.ts'

describe('import progress', () => {
  afterEach(() => vi.useRealTimers())

  it('reports at most twice a second, and the final count of each label', () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    const reports: ImportProgress[] = []
    const meter = new ProgressMeter((p) => reports.push(p))
    for (let i = 0; i < 3000; i++) {
      meter.add('nodes')
      vi.advanceTimersByTime(1) // 3,000 nodes over 3 s
    }
    meter.add('ways', 10)
    meter.flush()
    expect(reports.filter((r) => r.label === 'nodes').length).toBeLessThanOrEqual(7)
    expect(reports.filter((r) => r.label === 'nodes').at(-1)).toMatchObject({ count: 3000 })
    expect(reports.at(-1)).toMatchObject({ label: 'ways', count: 10 })
  })

  it('reads like "osm: 41,200 nodes … 12,300/s"', () => {
    expect(formatProgress('osm', { label: 'nodes', count: 41200, perSecond: 12300 })).toBe('osm: 41,200 nodes … 12,300/s')
  })
})
