import { describe, expect, it } from 'vitest'
import {
  BANDED_METRIC_NAMES,
  REPLICATED_METRIC_NAMES,
  combineReplications,
} from '../../src/sim/replications'
import type { ReplicationSummary } from '../../src/sim/replications'
import { bandPoints } from '../../src/store/replication-selectors'

function summary(index: number, value: number): ReplicationSummary {
  return {
    index,
    seed: index,
    policy: 'geofenced',
    hash: String(index),
    figures: Object.fromEntries(
      REPLICATED_METRIC_NAMES.map((n) => [n, value]),
    ) as ReplicationSummary['figures'],
    series: Object.fromEntries(
      BANDED_METRIC_NAMES.map((n) => [n, [value, 2 * value]]),
    ) as unknown as ReplicationSummary['series'],
  }
}

describe('bandPoints', () => {
  it('draws a band from 0 where the t-interval dips below it, and keeps the mean and upper bound', () => {
    const set = combineReplications([summary(0, 0), summary(1, 0), summary(2, 30)])
    const points = bandPoints(set, 60)
    expect(points).toHaveLength(2)
    const name = BANDED_METRIC_NAMES[0] as string
    expect(set.bands[BANDED_METRIC_NAMES[0]!].lower[0]).toBeLessThan(0)
    const first = points[0] as unknown as Record<string, number | [number, number]>
    expect(first[`${name}Band`]).toEqual([0, set.bands[BANDED_METRIC_NAMES[0]!].upper[0]])
    expect(first[name]).toBe(10)
    expect(points[1]?.minutes).toBe(60)
  })
})
