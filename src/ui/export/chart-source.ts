/**
 * The source line of an exported figure: which run it shows and on what it rests, in the words
 * the app already uses for the simulation mark and its assumptions.
 */
import { SIMULATION_MARK } from './scene-text'

/** The run a figure shows, as its source line names it. */
export interface RunIdentity {
  readonly scenarioName: string
  readonly scenarioId: string
  readonly policyLabel: string
  readonly seed: number
  readonly hash: string
  /** The shown time, formatted (e.g. "Fri 27 Mar 2020, 14:00 UTC"). */
  readonly shownTime: string
}

/** The run's line: the simulation mark, the tool, the scenario, policy, seed, hash and time. */
export function runSourceLine(run: RunIdentity): string {
  return (
    `${SIMULATION_MARK}: simulated (keyroute). Scenario ${run.scenarioName} (${run.scenarioId}), ` +
    `policy ${run.policyLabel}, seed ${run.seed}, run hash ${run.hash || 'pending'}, shown ${run.shownTime}.`
  )
}

/** The source lines of a figure: the run's line, then each assumption it rests on. */
export function sourceLines(run: RunIdentity, assumptions: readonly string[]): string[] {
  return [runSourceLine(run), ...assumptions.map((basis) => `Assumption: ${basis}.`)]
}
