/**
 * The sweep slice: a sensitivity sweep of the dashboard's scenario, run in the replication pool.
 * Each grid point is one set of the pool (its scenario, with every policy's replications as
 * tasks); a row (point x policy) is combined as soon as its last replication arrives, and its
 * replication summaries are then dropped, so the page keeps one row of figures per grid point
 * and policy. The same grid, scenarios and seeds as `npm run sweep` (src/sim/sweep.ts), so the
 * sweep's CSV is the bytes the CLI writes for the same sweep.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { PolicyId } from '../sim/model'
import type { ReplicationSummary, ReplicationTask } from '../sim/replications'
import {
  SweepError,
  checkSweepPlan,
  combineSweepRow,
  parseSweepRange,
  sweepId,
  sweepPointScenario,
  sweepPoints,
  sweepRows,
  sweepSeeds,
} from '../sim/sweep'
import type { SweepAxis, SweepPlan, SweepRow, SweepRowResult } from '../sim/sweep'
import type { SweepParameterName } from '../sim/sweep-parameters'
import { parseScenario } from '../sim/scenario'
import type { Scenario } from '../sim/scenario'
import type { ReplicationMessage } from '../worker/protocol'
import type { ReplicationClient } from '../worker/replication-pool'
import { scenarioForSettings } from './settings'
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
  readonly request: SweepRequest
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
  readonly startSweep: (request: SweepRequest) => void
  readonly cancelSweep: () => void
}

/** The set ids of the running sweep's points, and each point's replication summaries by row. */
interface Running {
  readonly setIds: Map<number, number>
  readonly pending: Map<number, ReplicationSummary[]>
  readonly unsubscribe: () => void
}

/** A plan and its point scenarios from a request; throws SweepError naming what is wrong. */
function planOf(
  request: SweepRequest,
  base: ReturnType<typeof scenarioForSettings>,
  seed: number,
): { plan: SweepPlan; base: Scenario; scenarios: Scenario[] } {
  const axes: SweepAxis[] = request.axes.map((a) =>
    parseSweepRange(`${a.parameter}=${a.from.trim()}:${a.to.trim()}:${a.step.trim()}`),
  )
  if (request.policies.length === 0) throw new SweepError('choose at least one policy')
  const plan: SweepPlan = {
    axes,
    policies: [...request.policies],
    replications: request.replications,
    seed,
  }
  checkSweepPlan(plan)
  const parsed = parseScenario(base)
  if (!parsed.ok)
    throw new SweepError(`the shown scenario is invalid: ${parsed.errors[0]?.message}`)
  return {
    plan,
    base: parsed.scenario,
    scenarios: sweepPoints(axes).map((values) => sweepPointScenario(base, axes, values)),
  }
}

/** Creates the slice on the pool it shares with the replications slice. */
export function createSweepSlice(
  pool: ReplicationClient,
  newSetId: () => number,
): StateCreator<AppState, [], [], SweepSlice> {
  let running: Running | null = null
  const stop = (): void => {
    if (!running) return
    running.unsubscribe()
    for (const setId of running.setIds.keys()) pool.send({ type: 'cancelReplications', setId })
    running = null
  }
  return (set, get) => ({
    sweep: null,
    sweepProblem: null,
    startSweep(request) {
      stop()
      const { settings, customScenario, siteOverrides } = get()
      const base = scenarioForSettings(settings, customScenario, siteOverrides)
      let planned: ReturnType<typeof planOf>
      try {
        planned = planOf(request, base, settings.seed)
      } catch (error) {
        if (!(error instanceof SweepError)) throw error
        set({ sweepProblem: `The sweep cannot run: ${error.message}.` })
        return
      }
      const { plan, scenarios } = planned
      const rows = sweepRows(plan)
      const seeds = sweepSeeds(plan)
      const policyCount = plan.policies.length
      const view: SweepView = {
        request,
        plan,
        scenarioId: planned.base.id,
        id: sweepId(planned.base, plan),
        rows,
        results: rows.map(() => null),
        runsDone: 0,
        runsTotal: rows.length * plan.replications,
        status: 'running',
        message: null,
      }
      const setIds = new Map<number, number>()
      const pending = new Map<number, ReplicationSummary[]>()
      const onMessage = (message: ReplicationMessage): void => {
        const point = setIds.get(message.setId)
        const current = get().sweep
        if (point === undefined || running?.setIds !== setIds || !current) return
        if (message.type === 'replicationsFailed') {
          stop()
          set({ sweep: { ...current, status: 'failed', message: message.message } })
          return
        }
        if (message.type !== 'replicated') return
        const p = plan.policies.indexOf(message.summary.policy)
        const rowNumber = point * policyCount + p + 1
        const summaries = [...(pending.get(rowNumber) ?? []), message.summary]
        let results = current.results
        if (summaries.length === plan.replications) {
          pending.delete(rowNumber)
          results = results.map((r, i) =>
            i === rowNumber - 1 ? combineSweepRow(rows[i] as SweepRow, summaries) : r,
          )
        } else pending.set(rowNumber, summaries)
        const runsDone = current.runsDone + 1
        const isDone = runsDone === current.runsTotal
        if (isDone) stop()
        set({ sweep: { ...current, results, runsDone, status: isDone ? 'done' : 'running' } })
      }
      running = { setIds, pending, unsubscribe: pool.subscribe(onMessage) }
      set({ sweep: view, sweepProblem: null })
      scenarios.forEach((scenario, point) => {
        const setId = newSetId()
        setIds.set(setId, point)
        const tasks: ReplicationTask[] = plan.policies.flatMap((policy) =>
          seeds.map((seed, index) => ({ index, seed, policy, holdPolicy: settings.holdPolicy })),
        )
        pool.send({ type: 'replicate', setId, scenario, tasks })
      })
    },
    cancelSweep() {
      const current = get().sweep
      stop()
      if (current?.status === 'running') set({ sweep: { ...current, status: 'cancelled' } })
    },
  })
}
