import { createRun } from '../../src/sim/engine'
import type { RunOptions } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { PresetId } from '../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { RunResult } from '../../src/sim/model'
import type { ResolvedScenario, ScenarioInput } from '../../src/sim/scenario'
import type { ResultWithSeries } from './series'
import { finishWithSeries } from './series'

/** The smallest scenario file: only the required fields, every section left to its defaults. */
export const MINIMAL_SCENARIO = {
  id: 'minimal',
  name: 'Minimal',
  startDate: '2020-03-20',
  days: 1,
  policy: 'geofenced',
  demand: { dailyParticipants: [{ date: '2020-03-20', participants: 1e6 }], scale: 0.001 },
} as const satisfies ScenarioInput

/** Parses and resolves scenario data, failing the test with the errors if it is invalid. */
export function resolve(input: unknown): ResolvedScenario {
  const parsed = parseScenario(input)
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'))
  return resolveScenario(parsed.scenario)
}

/** Runs scenario data to the end. */
export function run(input: unknown, options: RunOptions = {}): RunResult {
  return createRun(resolve(input), options).finish()
}

/** Runs scenario data to the end; the result comes with the series of its steps. */
export function runWithSeries(input: unknown, options: RunOptions = {}): ResultWithSeries {
  const resolved = resolve(input)
  return finishWithSeries(createRun(resolved, options), resolved.scenario.stepMinutes)
}

/** A preset with some fields replaced. */
export function preset(id: PresetId, patch: Partial<ScenarioInput> = {}): ScenarioInput {
  return { ...PRESETS[id], ...patch }
}
