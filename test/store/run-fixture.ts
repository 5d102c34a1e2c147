/** Real runs of the built-in presets, shaped as the store holds them, for selector tests. */
import { createRun } from '../../src/sim/engine'
import type { PolicyId } from '../../src/sim/model'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { PresetId } from '../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { RunState } from '../../src/store/store'

export function realRun(presetId: PresetId, policy?: PolicyId): RunState {
  const parsed = parseScenario(PRESETS[presetId])
  if (!parsed.ok) throw new Error(`preset ${presetId} is invalid`)
  const resolved = resolveScenario(parsed.scenario)
  const run = createRun(resolved, policy ? { policy } : {})
  const steps = run.advance(Number.MAX_SAFE_INTEGER)
  const { stepFlows: _stepFlows, ...summary } = run.finish()
  return {
    runId: 1,
    status: 'done',
    policy: policy ?? parsed.scenario.policy,
    stepsDone: run.stepsDone,
    stepCount: run.stepCount,
    stepMinutes: parsed.scenario.stepMinutes,
    startDate: parsed.scenario.startDate,
    hash: run.hash,
    world: resolved.world,
    timeline: run.timeline,
    concernJurisdictions: parsed.scenario.keys.concernJurisdictions,
    scale: parsed.scenario.demand.scale,
    paidOptInRegions: parsed.scenario.accounts.paidOptInRegions,
    steps,
    summary,
    errors: [],
  }
}
