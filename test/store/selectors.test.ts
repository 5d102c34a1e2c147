import { describe, expect, it } from 'vitest'
import type { ExposurePair, StepRecord } from '../../src/sim/model'
import {
  hasExposure,
  nextExposureMinutes,
  selectMapRun,
  shownPolicyLabel,
  shownStepEndMinutes,
  stepIndexAt,
} from '../../src/store/selectors'
import {
  MAX_CHART_POINTS,
  chartSeries,
  exposurePairChart,
  exposurePairsUpTo,
  totalsUpTo,
} from '../../src/store/chart-selectors'
import { siteLoads, siteRoles } from '../../src/store/site-selectors'
import { incidentsForSelection, incidentRows } from '../../src/store/incident-selectors'
import type { RunState } from '../../src/store/store'
import { realRun } from './run-fixture'
import { METRICS } from '../../src/sim/metrics'

// The 2020 case under its misconfigured list and geofenced, built once for the file.
const [run, fixed] = [realRun('citizenlab-2020'), realRun('citizenlab-2020', 'geofenced')]

const lastStart = (r: RunState): number => (r.steps[r.steps.length - 1] as StepRecord).startMinutes

describe('chartSeries', () => {
  it('follows a step list that grows in place: a new series for each new length, the same one for the same length', () => {
    const growing: StepRecord[] = []
    const first = run.steps.slice(0, 10)
    growing.push(...first)
    const early = chartSeries(growing)
    expect(chartSeries(growing)).toBe(early)
    const series: (readonly unknown[])[] = []
    for (const step of run.steps.slice(10, 40)) {
      growing.push(step)
      series.push(chartSeries(growing))
    }
    expect(series.at(-1)).toHaveLength(40)
    expect(new Set(series).size).toBe(30)
    expect(chartSeries(growing)).toBe(series.at(-1))
    expect(series.at(-1)!.slice(0, 10)).toEqual(early)
  })

  it('gives one point per step, with the step figures, when the run is short', () => {
    const series = chartSeries(run.steps)
    expect(series).toHaveLength(run.steps.length)
    const step = run.steps[40] as StepRecord
    expect(series[40]).toMatchObject({
      minutes: step.startMinutes,
      offered: step.offered,
      blocked: step.blocked,
      concernExposures: step.concernExposures,
      activeParticipants: step.activeParticipants,
    })
  })

  it('carries every step metric of the metric table, peaks per bucket', () => {
    const point = chartSeries(run.steps)[40]!
    const step = run.steps[40] as StepRecord
    for (const m of METRICS.filter((m) => m.isStep)) expect(point[m.name]).toBe(step[m.name])
    expect(Object.keys(point).sort()).toEqual(
      ['minutes', ...METRICS.filter((m) => m.isStep).map((m) => m.name)].sort(),
    )
  })

  it('returns the same array for the same step list and a new one for a new list', () => {
    expect(chartSeries(run.steps)).toBe(chartSeries(run.steps))
    expect(chartSeries([...run.steps])).not.toBe(chartSeries(run.steps))
  })

  it('caps a long run at the point budget and keeps every peak', () => {
    const long: StepRecord[] = []
    for (let copy = 0; copy < 8; copy++)
      for (const s of run.steps)
        long.push({ ...s, startMinutes: s.startMinutes + copy * run.steps.length * 60 })
    expect(long.length).toBeGreaterThan(MAX_CHART_POINTS)
    const series = chartSeries(long)
    expect(series.length).toBeLessThanOrEqual(MAX_CHART_POINTS)
    const peak = (xs: readonly number[]): number => Math.max(...xs)
    expect(peak(series.map((p) => p.concernExposures))).toBe(
      peak(long.map((s) => s.concernExposures)),
    )
    expect(peak(series.map((p) => p.blocked))).toBe(peak(long.map((s) => s.blocked)))
    expect(series.map((p) => p.minutes)).toEqual(
      [...series.map((p) => p.minutes)].sort((a, b) => a - b),
    )
  })
})

describe('totalsUpTo', () => {
  it('sums the step records to the same totals as the run summary at the end', () => {
    const totals = totalsUpTo(run, lastStart(run))
    const { exposedParticipants: _ignored, ...expected } = run.summary!.totals
    expect(totals).toEqual(expected)
  })

  it('counts only the first step at minute zero and is stable within a step', () => {
    const first = run.steps[0] as StepRecord
    expect(totalsUpTo(run, 0).offered).toBe(first.offered)
    expect(totalsUpTo(run, 10)).toBe(totalsUpTo(run, 50))
  })

  it('counts every metric of the table that both steps and totals carry', () => {
    expect(Object.keys(totalsUpTo(run, 0)).sort()).toEqual(
      METRICS.filter((m) => m.isStep && m.isTotal)
        .map((m) => m.name)
        .sort(),
    )
  })

  it('is all zeros before a run has produced any step', () => {
    expect(totalsUpTo(null, 100).meetings).toBe(0)
    expect(totalsUpTo({ ...run, steps: [] }, 100).offered).toBe(0)
  })
})

describe('nextExposureMinutes', () => {
  it('finds the first later step with an exposure and skips the quiet ones', () => {
    const from = 0
    const next = nextExposureMinutes(run, from)
    expect(next).not.toBeNull()
    const index = stepIndexAt(run, next!)
    expect(hasExposure(run.steps[index] as StepRecord)).toBe(true)
    for (let i = stepIndexAt(run, from) + 1; i < index; i++)
      expect(hasExposure(run.steps[i] as StepRecord)).toBe(false)
  })

  it('never returns the current step and returns null after the last exposure', () => {
    const t = nextExposureMinutes(run, 0)!
    expect(nextExposureMinutes(run, t)).toBeGreaterThan(t)
    expect(nextExposureMinutes(run, lastStart(run))).toBeNull()
  })
})

describe('exposurePairChart', () => {
  it('stacks the exposure pairs per origin with China as the largest key jurisdiction', () => {
    const chart = exposurePairChart(run.summary!.exposurePairs)
    expect(chart.keyJurisdictions[0]).toBe('CN')
    const total = chart.rows.reduce((sum, r) => sum + (r.total as number), 0)
    expect(total).toBe(run.summary!.exposurePairs.reduce((sum, p) => sum + p.deliveries, 0))
    expect(chart.rows.map((r) => r.origin)).toEqual(expect.arrayContaining(['US', 'CA']))
    expect(exposurePairChart(run.summary!.exposurePairs)).toBe(chart)
  })
})

describe('siteLoads', () => {
  it('lists every site of the step, busiest first, in percent', () => {
    const step = run.steps[60] as StepRecord
    const loads = siteLoads(step, run.world)
    expect(loads).toHaveLength(run.world!.sites.length)
    const pcts = loads.map((l) => l.utilisationPct)
    expect(pcts).toEqual([...pcts].sort((a, b) => b - a))
    expect(Math.max(...pcts)).toBeCloseTo(Math.max(...step.siteUtilisation) * 100, 0)
    expect(siteLoads(step, run.world)).toBe(loads)
  })
})

describe('incidentRows', () => {
  const query = { sortBy: 'time', isDescending: false, text: '', kind: 'all', country: '' } as const

  it('keeps only concern incidents when filtered by kind', () => {
    const rows = incidentRows(run.summary, run.world, { ...query, kind: 'concern' })
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.incident.isConcern)).toBe(true)
  })

  it('filters by text in the city, site or cause and sorts by city', () => {
    const rows = incidentRows(run.summary, run.world, { ...query, text: 'toronto', sortBy: 'city' })
    expect(rows.length).toBeGreaterThan(0)
    expect(
      rows.every((r) =>
        `${r.cityName} ${r.keySiteName} ${r.incident.cause}`.toLowerCase().includes('toronto'),
      ),
    ).toBe(true)
    const names = rows.map((r) => r.cityName)
    // Each city's rows together, the cities in alphabetical order.
    expect(names.filter((name, i) => name !== names[i - 1])).toEqual([
      'Boston',
      'Calgary',
      'Chicago',
      'Dallas',
      'Edmonton',
      'Honolulu',
      'Montreal',
      'New York',
      'Ottawa',
      'Salt Lake City',
      'Toronto',
      'Vancouver',
      'Washington',
    ])
  })

  it('sorts by time descending on request', () => {
    const rows = incidentRows(run.summary, run.world, { ...query, isDescending: true })
    const times = rows.map((r) => r.incident.timeMinutes)
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

describe('siteRoles', () => {
  it('puts Beijing on every backup list under the misconfigured policy and on none when geofenced', () => {
    const world = run.world!
    const beijing = world.sites.findIndex((s) => s.id === 'beijing')
    const bad = siteRoles(world, 'misconfigured-2020')[beijing]!
    expect(bad.secondaryForCities).toBe(world.cities.length)
    expect(bad.primaryForCities).toBe(0)
    expect(siteRoles(world, 'geofenced')[beijing]!.secondaryForCities).toBe(0)
  })
})

describe('incidentsForSelection', () => {
  it('finds the logged exposures behind a site, a city, a country and a route', () => {
    const run = realRun('citizenlab-2020')
    const result = run.summary
    const world = run.world
    if (!result || !world) throw new Error('the fixture run did not finish')
    const incident = result.incidents.find((i) => i.keySiteId === 'beijing')
    if (!incident) throw new Error('the fixture run has no Beijing incident')
    const bySite = incidentsForSelection(result.incidents, { kind: 'site', id: 'beijing' }, world)
    expect(bySite.length).toBeGreaterThan(0)
    expect(
      bySite.every((i) =>
        [i.keySiteId, i.connectedSiteId, i.firstPrimarySiteId].includes('beijing'),
      ),
    ).toBe(true)
    const byRoute = incidentsForSelection(
      result.incidents,
      { kind: 'flow', siteId: 'beijing', cityId: incident.participantCityId },
      world,
    )
    expect(byRoute).toContainEqual(incident)
    const country = world.cities.find((c) => c.id === incident.participantCityId)?.country ?? ''
    const byCountry = incidentsForSelection(
      result.incidents,
      { kind: 'country', id: country },
      world,
    )
    expect(byCountry).toContainEqual(incident)
    expect(incidentsForSelection(result.incidents, { kind: 'country', id: 'ZZ' }, world)).toEqual(
      [],
    )
    expect(incidentsForSelection(result.incidents, null, world)).toEqual([])
  })
})

describe('figures up to the shown step', () => {
  it('sums the shown step whole and labels the total with the end of that step', () => {
    const at = 13 * 60 + 30
    const totals = totalsUpTo(run, at)
    const expected = run.steps.slice(0, 14).reduce((sum, s) => sum + s.meetings, 0)
    expect(totals.meetings).toBe(expected)
    expect(shownStepEndMinutes(run, at)).toBe(14 * 60)
    expect(shownStepEndMinutes(run, 14 * 60)).toBe(15 * 60)
    expect(shownStepEndMinutes(null, at)).toBeNull()
  })

  it('counts participants cut off by outages and reaches the summary total at the end', () => {
    const surge = realRun('surge-march-2020')
    const end = totalsUpTo(surge, Infinity)
    expect(end.disconnected).toBeGreaterThan(0)
    expect(end.disconnected).toBe(surge.summary!.totals.disconnected)
    expect(totalsUpTo(surge, 0).disconnected).toBe(surge.steps[0]!.disconnected)
  })
})

describe('exposurePairsUpTo', () => {
  const total = (pairs: readonly { deliveries: number }[]): number =>
    pairs.reduce((sum, p) => sum + p.deliveries, 0)

  it('sums the step pairs up to the shown step and equals the whole-run pairs at the end', () => {
    const end = exposurePairsUpTo(run, Infinity)
    const sorted = (pairs: readonly ExposurePair[]) =>
      [...pairs].sort((a, b) =>
        `${a.originJurisdiction}>${a.keyJurisdiction}`.localeCompare(
          `${b.originJurisdiction}>${b.keyJurisdiction}`,
        ),
      )
    expect(sorted(end)).toEqual(sorted(run.summary!.exposurePairs))
    const firstExposed = run.steps.findIndex((s) => s.exposedDeliveries > 0)
    expect(exposurePairsUpTo(run, (firstExposed - 1) * 60)).toEqual([])
    const some = exposurePairsUpTo(run, firstExposed * 60)
    expect(total(some)).toBeGreaterThan(0)
    expect(total(some)).toBeLessThan(total(end))
  })

  it('returns the same array for the same steps and step', () => {
    expect(exposurePairsUpTo(run, 600)).toBe(exposurePairsUpTo(run, 610))
  })
})

describe('the run the panels show', () => {
  it('is the compared run when the map shows it, and its policy names the panels', () => {
    const state = { run, compare: fixed, mapRun: 'compare' as const, comparePolicy: fixed.policy }
    expect(selectMapRun(state)).toBe(fixed)
    expect(shownPolicyLabel(state)).toBe('Geofenced backup list')
    expect(selectMapRun({ ...state, mapRun: 'primary' })).toBe(run)
    expect(shownPolicyLabel({ ...state, comparePolicy: null, compare: null })).toBeNull()
  })
})
