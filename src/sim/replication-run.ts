/**
 * Running one replication: the scenario on one seed, reduced to the summary the replications
 * combine (src/sim/replications.ts). Kept apart from the statistics so the page's first load,
 * which combines summaries, does not carry the engine; the workers and the CLI's threads that run
 * replications import this.
 */
import { createRun, runHash } from './engine'
import type { RunOptions } from './engine'
import { BANDED_METRIC_NAMES } from './replications'
import type { ReplicationSummary, ReplicationTask } from './replications'
import type { ChartMetricName } from './metrics'
import type { ResolvedScenario } from './scenario'

/**
 * Runs one replication to the end and summarises it. Pure: same scenario and task, same summary,
 * whose figures are the totals of the single run of that seed. Keeps per step only the charted
 * figures and no incident log, so memory grows with steps, not with meetings.
 */
export function runReplication(
  resolved: ResolvedScenario,
  task: ReplicationTask,
): ReplicationSummary {
  const options: RunOptions = {
    seed: task.seed,
    isStepFlowsKept: false,
    ...(task.policy === undefined ? {} : { policy: task.policy }),
    ...(task.holdPolicy === undefined ? {} : { holdPolicy: task.holdPolicy }),
  }
  // A replication reports totals and series, not incidents or flows: a log that keeps none (the
  // totals still count every one) saves building incidents and their meetings' ledgers, and
  // steps without flows save counting, scanning and holding them. The hash is the
  // scenario's own, as the single run of this seed has it.
  const run = createRun(
    { ...resolved, scenario: { ...resolved.scenario, incidentLogLimit: 0 } },
    options,
  )
  const series = Object.fromEntries(BANDED_METRIC_NAMES.map((name) => [name, [] as number[]]))
  let addedRttMs = 0
  while (!run.isDone)
    for (const step of run.advance(64)) {
      for (const name of BANDED_METRIC_NAMES) series[name]?.push(step[name])
      addedRttMs += step.meanAddedRttMs * step.redirected
    }
  const result = run.finish()
  const { redirected } = result.totals
  return {
    index: task.index,
    seed: task.seed,
    policy: result.initialPolicy,
    hash: runHash(resolved, options),
    figures: { ...result.totals, meanAddedRttMs: redirected > 0 ? addedRttMs / redirected : 0 },
    series: series as Record<ChartMetricName, number[]>,
  }
}
