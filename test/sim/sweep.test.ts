import { describe, expect, it } from 'vitest'
import { POLICY_IDS } from '../../src/sim/model'
import { meanInterval, replicationSeeds } from '../../src/sim/replications'
import { runReplication } from '../../src/sim/replication-run'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import {
  MAX_SWEEP_POINTS,
  MAX_SWEEP_RUNS,
  SweepError,
  checkSweepPlan,
  combineSweepRow,
  parseSweepPolicies,
  parseSweepRange,
  parseSweepShard,
  prepareSweep,
  shardRows,
  sweepId,
  sweepPointScenario,
  sweepPoints,
  sweepRows,
  sweepSeeds,
} from '../../src/sim/sweep'
import type { SweepPlan } from '../../src/sim/sweep'
import {
  SWEEP_PARAMETERS,
  SWEEP_PARAMETER_NAMES,
  parameterValueProblem,
  sweepParameter,
} from '../../src/sim/sweep-parameters'
import { MINIMAL_SCENARIO } from './helpers'

describe('sweep parameters', () => {
  it('lists each sweepable parameter once, with the schema limits', () => {
    expect(SWEEP_PARAMETERS.map((p) => p.name)).toEqual([...SWEEP_PARAMETER_NAMES])
    expect(sweepParameter('surgeMultiplier')).toMatchObject({
      min: 0,
      isMinExclusive: true,
      max: 100,
      isWhole: false,
    })
    expect(sweepParameter('primaryAttempts')).toMatchObject({
      min: 1,
      isMinExclusive: false,
      max: 20,
      isWhole: true,
    })
    expect(sweepParameter('secondaryPicks')).toMatchObject({ min: 1, max: 10, isWhole: true })
    expect(sweepParameter('crossBorderShare')).toMatchObject({ min: 0, max: 1, isWhole: false })
    expect(sweepParameter('accountMix')?.label).toMatch(/paid share/)
    expect(sweepParameter('nope')).toBeUndefined()
  })

  it('writes each value where the scenario keeps it and leaves the rest as it was', () => {
    const set = (name: string, value: number) => {
      const parsed = parseScenario(sweepParameter(name)?.apply(MINIMAL_SCENARIO, value))
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
      return parsed.scenario
    }
    expect(set('surgeMultiplier', 1.5).demand.surgeMultiplier).toBe(1.5)
    expect(set('capacityMultiplier', 0.5).capacityMultiplier).toBe(0.5)
    expect(set('primaryAttempts', 5).routing.primaryAttempts).toBe(5)
    expect(set('secondaryPicks', 4).routing.secondaryPicks).toBe(4)
    expect(set('crossBorderShare', 0.25).demand).toMatchObject({
      crossBorderShare: 0.25,
      scale: 0.001,
    })
    // The default accounts are 0.6 free, 0.38 paid, 0.02 government: government keeps 0.02.
    expect(set('accountMix', 0.5).accounts).toMatchObject({
      free: 0.48,
      paid: 0.5,
      government: 0.02,
    })
  })

  it('names a value outside the limits or a fraction for a whole-number parameter', () => {
    const attempts = sweepParameter('primaryAttempts')!
    expect(parameterValueProblem(attempts, 1.5)).toMatch(/primaryAttempts takes whole numbers/)
    expect(parameterValueProblem(attempts, 21)).toMatch(/primaryAttempts=21 is outside .*1 to 20/)
    expect(parameterValueProblem(sweepParameter('surgeMultiplier')!, 0)).toMatch(/above 0/)
    expect(parameterValueProblem(attempts, 20)).toBeNull()
  })
})

describe('parseSweepRange', () => {
  it('gives exact decimals from a from:to:step range, the end included', () => {
    const { parameter, values } = parseSweepRange('surgeMultiplier=0.5:2:0.1')
    expect(parameter).toBe('surgeMultiplier')
    expect(values).toHaveLength(16)
    expect(values.map(String)).toEqual([
      '0.5',
      '0.6',
      '0.7',
      '0.8',
      '0.9',
      '1',
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '2',
    ])
    expect(parseSweepRange('crossBorderShare=0.1:0.3:0.1').values).toEqual([0.1, 0.2, 0.3])
    expect(parseSweepRange('surgeMultiplier=0.5:1.2:0.05').values.at(-1)).toBe(1.2)
    expect(parseSweepRange('primaryAttempts=1:7:3').values).toEqual([1, 4, 7])
    expect(parseSweepRange('primaryAttempts=1:8:3').values).toEqual([1, 4, 7])
    expect(parseSweepRange('capacityMultiplier=2').values).toEqual([2])
  })

  it('refuses, naming it, an unknown parameter, a range with no points, a bad number, a value out of limits', () => {
    const problem = (text: string) => {
      try {
        parseSweepRange(text)
      } catch (error) {
        expect(error).toBeInstanceOf(SweepError)
        return (error as Error).message
      }
      return 'no error'
    }
    expect(problem('stepMinutes=1:2:1')).toMatch(/unknown parameter "stepMinutes"/)
    expect(problem('surgeMultiplier=2:1:0.1')).toMatch(
      /surgeMultiplier's range 2:1:0.1 has no points/,
    )
    expect(problem('surgeMultiplier=1:2:0')).toMatch(/step of 0/)
    expect(problem('surgeMultiplier=1:2')).toMatch(/from:to:step/)
    expect(problem('surgeMultiplier=-1:2:1')).toMatch(/decimal number/)
    expect(problem('surgeMultiplier=1e2')).toMatch(/decimal number/)
    expect(problem('surgeMultiplier')).toMatch(/needs a range/)
    expect(problem('surgeMultiplier=0:1:0.5')).toMatch(/surgeMultiplier=0 is outside/)
    expect(problem('primaryAttempts=1:2:0.5')).toMatch(/whole numbers only, not 1.5/)
    expect(problem('crossBorderShare=0.5:1.5:0.5')).toMatch(/crossBorderShare=1.5 is outside/)
    expect(problem('surgeMultiplier=0.001:100:0.001')).toMatch(
      new RegExp(`100000 points; the limit is ${MAX_SWEEP_POINTS}`),
    )
  })
})

describe('parseSweepPolicies and parseSweepShard', () => {
  it('takes all, a list in its order, or the scenario own policy', () => {
    expect(parseSweepPolicies(undefined, 'geofenced')).toEqual(['geofenced'])
    expect(parseSweepPolicies('all', 'geofenced')).toEqual([...POLICY_IDS])
    const two = [POLICY_IDS[1], POLICY_IDS[0]]
    expect(parseSweepPolicies(two.join(','), 'geofenced')).toEqual(two)
    expect(() => parseSweepPolicies('geofenced,nope', 'geofenced')).toThrow(/unknown policy "nope"/)
    expect(() => parseSweepPolicies('geofenced,geofenced', 'geofenced')).toThrow(/named twice/)
  })

  it('takes i/n with 1 <= i <= n and refuses anything else', () => {
    expect(parseSweepShard('1/4')).toEqual({ index: 1, count: 4 })
    expect(parseSweepShard('4/4')).toEqual({ index: 4, count: 4 })
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2', '1/2/3'])
      expect(() => parseSweepShard(bad), bad).toThrow(/--shard takes i\/n/)
  })
})

const PLAN: SweepPlan = {
  axes: [
    { parameter: 'surgeMultiplier', values: [0.5, 1, 1.5] },
    { parameter: 'primaryAttempts', values: [1, 3] },
  ],
  policies: ['geofenced', 'misconfigured-2020'],
  replications: 3,
  seed: 7,
}

describe('grid, rows and shards', () => {
  it('visits the points with the first parameter slowest and numbers rows point by point, policy by policy', () => {
    expect(sweepPoints(PLAN.axes)).toEqual([
      [0.5, 1],
      [0.5, 3],
      [1, 1],
      [1, 3],
      [1.5, 1],
      [1.5, 3],
    ])
    const rows = sweepRows(PLAN)
    expect(rows).toHaveLength(12)
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(rows[3]).toEqual({ row: 4, point: 1, values: [0.5, 3], policy: 'misconfigured-2020' })
  })

  it('deals the rows into shards that together hold each row once', () => {
    const rows = sweepRows(PLAN)
    for (const count of [1, 2, 5, 12, 20]) {
      const all = Array.from({ length: count }, (_, i) => shardRows(rows, { index: i + 1, count }))
      expect(
        all
          .flat()
          .map((r) => r.row)
          .sort((a, b) => a - b),
      ).toEqual(rows.map((r) => r.row))
    }
    expect(shardRows(rows, { index: 2, count: 5 }).map((r) => r.row)).toEqual([2, 7, 12])
  })

  it('refuses a grid or a run count over its limit, and more than two parameters', () => {
    checkSweepPlan(PLAN)
    const wide = {
      parameter: 'surgeMultiplier' as const,
      values: Array.from({ length: 60 }, (_, i) => i + 1),
    }
    const narrow = { ...wide, parameter: 'capacityMultiplier' as const }
    expect(() => checkSweepPlan({ ...PLAN, axes: [wide, narrow] })).toThrow(
      `the grid has 3600 points; the limit is ${MAX_SWEEP_POINTS} grid points`,
    )
    const runs = { ...PLAN, axes: [wide, { ...narrow, values: narrow.values.slice(0, 40) }] }
    expect(() => checkSweepPlan({ ...runs, policies: [...POLICY_IDS], replications: 100 })).toThrow(
      new RegExp(`the limit is ${MAX_SWEEP_RUNS} runs`),
    )
    expect(() => checkSweepPlan({ ...PLAN, axes: [wide, wide] })).toThrow(/swept twice/)
    expect(() => checkSweepPlan({ ...PLAN, axes: [...PLAN.axes, narrow] })).toThrow(/one or two/)
  })

  it('builds a valid scenario per point and names the point whose scenario is invalid', () => {
    const scenario = sweepPointScenario(MINIMAL_SCENARIO, PLAN.axes, [1.5, 3])
    expect(scenario.demand.surgeMultiplier).toBe(1.5)
    expect(scenario.routing.primaryAttempts).toBe(3)
    const mix = [{ parameter: 'accountMix' as const, values: [0.99] }]
    expect(() => sweepPointScenario(MINIMAL_SCENARIO, mix, [0.99])).toThrow(
      /at accountMix=0.99 the scenario is invalid: accounts.free/,
    )
  })

  it('gives every row the same seeds and an id that changes with the plan', () => {
    expect(sweepSeeds(PLAN)).toEqual(replicationSeeds(7, 3))
    const scenario = sweepPointScenario(MINIMAL_SCENARIO, [], [])
    expect(sweepId(scenario, PLAN)).toMatch(/^[0-9a-f]{16}$/)
    expect(sweepId(scenario, PLAN)).toBe(sweepId(scenario, { ...PLAN }))
    expect(sweepId(scenario, { ...PLAN, replications: 4 })).not.toBe(sweepId(scenario, PLAN))
  })
})

describe('combineSweepRow', () => {
  it('gives each replicated metric the interval of its replications, whatever their order', () => {
    const scenario = sweepPointScenario(MINIMAL_SCENARIO, [], [])
    const resolved = resolveScenario(scenario)
    const summaries = replicationSeeds(3, 3).map((seed, index) =>
      runReplication(resolved, { index, seed, policy: 'geofenced' }),
    )
    const row = { row: 1, point: 0, values: [], policy: 'geofenced' as const }
    const result = combineSweepRow(row, summaries)
    expect(result.figures.offered).toEqual(meanInterval(summaries.map((s) => s.figures.offered)))
    expect(combineSweepRow(row, [...summaries].reverse())).toEqual(result)
    expect(result.row).toBe(1)
  })
})

describe('prepareSweep', () => {
  it('checks the plan and builds every row and one scenario per grid point', () => {
    const base = sweepPointScenario(MINIMAL_SCENARIO, [], [])
    const prepared = prepareSweep(base, PLAN)
    expect(prepared.rows).toEqual(sweepRows(PLAN))
    expect(prepared.scenarios).toHaveLength(6)
    expect(prepared.scenarios[5]?.demand.surgeMultiplier).toBe(1.5)
    expect(prepared.scenarios[5]?.routing.primaryAttempts).toBe(3)
    expect(prepared.id).toBe(sweepId(base, PLAN))
    const tooMany = { ...PLAN, replications: MAX_SWEEP_RUNS }
    expect(() => prepareSweep(base, tooMany)).toThrow(SweepError)
  })
})
