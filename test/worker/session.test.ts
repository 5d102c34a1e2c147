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

  it('gathers the steps of several slices into one snapshot, at most one per interval', () => {
    const messages: WorkerMessage[] = []
    let clock = 0
    // Every slice takes 10 ms of this clock; snapshots may go out every 100 ms.
    const session = createSession(
      (m) => messages.push(m),
      () => clock,
      100,
    )
    session.handle({ type: 'run', runId: 1, scenario })
    const postedAt: number[] = []
    while (session.hasWork) {
      const before = messages.length
      session.runSlice(0)
      clock += 10
      if (messages.slice(before).some((m) => m.type === 'snapshot')) postedAt.push(clock)
    }
    const snapshots = messages.filter((m) => m.type === 'snapshot')
    // The first slice posts at once; then one snapshot per 100 ms; the last comes with done.
    expect(snapshots[0]?.type === 'snapshot' && snapshots[0].steps).toHaveLength(1)
    expect(snapshots[1]?.type === 'snapshot' && snapshots[1].steps).toHaveLength(10)
    for (let i = 1; i < postedAt.length - 1; i++)
      expect((postedAt[i] ?? 0) - (postedAt[i - 1] ?? 0)).toBe(100)
    const steps = snapshots.flatMap((m) => (m.type === 'snapshot' ? m.steps : []))
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 48 }, (_, i) => i))
    // Progress goes out with every snapshot and says how far the run is.
    const progress = messages.filter((m) => m.type === 'progress')
    expect(progress.map((m) => m.type === 'progress' && m.stepsDone)).toEqual(
      snapshots.reduce<number[]>((done, m) => {
        const count = m.type === 'snapshot' ? m.steps.length : 0
        return [...done, (done.at(-1) ?? 0) + count]
      }, []),
    )
    expect(messages.at(-1)?.type).toBe('done')
  })
})
