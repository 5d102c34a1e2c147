import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import type { StepRecord } from '../../src/sim/model'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { WorkerMessage } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'
import { resolve } from '../sim/helpers'

const scenario = { ...PRESETS['citizenlab-2020'], days: 2, timeline: [] }

function collect() {
  const messages: WorkerMessage[] = []
  let clock = 0
  // Each clock read advances 1 ms, so a slice budget of N ms runs about N steps.
  const session = createSession(
    (m) => messages.push(m),
    () => clock++,
  )
  return { messages, session }
}

describe('session', () => {
  it('streams started, snapshots with every step, progress and done for a valid run', () => {
    const { messages, session } = collect()
    session.handle({ type: 'run', runId: 1, scenario, seed: 5, policy: 'geofenced' })
    while (session.hasWork) session.runSlice(4)
    const types = new Set(messages.map((m) => m.type))
    expect(types).toEqual(new Set(['started', 'snapshot', 'progress', 'done']))
    const started = messages.find((m) => m.type === 'started')
    expect(started?.type === 'started' && started.stepCount).toBe(48)
    // The resolved facts the UI needs come with it, the schema's defaults applied.
    expect(started).toMatchObject({
      scale: PRESETS['citizenlab-2020'].demand.scale,
      concernJurisdictions: ['CN'],
      paidOptInRegions: ['US', 'CA', 'EU'],
      timeline: [],
    })
    const steps = messages.flatMap((m) => (m.type === 'snapshot' ? m.steps : []))
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 48 }, (_, i) => i))
    const done = messages.at(-1)
    expect(done?.type).toBe('done')
    // The streamed steps and the summary equal a direct run of the same scenario, seed and policy.
    const direct = createRun(resolve(scenario), { seed: 5, policy: 'geofenced' }).finish()
    expect(done?.type === 'done' && done.summary.totals).toEqual(direct.totals)
    expect(done?.type === 'done' && done.summary.hash).toBe(direct.hash)
    expect(steps.map((s: StepRecord) => s.flows)).toEqual(direct.stepFlows)
  })

  it('answers an invalid scenario with failed and the paths of the problems', () => {
    const { messages, session } = collect()
    session.handle({ type: 'run', runId: 7, scenario: { ...scenario, days: -1, policy: 'nope' } })
    expect(session.hasWork).toBe(false)
    expect(messages).toHaveLength(1)
    const failed = messages[0]
    expect(failed?.type).toBe('failed')
    if (failed?.type === 'failed')
      expect(failed.errors.map((e) => e.path).sort()).toEqual(['days', 'policy'])
  })

  it('stops a cancelled run and says so', () => {
    const { messages, session } = collect()
    session.handle({ type: 'run', runId: 2, scenario })
    session.runSlice(3)
    session.handle({ type: 'cancel', runId: 2 })
    expect(session.hasWork).toBe(false)
    expect(messages.at(-1)).toEqual({ type: 'cancelled', runId: 2 })
    expect(messages.some((m) => m.type === 'done')).toBe(false)
  })

  it('runs two runs side by side for compare, each to its own done', () => {
    const { messages, session } = collect()
    session.handle({ type: 'run', runId: 1, scenario, policy: 'misconfigured-2020' })
    session.handle({ type: 'run', runId: 2, scenario, policy: 'geofenced' })
    while (session.hasWork) session.runSlice(5)
    const done = messages.filter((m) => m.type === 'done')
    expect(done.map((m) => m.runId).sort()).toEqual([1, 2])
  })
})
