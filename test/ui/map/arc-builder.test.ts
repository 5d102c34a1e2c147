import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ArcBuilder,
  SLICED_ARCS_MIN_PAIRS,
  arcsOf,
  prepareArcs,
} from '../../../src/ui/map/arc-builder'
import type { ArcInputs } from '../../../src/ui/map/arc-builder'
import { arcAt } from '../../../src/ui/map/arc-table'
import { largeStep } from './large-step'

// A step over `count` pairs of a fresh world, some of them exposed.
function inputsOf(count: number, maxPair = 40): ArcInputs {
  const { world, step } = largeStep(count, (i) => ({
    deliveries: 1 + (i % 37),
    exposures: i % 11 === 0 ? 1 : 0,
    concern: i % 22 === 0 ? 1 : 0,
  }))
  return { world, step, focus: null, incident: null, maxPair }
}

describe('prepareArcs', () => {
  afterEach(() => vi.useRealTimers())

  it("builds a large step's arcs over several tasks, then calls back in a task of its own with them built", () => {
    vi.useFakeTimers()
    const inputs = inputsOf(3 * SLICED_ARCS_MIN_PAIRS)
    const expected = new ArcBuilder(inputs).result()
    let done = 0
    prepareArcs(inputs, () => done++)
    expect(done).toBe(0)
    let tasks = 0
    while (done === 0 && tasks < 1_000) {
      vi.advanceTimersToNextTimer()
      tasks++
    }
    expect(done).toBe(1)
    // At least a building slice, the placing and the callback, each a task of its own.
    expect(tasks).toBeGreaterThanOrEqual(3)
    const built = arcsOf(inputs)
    expect(built).toEqual(expected)
    // The selector's builder finds them built: the same list, not a new one.
    expect(arcsOf({ ...inputs })).toBe(built)
    expect(built.arcs.length).toBe(3 * SLICED_ARCS_MIN_PAIRS)
    expect(arcAt(built.arcs, built.concernStart).kind).toBe('concern')
    expect(arcAt(built.arcs, built.crossBorderStart).kind).toBe('crossBorder')
  })

  it('builds again when an input changes, and at once for a small step', () => {
    const inputs = inputsOf(3 * SLICED_ARCS_MIN_PAIRS)
    const first = arcsOf(inputs)
    const wider = arcsOf({ ...inputs, maxPair: 2 })
    expect(wider).not.toBe(first)
    expect(Math.max(...wider.arcs.widthPx)).toBeGreaterThan(Math.max(...first.arcs.widthPx))
    let done = 0
    prepareArcs(inputsOf(SLICED_ARCS_MIN_PAIRS - 1), () => done++)
    expect(done).toBe(1)
    prepareArcs(null, () => done++)
    expect(done).toBe(2)
  })

  it('never calls back once stopped', () => {
    vi.useFakeTimers()
    let done = 0
    const stop = prepareArcs(inputsOf(3 * SLICED_ARCS_MIN_PAIRS), () => done++)
    vi.advanceTimersToNextTimer()
    stop()
    vi.runAllTimers()
    expect(done).toBe(0)
  })
})
