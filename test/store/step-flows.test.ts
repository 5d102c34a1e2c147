import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { StepRecord } from '../../src/sim/model'
import { forEachFlow } from '../../src/store/step-flows'
import { packSteps, unpackSteps } from '../../src/worker/step-codec'
import { runMaxima } from '../../src/ui/map/map-data'
import { resolve } from '../sim/helpers'

const steps = createRun(resolve({ ...PRESETS['surge-march-2020'], days: 1, timeline: [] })).advance(
  24,
)

const visits = (step: StepRecord): number[][] => {
  const out: number[][] = []
  forEachFlow(step, (...flow) => out.push(flow))
  return out
}

describe('reading step flows without building them', () => {
  it('visits the same flows, in order, for packed and plain step records', () => {
    const packed = unpackSteps(packSteps(1, steps))
    expect(steps.some((s) => s.flows.length > 0)).toBe(true)
    steps.forEach((step, i) => {
      const expected = step.flows.map((f) => [
        f.siteIndex,
        f.cityIndex,
        f.deliveries,
        f.exposures,
        f.concern,
      ])
      expect(visits(packed[i] as StepRecord)).toEqual(expected)
      expect(visits(step)).toEqual(expected)
    })
  })

  it('gives the map the same run maxima from packed records as from plain ones', () => {
    expect(runMaxima(unpackSteps(packSteps(1, steps)))).toEqual(runMaxima(steps))
  })
})
