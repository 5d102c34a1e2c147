/**
 * The question a long run asks before it starts: the estimate of the runs a launch would start,
 * and whether they are long enough to ask first (see src/sim/run-size.ts).
 */
import { weakMapMemoize } from 'reselect'
import { CONFIRM_ABOVE_SECONDS, estimateRun } from '../sim/run-size'
import type { RunEstimate } from '../sim/run-size'
import { parseScenario } from '../sim/scenario'
import type { ScenarioInput } from '../sim/scenario'
import type { PolicyId } from '../sim/model'
import type { AppState } from './store'

/** What a launch started its runs with; declining a later long run brings it back. */
export type LaunchChoices = Pick<
  AppState,
  'settings' | 'customScenario' | 'siteOverrides' | 'comparePolicy' | 'estimate'
>

/**
 * Estimate of running `scenario` once, or twice when a comparison policy runs beside it (both
 * runs share the worker). Null for a scenario the worker will refuse: it reports why.
 */
export const estimateLaunch = weakMapMemoize(
  (scenario: ScenarioInput, comparePolicy: PolicyId | null): RunEstimate | null => {
    const parsed = parseScenario(scenario)
    return parsed.ok ? estimateRun(parsed.scenario, comparePolicy ? 2 : 1) : null
  },
)

/** Whether a launch with this estimate asks before it starts (expected over a minute in the app). */
export function asksFirst(estimate: RunEstimate | null): boolean {
  return estimate !== null && estimate.appSeconds > CONFIRM_ABOVE_SECONDS
}
