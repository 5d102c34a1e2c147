/**
 * The worker's logic as a plain object: it applies commands and runs slices, posting messages
 * through a callback. No Worker, no timers: the entry file schedules slices, tests call
 * `runSlice` directly. Several runs may be open at once (compare mode); slices go round-robin.
 */
import { createRun } from '../sim/engine'
import type { Run } from '../sim/engine'
import { parseScenario, resolveScenario } from '../sim/scenario'
import type { StepRecord } from '../sim/model'
import { SNAPSHOT_EVERY_MS } from './protocol'
import type { WorkerCommand, WorkerMessage } from './protocol'

/** A session: feed it commands, call `runSlice` while `hasWork`. */
export interface Session {
  handle(command: WorkerCommand): void
  /** Runs up to `budgetMs` of simulation (at least one step) and posts what it produced. */
  runSlice(budgetMs: number): void
  readonly hasWork: boolean
}

interface OpenRun {
  readonly runId: number
  readonly run: Run
  /** Steps run but not yet posted. */
  readonly pending: StepRecord[]
  /** When this run last posted steps (ms on `now`'s clock). */
  postedAtMs: number
}

/**
 * Creates a session that posts messages with `post` and reads the clock with `now` (ms). A run's
 * steps are gathered over slices and posted, with its progress, at most every `postEveryMs` (and
 * at its end): each message costs the page a store update and a redraw, whatever it brings.
 */
export function createSession(
  post: (message: WorkerMessage) => void,
  now: () => number,
  postEveryMs = SNAPSHOT_EVERY_MS,
): Session {
  const runs: OpenRun[] = []

  const fail = (runId: number, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error)
    post({ type: 'failed', runId, errors: [{ path: '(run)', message }] })
  }

  const start = (command: Extract<WorkerCommand, { type: 'run' }>): void => {
    const parsed = parseScenario(command.scenario)
    if (!parsed.ok) {
      post({ type: 'failed', runId: command.runId, errors: parsed.errors })
      return
    }
    try {
      const resolved = resolveScenario(parsed.scenario)
      const run = createRun(resolved, {
        ...(command.seed === undefined ? {} : { seed: command.seed }),
        ...(command.policy === undefined ? {} : { policy: command.policy }),
        ...(command.holdPolicy === true ? { holdPolicy: true } : {}),
      })
      runs.push({ runId: command.runId, run, pending: [], postedAtMs: -Infinity })
      post({
        type: 'started',
        runId: command.runId,
        stepCount: run.stepCount,
        stepMinutes: parsed.scenario.stepMinutes,
        world: resolved.world,
        timeline: run.timeline,
        startDate: parsed.scenario.startDate,
        hash: run.hash,
        concernJurisdictions: [...parsed.scenario.keys.concernJurisdictions],
        scale: parsed.scenario.demand.scale,
        paidOptInRegions: [...resolved.paidOptInRegions],
      })
    } catch (error) {
      fail(command.runId, error)
    }
  }

  return {
    handle(command) {
      if (command.type === 'run') {
        start(command)
        return
      }
      const i = runs.findIndex((r) => r.runId === command.runId)
      if (i >= 0) {
        runs.splice(i, 1)
        post({ type: 'cancelled', runId: command.runId })
      }
    },
    runSlice(budgetMs) {
      const open = runs.shift()
      if (!open) return
      const { run, runId, pending } = open
      const began = now()
      try {
        do pending.push(...run.advance(1))
        while (!run.isDone && now() - began < budgetMs)
        const ended = now()
        if (run.isDone || ended - open.postedAtMs >= postEveryMs) {
          open.postedAtMs = ended
          post({ type: 'snapshot', runId, steps: pending.splice(0) })
          post({ type: 'progress', runId, stepsDone: run.stepsDone, stepCount: run.stepCount })
        }
        if (run.isDone) {
          const { stepFlows: _stepFlows, ...summary } = run.finish()
          post({ type: 'done', runId, summary })
        } else {
          runs.push(open)
        }
      } catch (error) {
        fail(runId, error)
      }
    },
    get hasWork() {
      return runs.length > 0
    },
  }
}
