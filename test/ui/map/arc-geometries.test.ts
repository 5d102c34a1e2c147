import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StepFlow, StepRecord } from '../../../src/sim/model'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import { geometryOf, shapeStep, unshapedPairs } from '../../../src/ui/map/arc-geometries'
import { arcGeometry } from '../../../src/ui/map/map-data'
import type { World } from '../../../src/sim/model'
import { geometryValues } from './geometry-values'
import { largeStep } from './large-step'

/** A step with `count` flows whose list counts how often it is read. */
function countedStep(count: number): { step: StepRecord; reads: () => number } {
  const flows: StepFlow[] = Array.from({ length: count }, (_, i) => ({
    siteIndex: i % WORLD_2020.sites.length,
    cityIndex: (i * 7) % WORLD_2020.cities.length,
    deliveries: 1,
    exposures: 0,
    concern: 0,
  }))
  let reads = 0
  const step = {
    get flows() {
      reads++
      return flows
    },
  } as unknown as StepRecord
  return { step, reads: () => reads }
}

describe('shapeStep', () => {
  it('shapes a step once: asked again for it, as playback does every frame, it reads no flow', () => {
    const { step, reads } = countedStep(40)
    let done = 0
    shapeStep(WORLD_2020, step, () => done++)
    expect(done).toBe(1)
    expect(reads()).toBe(1)
    expect(geometryOf(WORLD_2020, 0, 0)).not.toBeNull()
    for (let frame = 0; frame < 5; frame++) shapeStep(WORLD_2020, step, () => done++)
    expect(done).toBe(6)
    expect(reads()).toBe(1)
  })

  it('still scans a step it has not shaped, though its pairs are shaped already', () => {
    const first = countedStep(40)
    const second = countedStep(40)
    shapeStep(WORLD_2020, first.step, () => {})
    let isDone = false
    shapeStep(WORLD_2020, second.step, () => (isDone = true))
    expect(isDone).toBe(true)
    expect(second.reads()).toBe(1)
  })
})

describe('shapeStep, for a step with thousands of new pairs', () => {
  afterEach(() => vi.useRealTimers())

  it('calls back in a task after the one that shaped its last pair', () => {
    vi.useFakeTimers()
    const { world, step } = largeStep(3_000)
    let done = 0
    shapeStep(world, step, () => done++)
    expect(unshapedPairs(world, step).length).toBeGreaterThan(0)
    while (unshapedPairs(world, step).length > 0) {
      expect(done).toBe(0)
      vi.advanceTimersToNextTimer()
    }
    expect(done).toBe(0)
    vi.advanceTimersToNextTimer()
    expect(done).toBe(1)
  })

  it('does not call back once stopped, even after its last pair is shaped', () => {
    vi.useFakeTimers()
    const { world, step } = largeStep(3_000)
    let done = 0
    const stop = shapeStep(world, step, () => done++)
    while (unshapedPairs(world, step).length > 0) vi.advanceTimersToNextTimer()
    stop()
    vi.runAllTimers()
    expect(done).toBe(0)
  })
})

describe('geometryOf', () => {
  it("gives each of a world's paths the ends, control point and points of the path shaped alone, in a box holding its points", () => {
    // A fresh world object, so no other test has shaped its pairs.
    const world: World = { ...WORLD_2020 }
    const { sites, cities } = world
    let shaped = 0
    for (let s = 0; s < sites.length; s++)
      for (let c = 0; c < cities.length; c++) {
        const g = geometryOf(world, s, c)
        if (!g) throw new Error(`pair ${s}, ${c} has no shape`)
        const site = sites[s]
        const city = cities[c]
        if (!site || !city) throw new Error('pair outside the world')
        const alone = geometryValues(arcGeometry(site, city))
        const { minU, maxU, minV, maxV, ...rest } = geometryValues(g)
        const { minU: u, maxU: U, minV: v, maxV: V, ...restAlone } = alone
        expect(rest).toEqual(restAlone)
        expect([minU, minV]).toEqual([Math.min(minU, u), Math.min(minV, v)])
        expect([maxU, maxV]).toEqual([Math.max(maxU, U), Math.max(maxV, V)])
        expect(geometryOf(world, s, c)).toBe(g)
        expect(g.points).toBe(g.points)
        shaped++
      }
    expect(shaped).toBeGreaterThan(1_000)
  })
})
