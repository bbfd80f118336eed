import { percentile } from './random.ts'

/** A benchmark's figures by name, and `stat`, which records the p50 and p95 of a list of times. */
export function figureBook() {
  const figures: Record<string, number> = {}
  const stat = (name: string, times: number[]) => {
    figures[`${name}_p50_ms`] = percentile(times, 50)
    figures[`${name}_p95_ms`] = percentile(times, 95)
  }
  return { figures, stat }
}

/** What `f` returns and the milliseconds it took. */
export async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now()
  const result = await f()
  return [result, performance.now() - started]
}
