import { describe, expect, it, vi } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  packDone,
  packSteps,
  transferablesOf,
  unpackDone,
  unpackSteps,
} from '../../src/worker/step-codec'
import { resolve } from '../sim/helpers'

const scenario = { ...PRESETS['surge-march-2020'], days: 1, timeline: [] }

describe('step codec', () => {
  it('gives back records equal to the engine’s, flows and all, after a structured clone', () => {
    const steps = createRun(resolve(scenario)).advance(24)
    expect(steps.some((s) => s.flows.length > 0)).toBe(true)
    const packed = packSteps(3, steps)
    const cloned = structuredClone(packed, { transfer: transferablesOf(packed) })
    // Transferred, not copied: the sender's buffers are emptied.
    expect(packed.flows.byteLength).toBe(0)
    const back = unpackSteps(cloned)
    expect(cloned.runId).toBe(3)
    expect(back).toEqual(steps)
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(steps)))
  })

  it('keeps exact values (fractions, negative zero) and empty steps', () => {
    const base = createRun(resolve(scenario)).advance(1)[0]
    if (!base) throw new Error('no step')
    const flows = [
      { siteIndex: 1, cityIndex: 4, deliveries: 0.1 + 0.2, exposures: -0, concern: 2 ** 53 - 1 },
    ]
    const steps = [
      { ...base, flows: [] },
      { ...base, step: 1, flows },
    ]
    const back = unpackSteps(packSteps(1, steps))
    expect(back[0]?.flows).toEqual([])
    expect(back[1]?.flows).toEqual(flows)
    expect(Object.is(back[1]?.flows[0]?.exposures, -0)).toBe(true)
  })

  it('builds a step’s flow objects once, on first read', () => {
    const steps = createRun(resolve(scenario)).advance(12)
    const back = unpackSteps(packSteps(1, steps))
    const last = back[back.length - 1]
    expect(last?.flows).toBe(last?.flows)
    expect({ ...last }.flows).toBe(last?.flows)
  })

  it('gives back a finished run’s summary, its flows named by site and city ids as before', () => {
    const { stepFlows: _stepFlows, ...summary } = createRun(resolve(scenario)).finish()
    expect(summary.flows.length).toBeGreaterThan(10)
    const packed = packDone({ type: 'done', runId: 4, summary })
    const cloned = structuredClone(packed, { transfer: transferablesOf(packed) })
    const back = unpackDone(cloned)
    expect(back).toEqual({ type: 'done', runId: 4, summary })
    expect(back.summary.flows).toBe(back.summary.flows)
    expect(JSON.parse(JSON.stringify(back.summary))).toEqual(JSON.parse(JSON.stringify(summary)))
  })

  it('sends a finished run’s ledgers as text and parses it once, when a reader first asks', () => {
    const { stepFlows: _stepFlows, ...summary } = createRun(resolve(scenario)).finish()
    expect(summary.ledgers.length).toBeGreaterThan(0)
    const packed = packDone({ type: 'done', runId: 2, summary })
    expect(typeof packed.ledgers).toBe('string')
    expect('ledgers' in packed.summary).toBe(false)
    const parse = vi.spyOn(JSON, 'parse')
    try {
      const back = unpackDone(structuredClone(packed, { transfer: transferablesOf(packed) }))
      expect(parse).not.toHaveBeenCalled()
      expect(back.summary.ledgers).toEqual(summary.ledgers)
      expect(back.summary.ledgers).toBe(back.summary.ledgers)
      expect(parse).toHaveBeenCalledTimes(1)
    } finally {
      parse.mockRestore()
    }
  })
})
