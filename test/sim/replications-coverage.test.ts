import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEED_MAX } from '../../src/sim/random'
import { meanInterval, replicationSeeds } from '../../src/sim/replications'
import { runReplication } from '../../src/sim/replication-run'
import type { ReplicatedMetricName } from '../../src/sim/replications'
import { MINIMAL_SCENARIO, resolve } from './helpers'

describe('the 95% interval of 20 replications', () => {
  it('covers the mean of 2,000 replications at about the nominal rate', () => {
    // A day of one country in one step: a few hundred joins, a few milliseconds a run.
    const resolved = resolve({
      ...MINIMAL_SCENARIO,
      stepMinutes: 1440,
      population: { countries: ['US'] },
    })
    const groups = 100
    const perGroup = 20
    // The base seeds of the intervals, drawn by fast-check from a fixed seed: the same every run.
    const bases = fc.sample(fc.integer({ min: 0, max: SEED_MAX }), {
      seed: 20200327,
      numRuns: groups,
    })
    const runs = bases.map((base) =>
      replicationSeeds(base, perGroup).map((seed, index) =>
        runReplication(resolved, { index, seed }),
      ),
    )
    const names: ReplicatedMetricName[] = ['offered', 'meetings']
    for (const name of names) {
      const values = runs.map((group) => group.map((r) => r.figures[name]))
      const all = values.flat()
      const truth = all.reduce((a, v) => a + v, 0) / all.length
      const intervals = values.map((v) => meanInterval(v))
      const covered = intervals.filter((i) => i.lower <= truth && truth <= i.upper).length
      // Binomial(100, 0.95) falls in [88, 99] with probability above 0.99.
      expect(covered / groups, name).toBeGreaterThanOrEqual(0.88)
      expect(covered / groups, name).toBeLessThanOrEqual(0.99)
      // Real intervals, not zero-width ones that cover by accident.
      for (const i of intervals) expect(i.upper - i.lower, name).toBeGreaterThan(0)
    }
  })
})
