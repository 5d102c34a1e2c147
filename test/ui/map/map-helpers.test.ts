import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { StepFlow, StepRecord, World } from '../../../src/sim/model'
import type { RunSummary } from '../../../src/worker/protocol'
import type { Incident } from '../../../src/sim/model'
import { incidentSelectionOf } from '../../../src/store/incident-identity'
import { aggregateStepFlows, stepPairNumbers } from '../../../src/ui/map/step-pairs'
import { FIELDS, flowNumbersOf } from '../../../src/store/step-flows'
import { packSteps, unpackSteps } from '../../../src/worker/step-codec'
import {
  arcGeometry,
  distanceToPolylinePx,
  exposedCountriesAt,
  firstExposureStepByCountry,
  scanFirstExposures,
  focusOf,
  worldCopyRange,
} from '../../../src/ui/map/map-data'
import {
  flowWidthPx,
  isConcernSite,
  mercatorV,
  siteRadiusPx,
  utilisationColour,
} from '../../../src/ui/map/map-scales'
import { formatStepTimeUtc, mapSummaryText } from '../../../src/ui/map/map-summary'
import { stepIndexAt } from '../../../src/store/selectors'
import type { RunState } from '../../../src/store/store'

/** A run of `received` steps of `stepMinutes` each: all `stepIndexAt` reads. */
const runOf = (stepMinutes: number, received: number): RunState =>
  ({ stepMinutes, steps: new Array<StepRecord>(received) }) as unknown as RunState

const provenance = { kind: 'assumption', note: 'test' } as const
const world: World = {
  id: 'test',
  regions: [],
  jurisdictionOfCountry: {},
  sites: [
    {
      id: 'toronto',
      city: 'Toronto',
      country: 'CA',
      jurisdiction: 'CA',
      region: 'CA',
      lat: 43.7,
      lon: -79.4,
      capacityParticipants: 100,
      distributesKeys: true,
      provenance,
    },
    {
      id: 'beijing',
      city: 'Beijing',
      country: 'CN',
      jurisdiction: 'CN',
      region: 'CN',
      lat: 39.9,
      lon: 116.4,
      capacityParticipants: 25,
      distributesKeys: true,
      provenance,
    },
  ],
  cities: [
    {
      id: 'ottawa',
      name: 'Ottawa',
      country: 'CA',
      region: 'CA',
      lat: 45.4,
      lon: -75.7,
      weight: 1,
      utcOffsetHours: -4,
      provenance,
    },
    {
      id: 'chicago',
      name: 'Chicago',
      country: 'US',
      region: 'US',
      lat: 41.9,
      lon: -87.6,
      weight: 1,
      utcOffsetHours: -5,
      provenance,
    },
  ],
}

const flow = (
  siteIndex: number,
  cityIndex: number,
  deliveries: number,
  exposures = 0,
  concern = 0,
): StepFlow => ({
  siteIndex,
  cityIndex,
  deliveries,
  exposures,
  concern,
})

const stepOf = (index: number, flows: StepFlow[], utilisation = [0.5, 0.95]): StepRecord => ({
  step: index,
  startMinutes: index * 60,
  offered: 0,
  carried: 0,
  blocked: 0,
  redirected: 0,
  crossBorderExposures: 0,
  concernExposures: 0,
  exposedDeliveries: 0,
  exposedMeetings: 0,
  meetings: 0,
  meanAddedRttMs: 0,
  activeParticipants: 0,
  capacityParticipants: 0,
  siteUtilisation: utilisation,
  siteOccupancy: [0, 0],
  siteDown: [false, false],
  siteCapacity: [100, 100],
  disconnected: 0,
  policy: 'misconfigured-2020',
  isListCorrected: false,
  flows,
  exposurePairs: [],
})

describe('map scales', () => {
  it('maps utilisation onto a sequential scale from dark purple to yellow, clamping outside 0..1', () => {
    expect(utilisationColour(0)).toBe('#482475')
    expect(utilisationColour(1)).toBe('#fde725')
    expect(utilisationColour(1.4)).toBe(utilisationColour(1))
    expect(utilisationColour(-1)).toBe(utilisationColour(0))
    expect(utilisationColour(Number.NaN)).toBe(utilisationColour(0))
  })

  it('sizes sites and arcs by the square root of their value, so area tracks the quantity', () => {
    expect(siteRadiusPx(0, 100)).toBe(4)
    expect(siteRadiusPx(100, 100)).toBe(13)
    expect(siteRadiusPx(25, 100)).toBeCloseTo(4 + 9 * 0.5)
    expect(flowWidthPx(1, 4)).toBeCloseTo(0.75 + 4.25 * 0.5)
    expect(flowWidthPx(10, 4)).toBe(5)
  })

  it('treats China as the jurisdiction of concern unless the run names others', () => {
    expect(isConcernSite({ jurisdiction: 'CN' })).toBe(true)
    expect(isConcernSite({ jurisdiction: 'US' })).toBe(false)
    expect(isConcernSite({ jurisdiction: 'US' }, ['US', 'RU'])).toBe(true)
    expect(isConcernSite({ jurisdiction: 'CN' }, ['US', 'RU'])).toBe(false)
  })

  it('shows the step at floor(time / step length), clamped to the steps received', () => {
    expect(stepIndexAt(runOf(60, 0), 0)).toBe(-1)
    expect(stepIndexAt(runOf(60, 10), 119)).toBe(1)
    expect(stepIndexAt(runOf(60, 10), 120)).toBe(2)
    expect(stepIndexAt(runOf(60, 10), 6000)).toBe(9)
    expect(stepIndexAt(runOf(60, 10), -5)).toBe(0)
  })

  it('projects latitudes as Web Mercator on the unit square', () => {
    expect(mercatorV(0)).toBeCloseTo(0.5)
    expect(mercatorV(85.0511287798)).toBeCloseTo(0)
    expect(mercatorV(-90)).toBeCloseTo(1)
  })
})

describe('map data', () => {
  it('sums a step’s flows per site and city and drops pairs outside the world', () => {
    const pairs = aggregateStepFlows(
      [flow(1, 0, 3, 1, 1), flow(0, 1, 2), flow(1, 0, 4, 2, 2), flow(5, 0, 9)],
      2,
      2,
    )
    expect(pairs).toEqual([
      { siteIndex: 0, cityIndex: 1, deliveries: 2, exposures: 0, concern: 0 },
      { siteIndex: 1, cityIndex: 0, deliveries: 7, exposures: 3, concern: 3 },
    ])
  })

  it('reads a packed step that lists one flow per pair in order as it came, and sums any other', () => {
    const [ordered, mixed] = unpackSteps(
      packSteps(1, [
        stepOf(0, [flow(0, 1, 2), flow(1, 0, 3, 1, 1)]),
        stepOf(1, [flow(1, 0, 3, 1, 1), flow(0, 1, 2), flow(1, 0, 4, 2, 2), flow(5, 0, 9)]),
      ]),
    ) as [StepRecord, StepRecord]
    const own = stepPairNumbers(ordered, 2, 2)
    expect(own.data).toBe(flowNumbersOf(ordered).data)
    expect([own.start, own.end]).toEqual([0, 2])
    const summed = stepPairNumbers(mixed, 2, 2)
    expect([...summed.data.subarray(summed.start * FIELDS, summed.end * FIELDS)]).toEqual([
      0, 1, 2, 0, 0, 1, 0, 7, 3, 3,
    ])
    // A pair outside the world is not drawn even when the rest are in order.
    const outside = unpackSteps(packSteps(1, [stepOf(0, [flow(0, 1, 2), flow(5, 0, 9)])]))[0]
    expect(aggregateStepFlows(outside as StepRecord, 2, 2)).toEqual([
      { siteIndex: 0, cityIndex: 1, deliveries: 2, exposures: 0, concern: 0 },
    ])
  })

  it('shades a country from the first step its participants received an exposed key', () => {
    const steps = [
      stepOf(0, [flow(0, 0, 5)]),
      stepOf(1, [flow(1, 1, 4, 2)]),
      stepOf(2, [flow(1, 0, 1, 1)]),
    ]
    const first = firstExposureStepByCountry(world, steps)
    expect(exposedCountriesAt(first, 0)).toEqual([])
    expect(exposedCountriesAt(first, 1)).toEqual(['US'])
    expect(exposedCountriesAt(first, 2)).toEqual(['CA', 'US'])
  })

  it('keeps a selected site, its arcs and their cities in focus and fades the rest', () => {
    const pairs = aggregateStepFlows([flow(0, 0, 5), flow(1, 1, 4, 2)], 2, 2)
    const focus = focusOf({ kind: 'site', id: 'beijing' }, world, pairs, null)
    expect(focus?.siteIds.has('beijing')).toBe(true)
    expect(focus?.siteIds.has('toronto')).toBe(false)
    expect(focus?.pairs.has('beijing>chicago')).toBe(true)
    expect(focus?.pairs.has('toronto>ottawa')).toBe(false)
    expect(focus?.cityIds.has('chicago')).toBe(true)
    expect(focusOf(null, world, pairs, null)).toBeNull()
  })

  it('keeps in focus the keys into a selected country and the keys its data centers handed out', () => {
    const pairs = aggregateStepFlows([flow(0, 0, 5), flow(1, 1, 4, 2)], 2, 2)
    const china = focusOf({ kind: 'country', id: 'CN' }, world, pairs, null)
    expect(china?.pairs.has('beijing>chicago')).toBe(true)
    expect(china?.pairs.has('toronto>ottawa')).toBe(false)
    const canada = focusOf({ kind: 'country', id: 'CA' }, world, pairs, null)
    expect(canada?.pairs.has('toronto>ottawa')).toBe(true)
    expect(canada?.pairs.has('beijing>chicago')).toBe(false)
  })

  it('focuses an incident on its key path and first primary site even when the step has no such flow', () => {
    const summary = {
      incidents: [
        {
          seq: 4,
          keySiteId: 'beijing',
          participantCityId: 'ottawa',
          firstPrimarySiteId: 'toronto',
          meetingCountries: ['CA', 'US'],
        },
      ],
    } as unknown as RunSummary
    const incident = summary.incidents[0] as Incident
    const focus = focusOf(incidentSelectionOf(incident), world, [], incident)
    expect(focus?.extraPair).toEqual({ siteId: 'beijing', cityId: 'ottawa' })
    expect([...(focus?.siteIds ?? [])].sort()).toEqual(['beijing', 'toronto'])
    expect(focus?.countries.has('US')).toBe(true)
  })

  it('measures the pixel distance from a point to a polyline, including its ends', () => {
    const points = new Float64Array([0, 0, 1, 0, 1, 1])
    expect(distanceToPolylinePx(50, 10, points, 3, 100, 0, 0)).toBeCloseTo(10)
    expect(distanceToPolylinePx(110, 50, points, 3, 100, 0, 0)).toBeCloseTo(10)
    expect(distanceToPolylinePx(-30, -40, points, 3, 100, 0, 0)).toBeCloseTo(50)
    expect(distanceToPolylinePx(60, 10, points, 3, 100, 10, 0)).toBeCloseTo(10)
  })

  it('measures the same distance within a limit, passing over far segments, and more beyond it', () => {
    const coordinate = fc.double({ min: 0, max: 1, noNaN: true })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 30 }),
        fc.tuple(
          fc.double({ min: -50, max: 250, noNaN: true }),
          fc.double({ min: -50, max: 250, noNaN: true }),
        ),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (corners, [px, py], limit) => {
          const points = new Float64Array(corners.flat())
          const exact = distanceToPolylinePx(px, py, points, corners.length, 200, 3, -2)
          const limited = distanceToPolylinePx(px, py, points, corners.length, 200, 3, -2, limit)
          if (exact <= limit) expect(limited).toBe(exact)
          else expect(limited).toBeGreaterThan(limit)
        },
      ),
    )
  })

  it('samples an arc once and, across the antimeridian, lets it run past the unit square', () => {
    const g = arcGeometry({ lat: 35.7, lon: 139.7 }, { lat: 37.8, lon: -122.4 })
    expect(g.count).toBeGreaterThanOrEqual(9)
    expect(g.maxU).toBeGreaterThan(1)
    for (let i = 1; i < g.count; i++) {
      expect(Math.abs((g.points[2 * i] ?? 0) - (g.points[2 * i - 2] ?? 0))).toBeLessThan(0.5)
    }
  })

  it('draws every world copy of an item that intersects the view', () => {
    expect(worldCopyRange(0.9, 1.2, 0, 1)).toEqual({ first: -1, last: 0 })
    expect(worldCopyRange(0.2, 0.3, -0.9, 1.5)).toEqual({ first: -1, last: 1 })
  })
})

describe('map summary', () => {
  it('formats a step start as a UTC date and time', () => {
    expect(formatStepTimeUtc('2020-03-27', 5 * 1440 + 14 * 60)).toBe('1 Apr 2020 14:00 UTC')
  })

  it('counts keys from a jurisdiction of concern apart from other cross-border keys, and says from where to where', () => {
    const step = stepOf(3, [
      flow(0, 0, 1000),
      flow(0, 1, 50, 5, 0),
      flow(1, 0, 30, 10, 10),
      flow(1, 1, 200, 27, 27),
    ])
    const text = mapSummaryText({
      world,
      step,
      stepMinutes: 60,
      startDate: '2020-03-31',
      exposedCountries: ['CA', 'US'],
    })
    expect(text).toBe(
      'At 31 Mar 2020 03:00 UTC: 2 data centers, 1 congested above 90%; 1,280 keys delivered this hour: 37 keys from a jurisdiction of concern (Beijing) to participants in United States and Canada, and 5 other cross-border keys (from Toronto). Participants in Canada and United States have received exposed keys so far.',
    )
  })

  it('names the sites of cross-border keys when none came from a jurisdiction of concern', () => {
    const text = mapSummaryText({
      world,
      step: stepOf(0, [flow(0, 1, 50, 1, 0)]),
      stepMinutes: 60,
      startDate: '2020-03-31',
      exposedCountries: ['US'],
    })
    expect(text).toContain(
      '50 keys delivered this hour: no key from a jurisdiction of concern; 1 cross-border key (from Toronto).',
    )
    expect(text).toContain('Participants in United States have received exposed keys so far.')
  })

  it('says no key was exposed when none was', () => {
    const text = mapSummaryText({
      world,
      step: stepOf(0, [flow(0, 0, 3)], [0.2, 0.1]),
      stepMinutes: 30,
      startDate: '2020-03-31',
      exposedCountries: [],
    })
    expect(text).toContain('3 keys delivered in this 30-minute step, none exposed')
    expect(text).toContain('0 congested')
  })
})

describe('scanFirstExposures', () => {
  it('extends a scan over new steps to the same result as a full scan, reusing unchanged ones', () => {
    const steps = [
      stepOf(0, [flow(0, 0, 2, 0)]),
      stepOf(1, [flow(1, 1, 3, 1)]),
      stepOf(2, [flow(1, 0, 2, 2), flow(1, 1, 1, 1)]),
    ]
    const first = scanFirstExposures(null, world, steps.slice(0, 2))
    expect(scanFirstExposures(first, world, steps.slice(0, 2))).toBe(first)
    const extended = scanFirstExposures(first, world, steps)
    expect([...extended.byCountry]).toEqual([...firstExposureStepByCountry(world, steps)])
    // Another run (a different first step) starts over.
    const other = [stepOf(0, [flow(1, 0, 1, 1)])]
    expect([...scanFirstExposures(extended, world, other).byCountry]).toEqual([
      ...firstExposureStepByCountry(world, other),
    ])
  })
})
