/**
 * A sweep's grid and its run in the replication pool, loaded with the first sweep: the plan from
 * the form's request (src/sim/sweep.ts checks it as the CLI does), one pool set per grid point,
 * and each row combined as its last replication arrives.
 */
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
import type { SweepAxis, SweepPlan, SweepRow } from '../sim/sweep'
import type { Scenario } from '../sim/scenario'
import type { ReplicationMessage } from '../worker/protocol'
import type { ReplicationClient } from '../worker/replication-pool'
import { parseCheckedScenario } from './run-gate'
import { scenarioForSettings } from './settings'
import type { AppState } from './store'
import type { RunningSweep, SweepRequest, SweepView } from './sweep-slice'

/** What a sweep runs with: the shared pool, its set-id count, and the store. */
export interface SweepContext {
  readonly pool: ReplicationClient
  readonly newSetId: () => number
  readonly set: (partial: Partial<AppState>) => void
  readonly get: () => AppState
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
  // The shown scenario's world has been checked (a preset, or a file checked on import): each
  // point's check skips its cities, which took 80 ms of the click's task for 200 x 5,000 (traced).
  const parsed = parseCheckedScenario(base)
  if (!parsed.ok)
    throw new SweepError(`the shown scenario is invalid: ${parsed.errors[0]?.message}`)
  return {
    plan,
    base: parsed.scenario,
    scenarios: sweepPoints(axes).map((values) =>
      sweepPointScenario(base, axes, values, parseCheckedScenario),
    ),
  }
}

/**
 * Starts a sweep of the shown scenario: sets the view (or the problem that stops it) and sends
 * one set per grid point. Returns the handle that stops it, or null when it could not start.
 */
export function launchSweep(request: SweepRequest, context: SweepContext): RunningSweep | null {
  const { pool, newSetId, set, get } = context
  const { settings, customScenario, siteOverrides } = get()
  const base = scenarioForSettings(settings, customScenario, siteOverrides)
  let planned: ReturnType<typeof planOf>
  try {
    planned = planOf(request, base, settings.seed)
  } catch (error) {
    if (!(error instanceof SweepError)) throw error
    set({ sweepProblem: `The sweep cannot run: ${error.message}.` })
    return null
  }
  const { plan, scenarios } = planned
  const rows = sweepRows(plan)
  const seeds = sweepSeeds(plan)
  const policyCount = plan.policies.length
  const view: SweepView = {
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
  let isStopped = false
  const stop = (): void => {
    if (isStopped) return
    isStopped = true
    unsubscribe()
    for (const setId of setIds.keys()) pool.send({ type: 'cancelReplications', setId })
  }
  const onMessage = (message: ReplicationMessage): void => {
    const point = setIds.get(message.setId)
    const current = get().sweep
    if (point === undefined || isStopped || !current) return
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
  const unsubscribe = pool.subscribe(onMessage)
  set({ sweep: view, sweepProblem: null })
  scenarios.forEach((scenario, point) => {
    const setId = newSetId()
    setIds.set(setId, point)
    const tasks: ReplicationTask[] = plan.policies.flatMap((policy) =>
      seeds.map((seed, index) => ({ index, seed, policy, holdPolicy: settings.holdPolicy })),
    )
    pool.send({ type: 'replicate', setId, scenario, tasks })
  })
  return { stop }
}
