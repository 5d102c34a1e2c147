import { describe, expect, it } from 'vitest'
import { REPLICATED_METRIC_NAMES } from '../../src/sim/replications'
import type { Interval, ReplicatedMetricName } from '../../src/sim/replications'
import type { SweepAxis, SweepRowResult } from '../../src/sim/sweep'
import {
  mergeSweepCsv,
  sweepCsv,
  sweepCsvHeader,
  sweepCsvThresholds,
  sweepJson,
} from '../../src/sim/sweep-csv'
import { sweepThresholds, thresholdBracket } from '../../src/sim/sweep-threshold'

/** A row of a one-parameter sweep whose every figure has the given bounds. */
function rowWith(row: number, value: number, lower: number, upper: number): SweepRowResult {
  const interval: Interval = { mean: (lower + upper) / 2, lower, upper, sd: 0, n: 3 }
  const figures = Object.fromEntries(REPLICATED_METRIC_NAMES.map((n) => [n, interval])) as Record<
    ReplicatedMetricName,
    Interval
  >
  return { row, point: row - 1, values: [value], policy: 'geofenced', figures }
}

/** Rows at 0.5, 0.6, ... with the given (lower, upper) bounds of concern keys. */
function rowsOf(bounds: readonly (readonly [number, number])[]): SweepRowResult[] {
  return bounds.map(([lower, upper], i) => rowWith(i + 1, (5 + i) / 10, lower, upper))
}

describe('thresholdBracket', () => {
  it('brackets between the last point with upper bound 0 and the first with lower bound above 0', () => {
    const rows = rowsOf([
      [0, 0],
      [0, 0],
      [-1, 3],
      [2.5, 9],
      [10, 20],
    ])
    const bracket = thresholdBracket('surgeMultiplier', 'geofenced', rows)
    expect(bracket.kind).toBe('bracket')
    expect(bracket.text).toBe(
      'keys from a jurisdiction of concern (concernExposures) first appear under geofenced between surgeMultiplier 0.6 (upper bound 0) and 0.8 (lower bound 2.5 key deliveries > 0)',
    )
    if (bracket.kind === 'bracket') {
      expect(bracket.below.value).toBe(0.6)
      expect(bracket.above.interval.lower).toBe(2.5)
    }
  })

  it('says so when keys are present from the first point, never appear, or give no clean bracket', () => {
    const at = (bounds: [number, number][]) =>
      thresholdBracket('surgeMultiplier', 'geofenced', rowsOf(bounds))
    expect(
      at([
        [1, 2],
        [3, 4],
      ]).kind,
    ).toBe('fromFirst')
    expect(
      at([
        [1, 2],
        [3, 4],
      ]).text,
    ).toMatch(/present under geofenced from the first grid point, surgeMultiplier 0.5/)
    expect(
      at([
        [0, 0],
        [0, 0],
      ]).kind,
    ).toBe('never')
    expect(
      at([
        [0, 0],
        [0, 0],
      ]).text,
    ).toMatch(/never appear under geofenced from surgeMultiplier 0.5 to 0.6/)
    expect(
      at([
        [0, 0],
        [-1, 2],
      ]).kind,
    ).toBe('unclear')
    expect(
      at([
        [-1, 2],
        [1, 2],
      ]).kind,
    ).toBe('unclear')
    const zeroAfter = at([
      [0, 0],
      [1, 2],
      [0, 0],
    ])
    expect(zeroAfter.kind).toBe('unclear')
    expect(zeroAfter.text).toMatch(
      /no clean bracket; surgeMultiplier 0.7 has upper bound 0 after 0.6/,
    )
  })

  it('gives one bracket per policy for one parameter and none for two', () => {
    const plan = { axes: AXES, policies: ['geofenced' as const], replications: 3, seed: 1 }
    expect(sweepThresholds(plan, ROWS).map((t) => t.kind)).toEqual(['bracket'])
    const two = { ...plan, axes: [...AXES, { parameter: 'primaryAttempts' as const, values: [1] }] }
    expect(sweepThresholds(two, ROWS)).toEqual([])
  })

  it('reads only the rows of the policy asked for', () => {
    const rows = [
      ...rowsOf([
        [0, 0],
        [1, 2],
      ]),
      { ...rowWith(3, 0.5, 5, 6), policy: 'government' as const },
    ]
    expect(thresholdBracket('surgeMultiplier', 'government', rows).kind).toBe('fromFirst')
    expect(thresholdBracket('surgeMultiplier', 'geofenced', rows).kind).toBe('bracket')
  })
})

const AXES: SweepAxis[] = [{ parameter: 'surgeMultiplier', values: [0.5, 0.6, 0.7, 0.8, 0.9] }]
const ROWS = rowsOf([
  [0, 0],
  [0, 0.25],
  [1, 2],
  [3, 4],
  [5, 6],
])
const ID = '0123456789abcdef'

describe('sweep CSV', () => {
  it('has row, rows, sweep, the parameters with units, the policy, then mean, lower and upper of each metric', () => {
    const header = sweepCsvHeader(AXES)
    expect(header.slice(0, 8)).toEqual([
      'row',
      'rows',
      'sweep',
      'surgeMultiplier (times demand)',
      'policy',
      'meetings_mean (meetings)',
      'meetings_lower (meetings)',
      'meetings_upper (meetings)',
    ])
    expect(header).toContain('concernExposures_upper (key deliveries)')
    expect(header).toHaveLength(5 + 3 * REPLICATED_METRIC_NAMES.length)
    const text = sweepCsv(AXES, ROWS, 5, ID)
    const lines = text.split('\r\n')
    expect(lines).toHaveLength(7)
    expect(lines[2]?.startsWith(`2,5,${ID},0.6,geofenced,0.125,0,0.25,`)).toBe(true)
  })

  it('merges shards back into the bytes of the whole, in row order', () => {
    const whole = sweepCsv(AXES, ROWS, 5, ID)
    const odd = sweepCsv(
      AXES,
      ROWS.filter((r) => r.row % 2 === 1),
      5,
      ID,
    )
    const even = sweepCsv(
      AXES,
      ROWS.filter((r) => r.row % 2 === 0),
      5,
      ID,
    )
    const empty = sweepCsv(AXES, [], 5, ID)
    expect(
      mergeSweepCsv([
        { name: 'b.csv', text: even },
        { name: 'a.csv', text: odd },
        { name: 'c.csv', text: empty },
      ]),
    ).toBe(whole)
  })

  it('refuses, naming the file, another header, another sweep, an overlap and missing rows', () => {
    const part = (rows: number[], id = ID) =>
      sweepCsv(
        AXES,
        ROWS.filter((r) => rows.includes(r.row)),
        5,
        id,
      )
    const other = sweepCsv([{ parameter: 'capacityMultiplier', values: [1] }], [], 5, ID)
    expect(() =>
      mergeSweepCsv([
        { name: 'a.csv', text: part([1]) },
        { name: 'x.csv', text: other },
      ]),
    ).toThrow("x.csv's header differs from a.csv's")
    expect(() =>
      mergeSweepCsv([
        { name: 'a.csv', text: part([1, 2]) },
        { name: 'y.csv', text: part([3], 'fedcba9876543210') },
      ]),
    ).toThrow(/y.csv belongs to another sweep/)
    expect(() =>
      mergeSweepCsv([
        { name: 'a.csv', text: part([1, 2]) },
        { name: 'b.csv', text: part([2, 3, 4, 5]) },
      ]),
    ).toThrow('b.csv and a.csv both hold row 2')
    expect(() =>
      mergeSweepCsv([
        { name: 'a.csv', text: part([1, 2]) },
        { name: 'b.csv', text: part([4]) },
      ]),
    ).toThrow('rows 3, 5 of 5 in none of the files')
    expect(() => mergeSweepCsv([{ name: 'z.txt', text: 'hello\r\n' }])).toThrow(
      /z.txt is not a sweep CSV/,
    )
  })
})

describe('sweepCsvThresholds', () => {
  it('reads back from a whole CSV the brackets the rows give, and none for two parameters', () => {
    const mixed = [
      ...ROWS,
      ...ROWS.map((r) => ({ ...r, row: r.row + 5, policy: 'government' as const })),
    ]
    const plan = {
      axes: AXES,
      policies: ['geofenced' as const, 'government' as const],
      replications: 3,
      seed: 1,
    }
    const fromCsv = sweepCsvThresholds(sweepCsv(AXES, mixed, 10, ID))
    expect(fromCsv.map((t) => t.text)).toEqual(sweepThresholds(plan, mixed).map((t) => t.text))
    expect(fromCsv.map((t) => t.kind)).toEqual(['bracket', 'bracket'])
    const two: SweepAxis[] = [...AXES, { parameter: 'primaryAttempts', values: [1] }]
    const twoRows = ROWS.map((r) => ({ ...r, values: [r.values[0] as number, 1] }))
    expect(sweepCsvThresholds(sweepCsv(two, twoRows, 5, ID))).toEqual([])
  })
})

describe('sweep JSON', () => {
  it('gives each row its parameter values, policy and figures, and the thresholds', () => {
    const threshold = thresholdBracket('surgeMultiplier', 'geofenced', ROWS)
    const plan = { axes: AXES, policies: ['geofenced' as const], replications: 3, seed: 1 }
    const json = JSON.parse(
      sweepJson({
        scenarioId: 's',
        id: ID,
        plan,
        rowCount: 5,
        rows: ROWS,
        thresholds: [threshold],
      }),
    ) as {
      rows: { values: unknown; figures: Record<string, unknown> }[]
      thresholds: { kind: string }[]
      intervalMethod: string
    }
    expect(json.rows[1]?.values).toEqual({ surgeMultiplier: 0.6 })
    expect(json.rows[1]?.figures.concernExposures).toEqual({ mean: 0.125, lower: 0, upper: 0.25 })
    expect(json.thresholds[0]?.kind).toBe('bracket')
    expect(json.intervalMethod).toMatch(/t-interval/)
  })
})
