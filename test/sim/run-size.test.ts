import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  CONFIRM_ABOVE_SECONDS,
  MAX_RUN_MEMORY_BYTES,
  describeSeconds,
  estimateRun,
  runSizeProblem,
} from '../../src/sim/run-size'
import { parseScenario } from '../../src/sim/scenario'
import type { Scenario } from '../../src/sim/scenario'
import { syntheticScenario } from './synthetic-world'
import type { SyntheticSize } from './synthetic-world'

function validated(input: unknown): Scenario {
  const parsed = parseScenario(input)
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'))
  return parsed.scenario
}

/** The case: about 3,500 joins, but 7.2 billion cells of per-step output. */
const BIG: SyntheticSize = { sites: 500, cities: 5000, days: 120, joinsPerDay: 30 }
const big = validated(syntheticScenario(BIG))
const bigWorld = big.world as Exclude<Scenario['world'], 'zoom-2020'>

describe('run-size estimate', () => {
  it('counts the 500-site x 5,000-city x 120-day world by its output, not its joins', () => {
    const e = estimateRun(big)
    expect(e.counts.joins).toBeGreaterThan(2500)
    expect(e.counts.joins).toBeLessThan(5000)
    expect(e.counts.outputCells).toBe(2880 * 500 * 5000)
    // Measured on this machine: 23 s in the CLI; 424 s in the app (the issue saw about 290 s).
    expect(e.expectedSeconds).toBeGreaterThan(10)
    expect(e.expectedSeconds).toBeLessThan(100)
    expect(e.appSeconds).toBeGreaterThan(100)
    expect(e.appSeconds).toBeLessThan(1000)
    expect(e.appSeconds).toBeGreaterThan(CONFIRM_ABOVE_SECONDS)
    expect(runSizeProblem(e)).toBeNull()
  })

  it('keeps every preset well under a minute in the app', () => {
    for (const [id, preset] of Object.entries(PRESETS)) {
      const e = estimateRun(validated(preset))
      expect(e.appSeconds, id).toBeLessThan(CONFIRM_ABOVE_SECONDS / 4)
      expect(e.appSeconds, id).toBeGreaterThan(0)
    }
  })

  it('grows with days, sites, cities, demand and comparisons, and shrinks with longer steps', () => {
    const at = (days: number, sites: number, cities: number, scale: number, stepMinutes: number) =>
      estimateRun({
        ...big,
        days,
        stepMinutes,
        world: {
          ...bigWorld,
          sites: bigWorld.sites.slice(0, sites),
          cities: bigWorld.cities.slice(0, cities),
        },
        demand: { ...big.demand, scale },
      })
    const size = fc.record({
      days: fc.integer({ min: 1, max: 120 }),
      sites: fc.integer({ min: 1, max: 500 }),
      cities: fc.integer({ min: 1, max: 5000 }),
      scale: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      stepMinutes: fc.integer({ min: 5, max: 1440 }),
    })
    const grows = fc.constantFrom('days', 'sites', 'cities', 'scale', 'stepMinutes')
    fc.assert(
      fc.property(
        size,
        grows,
        fc.double({ min: 1.01, max: 4, noNaN: true }),
        (s, field, factor) => {
          const limit = { days: 120, sites: 500, cities: 5000, scale: 1, stepMinutes: 1440 }[field]
          const grown = {
            ...s,
            [field]: Math.min(
              limit,
              field === 'scale' ? s[field] * factor : Math.ceil(s[field] * factor),
            ),
          }
          const a = at(s.days, s.sites, s.cities, s.scale, s.stepMinutes)
          const b = at(grown.days, grown.sites, grown.cities, grown.scale, grown.stepMinutes)
          if (field === 'stepMinutes') {
            expect(b.expectedSeconds).toBeLessThanOrEqual(a.expectedSeconds)
            expect(b.memoryBytes).toBeLessThanOrEqual(a.memoryBytes)
          } else {
            expect(b.expectedSeconds).toBeGreaterThanOrEqual(a.expectedSeconds)
            expect(b.appSeconds).toBeGreaterThanOrEqual(a.appSeconds)
            expect(b.memoryBytes).toBeGreaterThanOrEqual(a.memoryBytes)
          }
        },
      ),
      { numRuns: 60 },
    )
    const one = estimateRun(big)
    const two = estimateRun(big, 2)
    expect(two.expectedSeconds).toBeCloseTo(2 * one.expectedSeconds)
  })

  it('refuses only above the memory bound, naming what to reduce', () => {
    // Dense per-step flows: many joins in a big world with five-minute steps.
    const dense = estimateRun({ ...big, stepMinutes: 5, demand: { ...big.demand, scale: 1 } })
    expect(dense.memoryBytes).toBeGreaterThan(MAX_RUN_MEMORY_BYTES)
    const steps = runSizeProblem(dense)
    expect(steps?.path).toBe('stepMinutes')
    expect(steps?.message).toMatch(/about [\d.]+ GB of memory; the limit is 2\.0 GB/)
    expect(steps?.message).toMatch(
      /raise stepMinutes, or use fewer days, world\.sites or world\.cities/,
    )
    // Billions of participants at once in a one-city world: the meetings held at once.
    const baseline = validated(PRESETS['baseline-dec-2019'])
    const crowd: Scenario = {
      ...baseline,
      days: 1,
      demand: {
        ...baseline.demand,
        dailyParticipants: [
          {
            date: '2019-12-01',
            participants: 1e11,
            provenance: { kind: 'assumption', note: 'test' },
          },
        ],
        scale: 1,
        surgeMultiplier: 100,
      },
    }
    const problem = runSizeProblem(estimateRun(crowd))
    expect(problem?.path).toBe('demand.scale')
    expect(problem?.message).toMatch(/lower demand\.scale or demand\.surgeMultiplier/)
    expect(parseScenario(crowd).ok).toBe(false)
    // Hours of work in little memory is allowed: the app asks first, the CLI shows progress.
    const long = validated({
      ...PRESETS['citizenlab-2020'],
      timeline: [],
      days: 120,
      demand: { ...PRESETS['citizenlab-2020'].demand, scale: 1 },
    })
    expect(estimateRun(long).expectedSeconds).toBeGreaterThan(3600)
    expect(runSizeProblem(estimateRun(long))).toBeNull()
  })

  it('says durations in words', () => {
    expect(describeSeconds(0.4)).toBe('under a second')
    expect(describeSeconds(23.4)).toBe('about 23 s')
    expect(describeSeconds(290)).toBe('about 4 min 50 s')
    expect(describeSeconds(1500)).toBe('about 25 min')
    expect(describeSeconds(3 * 3600 + 600)).toBe('about 3 h 10 min')
  })
})
