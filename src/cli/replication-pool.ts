/**
 * Runs replications on a pool of worker threads (node:worker_threads), one job per thread at a
 * time, and gives the summaries back in job order, whatever order they finished in. The CLI's
 * replications and sweeps both run through it; a thread count of 1 still runs on one thread, so a
 * benchmark compares like with like.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ReplicationSummary, ReplicationTask } from '../sim/replications'
import { resolveScenario } from '../sim/scenario'
import type { ResolvedScenario, Scenario } from '../sim/scenario'
import { replicationThreadUrl } from './replication-bundle'

/** One replication of one scenario. */
export interface PoolJob {
  readonly scenario: Scenario
  readonly task: ReplicationTask
}

/** What the pool sends a thread. */
export interface PoolJobMessage {
  readonly job: number
  /** Which of the run's scenarios (numbered by the pool) the job is of. */
  readonly scenarioKey: number
  /**
   * That scenario, resolved once by the pool and structured-cloned, when the thread was not sent
   * it last: the thread keeps the last one, so it is sent once per thread, not once per job.
   */
  readonly resolved?: ResolvedScenario
  readonly task: ReplicationTask
}

/** What a thread answers: the summary, or why the replication failed. */
export type PoolAnswer =
  | { readonly job: number; readonly summary: ReplicationSummary }
  | { readonly job: number; readonly error: string }

/**
 * The start used when the thread cannot be bundled: the TypeScript sources through tsx, which
 * each thread registers (named by its file URL, so it is found wherever the command runs from)
 * before importing the thread's module. Node 20 applies no loader given to a thread in execArgv,
 * hence this start.
 */
const TSX_THREAD_START = `import(${JSON.stringify(
  import.meta.resolve('tsx/esm/api'),
)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(
  new URL('./replication-thread.ts', import.meta.url).href,
)}) })`

/**
 * Starts one thread: from the bundled module when there is one (and without the parent's
 * execArgv, whose tsx preload a bundle does not need and would cost every thread time), else
 * through tsx.
 */
function startThread(bundle: URL | null): Worker {
  return bundle === null
    ? new Worker(TSX_THREAD_START, { eval: true })
    : new Worker(bundle, { execArgv: [] })
}

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
  const scenarios = new Map<Scenario, { key: number; resolved: ResolvedScenario }>()
  const scenarioOf = (scenario: Scenario) => {
    let entry = scenarios.get(scenario)
    if (entry === undefined)
      scenarios.set(
        scenario,
        (entry = { key: scenarios.size, resolved: resolveScenario(scenario) }),
      )
    return entry
  }
  const bundle = await replicationThreadUrl().catch(() => null)
  const workers: Worker[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0
      let done = 0
      const sentKeys = new Map<Worker, number>()
      const give = (worker: Worker): void => {
        const job = next++
        const { scenario, task } = jobs[job] as PoolJob
        const { key, resolved } = scenarioOf(scenario)
        const isSent = sentKeys.get(worker) === key
        sentKeys.set(worker, key)
        const message: PoolJobMessage = {
          job,
          scenarioKey: key,
          ...(isSent ? {} : { resolved }),
          task,
        }
        worker.postMessage(message)
      }
      const count = Math.max(1, Math.min(threads, jobs.length))
      for (let i = 0; i < count; i++) {
        const worker = startThread(bundle)
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
