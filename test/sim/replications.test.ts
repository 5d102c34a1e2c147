import { describe, expect, it } from 'vitest'
import { runHash, runScenario } from '../../src/sim/engine'
import {
  BANDED_METRIC_NAMES,
  REPLICATED_METRIC_NAMES,
  combineReplications,
  meanInterval,
  replicationSeeds,
  tQuantile975,
} from '../../src/sim/replications'
import { runReplication } from '../../src/sim/replication-run'
import { MINIMAL_SCENARIO, preset, resolve } from './helpers'

describe('replicationSeeds', () => {
  it('starts with the base seed, gives distinct seeds, and a longer list extends a shorter one', () => {
    const seeds = replicationSeeds(2020, 50)
    expect(seeds[0]).toBe(2020)
    expect(new Set(seeds).size).toBe(50)
    expect(replicationSeeds(2020, 20)).toEqual(seeds.slice(0, 20))
    expect(replicationSeeds(2021, 20)).not.toEqual(seeds.slice(0, 20))
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 4294967295).toBe(true)
  })
})

describe('tQuantile975', () => {
  it('matches published quantiles of Student t', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3)
    expect(tQuantile975(19)).toBeCloseTo(2.093, 3)
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3)
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3)
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3)
    expect(tQuantile975(100000)).toBeCloseTo(1.96, 3)
  })
})

describe('meanInterval', () => {
  it('gives the mean and a t-interval around it', () => {
    const i = meanInterval([1, 2, 3, 4, 5])
    expect(i.mean).toBe(3)
    expect(i.sd).toBeCloseTo(Math.sqrt(2.5), 12)
    expect(i.upper - i.mean).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 9)
    expect(i.mean - i.lower).toBeCloseTo(i.upper - i.mean, 12)
  })
  it('has zero width for identical values or a single value', () => {
    expect(meanInterval([0, 0, 0])).toEqual({ mean: 0, lower: 0, upper: 0, sd: 0, n: 3 })
    expect(meanInterval([7])).toEqual({ mean: 7, lower: 7, upper: 7, sd: 0, n: 1 })
  })
})

describe('runReplication and combineReplications', () => {
  const resolved = resolve({ ...MINIMAL_SCENARIO, days: 1 })
  const seeds = replicationSeeds(5, 4)
  const summaries = seeds.map((seed, index) => runReplication(resolved, { index, seed }))

  it('summarises a run whose hash is the single run of that seed', () => {
    expect(summaries[2]?.hash).toBe(runHash(resolved, { seed: seeds[2] as number }))
    for (const name of REPLICATED_METRIC_NAMES)
      expect(Number.isFinite(summaries[0]?.figures[name])).toBe(true)
    for (const name of BANDED_METRIC_NAMES)
      expect(summaries[0]?.series[name].length).toBeGreaterThan(0)
  })

  it('gives the same bytes whatever order the replications finished in', () => {
    const inOrder = combineReplications(summaries)
    const reversed = combineReplications([...summaries].reverse())
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(inOrder))
    expect(inOrder.figures.offered.n).toBe(4)
    expect(inOrder.figures.offered.mean).toBeCloseTo(
      summaries.reduce((a, s) => a + s.figures.offered, 0) / 4,
      9,
    )
  })
})

describe('runReplication against the single run', () => {
  it('reports the totals and hash of the single run of its seed, though it keeps no incident log', () => {
    const resolved = resolve(preset('citizenlab-2020'))
    const single = runScenario(resolved, { seed: 77 })
    expect(single.incidents.length).toBeGreaterThan(0)
    const replication = runReplication(resolved, { index: 3, seed: 77 })
    expect(replication.hash).toBe(single.hash)
    for (const [name, value] of Object.entries(single.totals))
      expect(replication.figures[name as keyof typeof replication.figures], name).toBe(value)
  })
})
