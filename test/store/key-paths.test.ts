import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StepFlow, StepRecord } from '../../src/sim/model'
import {
  MAX_CITY_ROWS,
  MAX_KEY_PATHS,
  citiesWithDeliveriesOf,
  keyPathOn,
  keyPathsOf,
} from '../../src/store/key-paths'
import type { KeyPathRow } from '../../src/store/key-paths'
import type { RunState } from '../../src/store/store'
import { packSteps, unpackSteps } from '../../src/worker/step-codec'
import { realRun } from './run-fixture'

const run = realRun('citizenlab-2020')

describe('keyPathsOf', () => {
  const exposedStep = (): StepRecord =>
    run.steps.find((st) => st.flows.some((f) => f.concern > 0) && st.flows.length > MAX_KEY_PATHS)!

  it("lists the shown step's key paths, concern first, then other exposures, then by keys", () => {
    const step = exposedStep()
    const paths = keyPathsOf(step, run.world!, MAX_KEY_PATHS)
    expect(paths).toHaveLength(MAX_KEY_PATHS)
    expect(paths[0]!.concern).toBeGreaterThan(0)
    for (let i = 1; i < paths.length; i++) {
      const [a, b] = [paths[i - 1]!, paths[i]!]
      expect(
        a.concern > b.concern ||
          (a.concern === b.concern &&
            (a.exposures > b.exposures ||
              (a.exposures === b.exposures && a.deliveries >= b.deliveries))),
      ).toBe(true)
    }
    // Names and ids come from the world; the counts from the step's own flows.
    const world = run.world!
    const first = paths[0]!
    const flow = step.flows.find(
      (f) =>
        world.sites[f.siteIndex]!.id === first.siteId &&
        world.cities[f.cityIndex]!.id === first.cityId,
    )!
    expect(first).toMatchObject({
      deliveries: flow.deliveries,
      exposures: flow.exposures,
      concern: flow.concern,
      siteName: world.sites[flow.siteIndex]!.city,
      cityName: world.cities[flow.cityIndex]!.name,
    })
    // Every concern path of the step is in the list before any path without one.
    const concernPaths = step.flows.filter((f) => f.concern > 0).length
    expect(paths.filter((p) => p.concern > 0)).toHaveLength(Math.min(concernPaths, MAX_KEY_PATHS))
  })

  it('is stable per step and empty for a step without keys', () => {
    const step = exposedStep()
    expect(keyPathsOf(step, run.world!, MAX_KEY_PATHS)).toBe(
      keyPathsOf(step, run.world!, MAX_KEY_PATHS),
    )
    const idle = { ...step, flows: [] } as StepRecord
    expect(keyPathsOf(idle, run.world!, MAX_KEY_PATHS)).toHaveLength(0)
    expect(citiesWithDeliveriesOf(idle, run.world!, MAX_CITY_ROWS)).toEqual({ rows: [], total: 0 })
  })

  it('lists every city that received keys in the step once, with its summed deliveries', () => {
    const step = exposedStep()
    const { rows: cities, total } = citiesWithDeliveriesOf(step, run.world!, MAX_CITY_ROWS)
    const world = run.world!
    const expected = new Set(step.flows.filter((f) => f.deliveries > 0).map((f) => f.cityIndex))
    expect(total).toBe(expected.size)
    expect(cities).toHaveLength(expected.size)
    const keys = step.flows.reduce((sum, f) => sum + f.deliveries, 0)
    expect(cities.reduce((sum, c) => sum + c.deliveries, 0)).toBe(keys)
    expect(cities[0]!.concern).toBeGreaterThan(0)
    expect(new Set(cities.map((c) => c.cityId)).size).toBe(cities.length)
    expect(cities.every((c) => world.cities.some((w) => w.id === c.cityId))).toBe(true)
    expect(citiesWithDeliveriesOf(step, run.world!, MAX_CITY_ROWS).rows).toBe(cities)
  })
})

/** Every key path of a step, built and sorted in full: the order the lists promise. */
function allPathsInOrder(world: NonNullable<RunState['world']>, flows: readonly StepFlow[]) {
  return flows
    .filter((f) => f.deliveries > 0)
    .map((f): KeyPathRow => ({
      siteId: world.sites[f.siteIndex]!.id,
      cityId: world.cities[f.cityIndex]!.id,
      siteName: world.sites[f.siteIndex]!.city,
      cityName: world.cities[f.cityIndex]!.name,
      deliveries: f.deliveries,
      exposures: f.exposures,
      concern: f.concern,
    }))
    .sort(
      (a, b) =>
        b.concern - a.concern ||
        b.exposures - a.exposures ||
        b.deliveries - a.deliveries ||
        a.siteName.localeCompare(b.siteName) ||
        a.cityName.localeCompare(b.cityName),
    )
}

describe('the key path lists of a step with many paths', () => {
  const world = run.world!
  // Few distinct counts, so that many paths tie and their names decide.
  const flowsArb = fc.uniqueArray(
    fc.record({
      siteIndex: fc.integer({ min: 0, max: world.sites.length - 1 }),
      cityIndex: fc.integer({ min: 0, max: world.cities.length - 1 }),
      deliveries: fc.integer({ min: 0, max: 4 }),
      exposures: fc.integer({ min: 0, max: 2 }),
      concern: fc.integer({ min: 0, max: 1 }),
    }),
    { selector: (f) => `${f.siteIndex}>${f.cityIndex}`, maxLength: 300 },
  )
  const runOf = (flows: StepFlow[], isPacked: boolean): RunState => {
    const plain = { ...run.steps[0]!, startMinutes: 0, flows } as StepRecord
    return { ...run, steps: isPacked ? unpackSteps(packSteps(1, [plain])) : [plain] }
  }

  it('lists the first paths and cities of the full order, packed or not, with how many cities in all', () => {
    fc.assert(
      fc.property(
        flowsArb,
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (flows, limit, isPacked) => {
          const shown = runOf(flows, isPacked)
          const all = allPathsInOrder(world, flows)
          const step = shown.steps[0]!
          expect(keyPathsOf(step, world, limit)).toEqual(all.slice(0, limit))
          const byCity = new Map<
            string,
            { deliveries: number; exposures: number; concern: number }
          >()
          for (const p of all) {
            const sum = byCity.get(p.cityId) ?? { deliveries: 0, exposures: 0, concern: 0 }
            sum.deliveries += p.deliveries
            sum.exposures += p.exposures
            sum.concern += p.concern
            byCity.set(p.cityId, sum)
          }
          const cities = [...byCity]
            .map(([cityId, sum]) => ({
              cityId,
              cityName: world.cities.find((c) => c.id === cityId)!.name,
              ...sum,
            }))
            .sort(
              (a, b) =>
                b.concern - a.concern ||
                b.exposures - a.exposures ||
                b.deliveries - a.deliveries ||
                a.cityName.localeCompare(b.cityName),
            )
          expect(citiesWithDeliveriesOf(step, world, limit)).toEqual({
            rows: cities.slice(0, limit),
            total: cities.length,
          })
        },
      ),
      { numRuns: 80 },
    )
  })

  it('finds one path of the shown step by its site and city, and nothing for a pair without keys', () => {
    fc.assert(
      fc.property(flowsArb, fc.boolean(), (flows, isPacked) => {
        const shown = runOf(flows, isPacked)
        for (const path of allPathsInOrder(world, flows))
          expect(keyPathOn(shown, 0, path.siteId, path.cityId)).toEqual(path)
        const idle = flows.find((f) => f.deliveries === 0)
        if (idle)
          expect(
            keyPathOn(shown, 0, world.sites[idle.siteIndex]!.id, world.cities[idle.cityIndex]!.id),
          ).toBeNull()
      }),
      { numRuns: 40 },
    )
    expect(keyPathOn(null, 0, 'a', 'b')).toBeNull()
  })
})
