import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { StepRecord } from '../../src/sim/model'
import { flowNumbersOf, forEachFlow } from '../../src/store/step-flows'
import { FIELDS, packSteps, unpackSteps } from '../../src/worker/step-codec'
import { runMaxima } from '../../src/ui/map/map-data'
import { countryCountsOf } from '../../src/ui/map/country-symbols'
import { placeLabelsOf } from '../../src/ui/map/map-labels'
import { resolve } from '../sim/helpers'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'

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
    const cityCount = WORLD_2020.cities.length
    let pair = 1
    let city = 1
    for (const step of steps) {
      const joins = new Map<number, number>()
      for (const f of step.flows) {
        pair = Math.max(pair, f.deliveries)
        joins.set(f.cityIndex, (joins.get(f.cityIndex) ?? 0) + f.deliveries)
      }
      city = Math.max(city, ...joins.values())
    }
    expect(city).toBeGreaterThan(pair)
    expect(runMaxima(steps, cityCount)).toEqual({ pair, city })
    expect(runMaxima(unpackSteps(packSteps(1, steps)), cityCount)).toEqual({ pair, city })
  })

  it('gives the numbers of a plain step as they would travel packed', () => {
    const packed = unpackSteps(packSteps(1, steps))
    steps.forEach((step, i) => {
      const plain = flowNumbersOf(step)
      const fromWorker = flowNumbersOf(packed[i] as StepRecord)
      expect([...plain.data.subarray(plain.start * FIELDS, plain.end * FIELDS)]).toEqual([
        ...fromWorker.data.subarray(fromWorker.start * FIELDS, fromWorker.end * FIELDS),
      ])
      expect(flowNumbersOf(step)).toBe(plain)
    })
  })

  it('has the map name places and count countries from the numbers of a packed step', () => {
    const exposed = steps.findIndex((s) => s.flows.some((f) => f.exposures > 0))
    expect(exposed).toBeGreaterThanOrEqual(0)
    const message = packSteps(1, [steps[exposed] as StepRecord])
    const [step] = unpackSteps(message) as [StepRecord]
    const before = {
      places: placeLabelsOf(WORLD_2020, step, ['CN'], { siteIds: [], cityIds: [] }),
      counts: countryCountsOf(WORLD_2020, step),
    }
    // Build the flow objects, then double every exposure in the packed numbers only: a reader of
    // the objects would see the old counts, a reader of the numbers sees them doubled.
    expect(step.flows.length).toBeGreaterThan(0)
    for (let at = FIELDS; at < message.flows.length + FIELDS; at += FIELDS) {
      message.flows[at - 2] = (message.flows[at - 2] ?? 0) * 2
      message.flows[at - 1] = (message.flows[at - 1] ?? 0) * 2
    }
    const places = placeLabelsOf(WORLD_2020, step, ['CN'], { siteIds: [], cityIds: [] })
    expect(places.map((p) => p.exposures)).toEqual(before.places.map((p) => p.exposures * 2))
    const counts = countryCountsOf(WORLD_2020, step)
    expect(counts.map((c) => c.keys)).toEqual(before.counts.map((c) => c.keys * 2))
  })
})
