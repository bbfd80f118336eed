import { Worker } from 'node:worker_threads'
import { CATEGORIES } from '../vocabulary.ts'
import type { ClusterLevels, LevelOptions } from './levels.mjs'

/** What the build thread sends back: the levels, the points it was given, and their ids sorted. */
export type BuildResult = ClusterLevels & {
  lng: Float64Array
  lat: Float64Array
  flags: Uint16Array
  ids: Float64Array
  /** The ids ascending, and where each is in `ids`. */
  sorted: Float64Array
  order: Uint32Array
}

type Job = { resolve: (result: BuildResult) => void; reject: (error: Error) => void }

/**
 * The main thread's side of the build thread (worker.mjs): one per process's indexes, started on
 * first use and unref'd while it has nothing to do, so it never keeps a process alive.
 */
export class Builder {
  private worker?: Worker
  private jobs = new Map<number, Job>()
  private nextJob = 0

  constructor(private readonly options: LevelOptions) {}

  /** Clusters these points; the arrays are handed over (transferred), so the caller can't use them after. */
  build(ids: Float64Array, lng: Float64Array, lat: Float64Array, flags: Uint16Array): Promise<BuildResult> {
    const worker = this.start()
    const job = this.nextJob++
    return new Promise<BuildResult>((resolve, reject) => {
      this.jobs.set(job, { resolve, reject })
      if (this.jobs.size === 1) worker.ref()
      worker.postMessage(
        { job, ids, lng, lat, flags, options: this.options, categories: CATEGORIES.length },
        [ids.buffer, lng.buffer, lat.buffer, flags.buffer] as ArrayBuffer[],
      )
    })
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./worker.mjs', import.meta.url))
    worker.unref()
    worker.on('message', (message: { job: number; result?: BuildResult; error?: string }) => {
      const job = this.jobs.get(message.job)
      this.jobs.delete(message.job)
      if (this.jobs.size === 0) worker.unref()
      if (message.result) job?.resolve(message.result)
      else job?.reject(new Error(`cluster build failed: ${message.error}`))
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const job of this.jobs.values()) job.reject(error)
      this.jobs.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`cluster worker exited (${code})`)))
    this.worker = worker
    return worker
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }
}
