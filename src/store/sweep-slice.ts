/**
 * The sweep slice: a sensitivity sweep of the dashboard's scenario, run in the replication pool.
 * Each grid point is one set of the pool (its scenario, with every policy's replications as
 * tasks); a row (point x policy) is combined as soon as its last replication arrives, and its
 * replication summaries are then dropped, so the page keeps one row of figures per grid point
 * and policy. The same grid, scenarios and seeds as `npm run sweep` (src/sim/sweep.ts), so the
 * sweep's CSV is the bytes the CLI writes for the same sweep. The grid and its handling
 * (sweep-run.ts, with src/sim/sweep.ts) load on the first sweep, not with the page.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { PolicyId } from '../sim/model'
import type { SweepPlan, SweepRow, SweepRowResult } from '../sim/sweep'
import type { SweepParameterName } from '../sim/sweep-parameters'
import type { ReplicationClient } from '../worker/replication-pool'
import type { AppState } from './store'

/** One swept parameter as the form gives it: decimal texts, as the CLI's `name=from:to:step`. */
export interface SweepAxisInput {
  readonly parameter: SweepParameterName
  readonly from: string
  readonly to: string
  readonly step: string
}

/** What the sweep form asks for. */
export interface SweepRequest {
  readonly axes: readonly SweepAxisInput[]
  readonly policies: readonly PolicyId[]
  readonly replications: number
}

/** A sweep in progress or finished. */
export interface SweepView {
  readonly plan: SweepPlan
  /** The shown scenario's id (the CSV's file name). */
  readonly scenarioId: string
  /** The sweep's id, as the CLI's CSV carries it. */
  readonly id: string
  readonly rows: readonly SweepRow[]
  /** Each row's figures once all its replications are in, by row number - 1. */
  readonly results: readonly (SweepRowResult | null)[]
  readonly runsDone: number
  readonly runsTotal: number
  readonly status: 'running' | 'done' | 'failed' | 'cancelled'
  /** Why it failed, in plain words (null unless failed). */
  readonly message: string | null
}

/** The sweep and its actions. */
export interface SweepSlice {
  readonly sweep: SweepView | null
  /** Why the last request could not start (names the parameter, range or limit), or null. */
  readonly sweepProblem: string | null
  /** Starts a sweep (after loading its code on the first one); resolves once it is sent. */
  readonly startSweep: (request: SweepRequest) => Promise<void>
  readonly cancelSweep: () => void
}

/** What the slice needs to hear about and stop a running sweep. */
export interface RunningSweep {
  stop(): void
}

/** Creates the slice on the pool it shares with the replications slice. */
export function createSweepSlice(
  pool: ReplicationClient,
  newSetId: () => number,
): StateCreator<AppState, [], [], SweepSlice> {
  let running: RunningSweep | null = null
  // Each start counts; a start whose code arrives after a newer one gives way to it.
  let starts = 0
  return (set, get) => ({
    sweep: null,
    sweepProblem: null,
    async startSweep(request) {
      const start = ++starts
      const { launchSweep } = await import('./sweep-run')
      if (start !== starts) return
      running?.stop()
      running = launchSweep(request, { pool, newSetId, set, get })
    },
    cancelSweep() {
      starts++
      const current = get().sweep
      running?.stop()
      running = null
      if (current?.status === 'running') set({ sweep: { ...current, status: 'cancelled' } })
    },
  })
}
