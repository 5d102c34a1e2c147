/**
 * Runs replications on a pool of worker threads (node:worker_threads), one job per thread at a
 * time, and gives the summaries back in job order, whatever order they finished in. The CLI's
 * replications and sweeps both run through it; a thread count of 1 still runs on one thread, so a
 * benchmark compares like with like.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ReplicationSummary, ReplicationTask } from '../sim/replications'
import type { Scenario } from '../sim/scenario'

/** One replication of one scenario. */
export interface PoolJob {
  readonly scenario: Scenario
  readonly task: ReplicationTask
}

/** What the pool sends a thread. */
export interface PoolJobMessage {
  readonly job: number
  /** The scenario as JSON (the thread validates and resolves it again, and keeps the last one). */
  readonly scenarioText: string
  readonly task: ReplicationTask
}

/** What a thread answers: the summary, or why the replication failed. */
export type PoolAnswer =
  | { readonly job: number; readonly summary: ReplicationSummary }
  | { readonly job: number; readonly error: string }

/**
 * The threads run TypeScript sources as the command does, through tsx: each registers tsx's
 * loader (named by its file URL, so it is found wherever the command runs from) and then imports
 * the thread's module. Node 20 applies no loader given to a thread in execArgv, hence this start.
 */
const THREAD_START = `import(${JSON.stringify(
  import.meta.resolve('tsx/esm/api'),
)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(
  new URL('./replication-thread.ts', import.meta.url).href,
)}) })`

/** Threads to use when not told: every core. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism())
}

/**
 * Runs `jobs` on `threads` worker threads (at most one per job) and resolves with their summaries
 * in job order. `onDone` hears each summary as it finishes (with the count done so far). The first
 * failure rejects the whole run and stops every thread.
 */
export async function runOnThreads(
  jobs: readonly PoolJob[],
  threads: number,
  onDone?: (summary: ReplicationSummary, done: number) => void,
): Promise<ReplicationSummary[]> {
  const results = new Array<ReplicationSummary | undefined>(jobs.length)
  if (jobs.length === 0) return []
  const texts = new Map<Scenario, string>()
  const textOf = (scenario: Scenario): string => {
    let text = texts.get(scenario)
    if (text === undefined) texts.set(scenario, (text = JSON.stringify(scenario)))
    return text
  }
  const workers: Worker[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0
      let done = 0
      const give = (worker: Worker): void => {
        const job = next++
        const { scenario, task } = jobs[job] as PoolJob
        const message: PoolJobMessage = { job, scenarioText: textOf(scenario), task }
        worker.postMessage(message)
      }
      const count = Math.max(1, Math.min(threads, jobs.length))
      for (let i = 0; i < count; i++) {
        const worker = new Worker(THREAD_START, { eval: true })
        workers.push(worker)
        worker.on('error', reject)
        worker.on('message', (answer: PoolAnswer) => {
          if ('error' in answer) {
            reject(new Error(`replication ${answer.job + 1} failed: ${answer.error}`))
            return
          }
          results[answer.job] = answer.summary
          done++
          onDone?.(answer.summary, done)
          if (done === jobs.length) resolve()
          else if (next < jobs.length) give(worker)
        })
        give(worker)
      }
    })
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results as ReplicationSummary[]
}
