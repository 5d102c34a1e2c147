import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { StepRecord } from '../../src/sim/model'
import { flowNumbersOf, forEachFlow, placeTotalsOf } from '../../src/store/step-flows'
import {
  FIELDS,
  PLACE_FIELDS,
  packSteps,
  transferablesOf,
  unpackSteps,
} from '../../src/worker/step-codec'
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
    // And in the keys by place that travel with them (exposures are each place's second number).
    for (let at = 1; at < message.places.length; at += PLACE_FIELDS)
      message.places[at] = (message.places[at] ?? 0) * 2
    const places = placeLabelsOf(WORLD_2020, step, ['CN'], { siteIds: [], cityIds: [] })
    expect(places.map((p) => p.exposures)).toEqual(before.places.map((p) => p.exposures * 2))
    const counts = countryCountsOf(WORLD_2020, step)
    expect(counts.map((c) => c.keys)).toEqual(before.counts.map((c) => c.keys * 2))
  })
})

describe('the keys a step delivered by place', () => {
  // Summed the plain way: a map per place of the flows that delivered keys.
  const byPlace = (flows: StepRecord['flows'], field: 'siteIndex' | 'cityIndex') => {
    const sums = new Map<number, number[]>()
    for (const f of flows) {
      if (!(f.deliveries > 0)) continue
      const sum = sums.get(f[field]) ?? [0, 0, 0]
      sums.set(f[field], [sum[0]! + f.deliveries, sum[1]! + f.exposures, sum[2]! + f.concern])
    }
    return sums
  }
  const asMap = (totals: Float64Array) => {
    const sums = new Map<number, number[]>()
    for (let at = 0; at < totals.length; at += PLACE_FIELDS)
      if (totals.subarray(at, at + PLACE_FIELDS).some((n) => n !== 0))
        sums.set(at / PLACE_FIELDS, [...totals.subarray(at, at + PLACE_FIELDS)])
    return sums
  }
  const flowArb = fc.record({
    siteIndex: fc.integer({ min: 0, max: 6 }),
    cityIndex: fc.integer({ min: 0, max: 30 }),
    deliveries: fc.integer({ min: 0, max: 50 }),
    exposures: fc.integer({ min: 0, max: 9 }),
    concern: fc.integer({ min: 0, max: 9 }),
  })

  it('sums each site’s and each city’s keys, come from the worker or summed on the page', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(flowArb, { maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        (stepsFlows) => {
          const plain = stepsFlows.map((flows, i) => ({
            ...(steps[0] as StepRecord),
            step: i,
            flows,
          }))
          const message = packSteps(1, plain)
          const packed = unpackSteps(
            structuredClone(message, { transfer: transferablesOf(message) }),
          )
          plain.forEach((step, i) => {
            for (const totals of [placeTotalsOf(packed[i] as StepRecord), placeTotalsOf(step)]) {
              expect(asMap(totals.sites)).toEqual(byPlace(step.flows, 'siteIndex'))
              expect(asMap(totals.cities)).toEqual(byPlace(step.flows, 'cityIndex'))
            }
          })
        },
      ),
      { numRuns: 80 },
    )
  })

  it('travels with the steps in buffers of their own, handed over rather than copied', () => {
    const message = packSteps(1, steps)
    expect(transferablesOf(message)).toContain(message.places.buffer)
    expect(transferablesOf(message)).toContain(message.placeStarts.buffer)
    const [first] = unpackSteps(message) as [StepRecord]
    expect(placeTotalsOf(first).sites.buffer).toBe(message.places.buffer)
    expect(placeTotalsOf(steps[0] as StepRecord)).toBe(placeTotalsOf(steps[0] as StepRecord))
  })
})
