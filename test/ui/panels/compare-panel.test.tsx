import { beforeAll, describe, expect, it } from 'vitest'
import { COMPARED_METRIC_NAMES, metricSpec } from '../../../src/sim/metrics'
import type { RunState } from '../../../src/store/store'
import { comparedFigures } from '../../../src/ui/panels/compare-panel'
import { realRun } from '../../store/run-fixture'

let run: RunState
let fixed: RunState

beforeAll(() => {
  run = realRun('citizenlab-2020')
  fixed = realRun('citizenlab-2020', 'geofenced')
})

describe('comparedFigures', () => {
  it('shows keys from China under the misconfigured list and none once geofenced', () => {
    const diff = comparedFigures(run.summary!.totals, fixed.summary!.totals)
    const concern = diff.find((d) => d.label === 'Keys from a jurisdiction of concern')!
    expect(concern.primary).toBe(run.summary!.totals.concernExposures)
    expect(concern.primary).toBeGreaterThan(0)
    expect(concern.compare).toBe(0)
    expect(diff.map((d) => d.label)).toContain('Blocked joins')
  })

  it("names each compared figure as the figures table does, in the table's reading order", () => {
    const diff = comparedFigures(run.summary!.totals, fixed.summary!.totals)
    expect(diff.map((d) => d.label)).toEqual(COMPARED_METRIC_NAMES.map((n) => metricSpec(n).label))
    expect(diff[0]!.label).toBe('Keys issued outside the allowed regions')
    expect(diff.map((d) => d.label)).not.toContain('Cross-border keys')
  })
})
