import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import {
  CHART_METRICS,
  COMPARED_METRIC_NAMES,
  COUNTED_METRIC_NAMES,
  FIGURE_METRICS,
  METRICS,
  STEP_METRIC_NAMES,
  TOTAL_METRIC_NAMES,
  combineSteps,
} from '../../src/sim/metrics'
import { preset, resolve } from './helpers'

// Two days of the 2020 case, with every incident kept so exposed participants can be recounted.
const resolved = resolve(
  preset('citizenlab-2020', { days: 2, startDate: '2020-04-02', incidentLogLimit: 100_000 }),
)
const run = createRun(resolved)
const steps = run.advance(Infinity)
const result = run.finish()

describe('metrics', () => {
  it('has one row per name, and every row says how steps combine', () => {
    const names = METRICS.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    for (const m of METRICS) {
      expect(['sum', 'max', 'mean'], m.name).toContain(m.combine)
      expect(m.label.length, m.name).toBeGreaterThan(0)
      expect(m.isStep || m.isTotal, `${m.name} is carried somewhere`).toBe(true)
    }
  })

  it('gives step records and totals exactly the fields the table lists for them', () => {
    const perSite = ['siteUtilisation', 'siteOccupancy', 'siteDown', 'siteCapacity']
    const other = ['step', 'startMinutes', 'policy', 'isListCorrected', 'flows', 'exposurePairs']
    for (const step of steps)
      expect(Object.keys(step).sort()).toEqual([...STEP_METRIC_NAMES, ...perSite, ...other].sort())
    expect(Object.keys(result.totals)).toEqual([...TOTAL_METRIC_NAMES])
  })

  it('sums the steps of a preset run to its totals, for every metric both carry', () => {
    const both = METRICS.filter((m) => m.isStep && m.isTotal)
    expect(both.length).toBeGreaterThan(5)
    expect(result.totals.crossBorderExposures).toBeGreaterThan(0)
    for (const m of both) {
      expect(m.combine, m.name).toBe('sum')
      expect(combineSteps(m.name, steps), m.name).toBe(result.totals[m.name])
    }
  })

  it('counts the totals-only exposed participants as the connected members of exposed meetings', () => {
    const onlyTotal = METRICS.filter((m) => !m.isStep).map((m) => m.name)
    expect(onlyTotal).toEqual(['exposedParticipants'])
    expect(result.incidents.length).toBe(result.totals.exposedDeliveries)
    const members = new Map(result.incidents.map((i) => [i.meetingId, i.meetingParticipants]))
    expect(members.size).toBe(result.totals.exposedMeetings)
    const sum = [...members.values()].reduce((a, b) => a + b, 0)
    expect(sum).toBe(result.totals.exposedParticipants)
  })

  it('combines step-only metrics by their rule: a level by its peak, a mean weighted by its events', () => {
    const peak = Math.max(...steps.map((s) => s.activeParticipants))
    expect(combineSteps('activeParticipants', steps)).toBe(peak)
    const redirected = steps.reduce((a, s) => a + s.redirected, 0)
    expect(redirected).toBeGreaterThan(0)
    const weighted = steps.reduce((a, s) => a + s.meanAddedRttMs * s.redirected, 0) / redirected
    expect(combineSteps('meanAddedRttMs', steps)).toBeCloseTo(weighted, 9)
    expect(combineSteps('meanAddedRttMs', steps)).toBeGreaterThan(0)
  })

  it('names each figure once, and its views refer only to metrics that can carry them', () => {
    const labels = METRICS.map((m) => m.label)
    expect(new Set(labels).size).toBe(labels.length)
    for (const m of FIGURE_METRICS) {
      expect(m.isTotal, `${m.name} is a whole-run figure`).toBe(true)
      const shareOf = m.figure.shareOf
      if (shareOf !== undefined) expect(COUNTED_METRIC_NAMES, m.name).toContain(shareOf)
    }
    for (const m of CHART_METRICS) expect(STEP_METRIC_NAMES, m.name).toContain(m.name)
    const ranks = METRICS.flatMap((m) => ('compareRank' in m ? [m.compareRank] : []))
    expect(new Set(ranks).size).toBe(ranks.length)
    expect(COMPARED_METRIC_NAMES.slice(0, 2)).toEqual(['crossBorderExposures', 'concernExposures'])
  })
})
