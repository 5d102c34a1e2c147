import { describe, expect, it } from 'vitest'
import type { StepFlow, StepRecord } from '../../../src/sim/model'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import { geometryOf, shapeStep } from '../../../src/ui/map/arc-geometries'

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
