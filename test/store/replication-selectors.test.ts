import { describe, expect, it } from 'vitest'
import {
  BANDED_METRIC_NAMES,
  REPLICATED_METRIC_NAMES,
  combineReplications,
} from '../../src/sim/replications'
import type { ReplicationSummary } from '../../src/sim/replications'
import { bandData } from '../../src/store/replication-selectors'

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

describe('bandData', () => {
  it('draws a band from 0 where the t-interval dips below it, and keeps the mean and upper bound', () => {
    const set = combineReplications([summary(0, 0), summary(1, 0), summary(2, 30)])
    const data = bandData(set, 60)
    expect(data.minutes).toHaveLength(2)
    const name = BANDED_METRIC_NAMES[0]!
    expect(set.bands[name].lower[0]).toBeLessThan(0)
    const band = data.bands[name]
    expect([band.lower[0], band.upper[0]]).toEqual([0, set.bands[name].upper[0]])
    expect(band.mean[0]).toBe(10)
    expect(data.minutes[1]).toBe(60)
  })
})
