/**
 * What a run is made from, and the key that names it: equal launches make the same run (the
 * engine is deterministic), so one key finds a kept run for a chapter, a replication or a launch.
 */
import type { PolicyId } from '../sim/model'

/** What a run is made from: one key in the cache of kept runs. */
export interface RunLaunch {
  readonly scenario: unknown
  readonly seed: number
  readonly policy: PolicyId
  readonly holdPolicy: boolean
}

// A scenario holds its whole world: serialised once per scenario object, not at every switch.
const scenarioJson = new WeakMap<object, string>()

function jsonOfScenario(scenario: unknown): string {
  if (typeof scenario !== 'object' || scenario === null) return JSON.stringify(scenario) ?? 'null'
  let json = scenarioJson.get(scenario)
  if (json === undefined) scenarioJson.set(scenario, (json = JSON.stringify(scenario)))
  return json
}

/** The key of a launch: equal launches make the same run (the engine is deterministic). */
export function launchKey(launch: RunLaunch): string {
  const rest = JSON.stringify([launch.seed, launch.policy, launch.holdPolicy]).slice(1)
  return `[${jsonOfScenario(launch.scenario)},${rest}`
}
