import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import type { RegionId, StepFlow, StepRecord, World } from '../../../src/sim/model'
import { countryName } from '../../../src/ui/map/country-name'
import { arcStrokeOf, EXPOSED_MIN_WIDTH_PX } from '../../../src/ui/map/map-scales'
import { arcKindOf } from '../../../src/ui/map/map-data'
import { aggregateStepFlows } from '../../../src/ui/map/step-pairs'
import {
  FIT_MAX_LAT,
  WORLD_VIEW,
  exposureArcsOf,
  fitBoundsOfArcs,
  mergedIntervals,
  runViewInSlices,
  runViewOf,
} from '../../../src/ui/map/map-view'

const BEIJING = { lat: 39.9, lon: 116.4 }
const TORONTO = { lat: 43.7, lon: -79.4 }
const SAN_JOSE = { lat: 37.3, lon: -121.9 }
const FRANKFURT = { lat: 50.1, lon: 8.7 }
const NEW_YORK = { lat: 40.7, lon: -74 }
const SAO_PAULO = { lat: -23.5, lon: -46.6 }
const SYDNEY = { lat: -33.9, lon: 151.2 }

const provenance = { kind: 'assumption', note: 'test' } as const
const site = (id: string, country: RegionId, at: { lat: number; lon: number }) => ({
  id,
  city: id,
  country,
  jurisdiction: country,
  region: country,
  ...at,
  capacityParticipants: 100,
  distributesKeys: true,
  provenance,
})
const city = (id: string, country: RegionId, at: { lat: number; lon: number }) => ({
  id,
  name: id,
  country,
  region: country,
  ...at,
  weight: 1,
  utcOffsetHours: 0,
  provenance,
})
const world: World = {
  id: 'test',
  regions: [],
  jurisdictionOfCountry: {},
  sites: [site('Beijing', 'CN', BEIJING), site('Frankfurt', 'EU', FRANKFURT)],
  cities: [city('Toronto', 'CA', TORONTO), city('San Jose', 'US', SAN_JOSE)],
}
const flow = (
  siteIndex: number,
  cityIndex: number,
  exposures: number,
  concern: number,
): StepFlow => ({ siteIndex, cityIndex, deliveries: exposures + 10, exposures, concern })
const stepWith = (flows: StepFlow[]): StepRecord => ({ flows }) as unknown as StepRecord

describe('fitting the view to key paths', () => {
  it('frames Beijing and Toronto across the Pacific, the short way round, as one span', () => {
    const fit = fitBoundsOfArcs([{ from: BEIJING, to: TORONTO }])
    expect(fit).not.toBeNull()
    const { west, east, north, south } = fit!
    expect(east - west).toBeLessThan(180)
    // Both ends inside one continuous span: Beijing at its west edge, Toronto at its east edge
    // (shifted by a turn), the date line in between.
    expect(west).toBeCloseTo(BEIJING.lon - 360, 0)
    expect(east).toBeCloseTo(TORONTO.lon, 0)
    expect(west).toBeLessThan(-180)
    expect((west + east) / 2).toBeGreaterThanOrEqual(-180)
    expect((west + east) / 2).toBeLessThan(180)
    // The drawn curve bulges towards the pole, flatter than the great circle (which passes 80°N
    // and would leave the top of the frame): the view keeps the bulge.
    expect(north).toBeGreaterThan(Math.max(BEIJING.lat, TORONTO.lat) + 5)
    expect(north).toBeLessThan(66)
    expect(north).toBeLessThanOrEqual(FIT_MAX_LAT)
    expect(south).toBeLessThanOrEqual(BEIJING.lat)
  })

  it('keeps every end of many arcs in one span that leaves out the widest empty stretch', () => {
    const fit = fitBoundsOfArcs([
      { from: BEIJING, to: TORONTO },
      { from: BEIJING, to: SAN_JOSE },
      { from: BEIJING, to: NEW_YORK },
    ])!
    expect(fit.east - fit.west).toBeLessThan(180)
    const inSpan = (lon: number) =>
      [-360, 0, 360].some((k) => lon + k >= fit.west - 1e-6 && lon + k <= fit.east + 1e-6)
    for (const p of [BEIJING, TORONTO, SAN_JOSE, NEW_YORK]) expect(inSpan(p.lon)).toBe(true)
  })

  it('stays on the Atlantic side when that is shorter, and widens a short arc to a minimum view', () => {
    const fit = fitBoundsOfArcs([{ from: FRANKFURT, to: NEW_YORK }])!
    expect(fit.west).toBeCloseTo(NEW_YORK.lon, 0)
    expect(fit.east).toBeCloseTo(FRANKFURT.lon, 0)
    const near = fitBoundsOfArcs([{ from: FRANKFURT, to: { lat: 48.9, lon: 2.4 } }])!
    expect(near.east - near.west).toBeGreaterThanOrEqual(40)
    expect(near.north - near.south).toBeGreaterThanOrEqual(20)
  })

  it('returns nothing to fit without arcs, and falls back to the world when arcs ring the globe', () => {
    expect(fitBoundsOfArcs([])).toBeNull()
    const ring = fitBoundsOfArcs([
      { from: FRANKFURT, to: SYDNEY },
      { from: SYDNEY, to: SAO_PAULO },
      { from: SAO_PAULO, to: FRANKFURT },
      { from: BEIJING, to: TORONTO },
    ])
    expect(ring === null || ring.east - ring.west > 300).toBe(true)
    const empty = { ...world, sites: [], cities: [] }
    expect(runViewOf(empty, [])).toBe(WORLD_VIEW)
  })

  it('frames every path that delivered an exposed key, of concern or only cross-border', () => {
    const both = [stepWith([flow(0, 0, 3, 3), flow(1, 1, 2, 0)])]
    expect(exposureArcsOf(world, both)).toEqual([
      { from: world.sites[0], to: world.cities[0] },
      { from: world.sites[1], to: world.cities[1] },
    ])
    const crossOnly = [stepWith([flow(1, 1, 2, 0)]), stepWith([flow(0, 0, 0, 0)])]
    expect(exposureArcsOf(world, crossOnly)).toEqual([
      { from: world.sites[1], to: world.cities[1] },
    ])
    const view = runViewOf(world, both)
    expect(view).not.toBe(WORLD_VIEW)
    for (const p of [BEIJING, TORONTO, FRANKFURT, SAN_JOSE])
      expect(
        [-360, 0, 360].some((k) => p.lon + k >= view.west - 1e-6 && p.lon + k <= view.east + 1e-6),
      ).toBe(true)
    expect(runViewOf(world, crossOnly).east - runViewOf(world, crossOnly).west).toBeLessThan(180)
    expect(runViewOf(world, [stepWith([flow(0, 0, 0, 0)])])).toBe(WORLD_VIEW)
  })
})

describe('the longitudes a fit covers', () => {
  // Sorted by start, each joined to the last stretch when it starts before that one ends.
  const byMerging = (starts: number[], ends: number[]) => {
    const order = starts
      .map((_, i) => i)
      .sort((a, b) => (starts[a] as number) - (starts[b] as number))
    const merged: { start: number; end: number }[] = []
    for (const i of order) {
      const last = merged[merged.length - 1]
      if (last && (starts[i] as number) <= last.end)
        last.end = Math.max(last.end, ends[i] as number)
      else merged.push({ start: starts[i] as number, end: ends[i] as number })
    }
    return merged
  }

  it('are the stretches that merging the intervals in order of start gives, touching ones joined', () => {
    // Whole numbers in a small range, so equal starts, equal ends and touching intervals are common.
    const interval = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 }))
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 60 }), (pairs) => {
        const starts = pairs.map(([s]) => s)
        const ends = pairs.map(([s, w]) => s + w)
        const got = mergedIntervals(Float64Array.from(starts), Float64Array.from(ends))
        expect(got).toEqual(byMerging(starts, ends))
      }),
    )
    expect(mergedIntervals(Float64Array.of(0, 5, 2), Float64Array.of(2, 9, 4))).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ])
  })
})

describe('framing a large run in slices', () => {
  // 30 sites by 40 cities around the globe, every pair exposed in one of 12 steps.
  const big: World = {
    ...world,
    sites: Array.from({ length: 30 }, (_, i) =>
      site(`s${i}`, 'EU', { lat: ((i * 37) % 120) - 55, lon: ((i * 53) % 340) - 170 }),
    ),
    cities: Array.from({ length: 40 }, (_, i) =>
      city(`c${i}`, 'US', { lat: ((i * 29) % 110) - 50, lon: ((i * 71) % 300) - 100 }),
    ),
  }
  const steps = Array.from({ length: 12 }, (_, k) =>
    stepWith(
      Array.from({ length: 100 }, (_, j) => flow((k * 100 + j) % 30, (k * 7 + j) % 40, 1, 0)),
    ),
  )

  it('reaches the same view as the one-task framing, over several tasks', () => {
    let clock = 0
    const queued: Array<() => void> = []
    const views: unknown[] = []
    runViewInSlices(big, steps, (view) => views.push(view), {
      sliceMs: 3,
      now: () => clock++,
      schedule: (run) => queued.push(run),
    })
    let tasks = 0
    while (queued.length > 0) {
      queued.shift()?.()
      tasks++
    }
    expect(tasks).toBeGreaterThan(3)
    expect(views).toEqual([runViewOf(big, steps)])
  })

  it('does none of the work in the task that asks for the view, not even for a small run', () => {
    const queued: Array<() => void> = []
    const views: unknown[] = []
    const now = vi.fn(() => 0)
    runViewInSlices(big, steps.slice(0, 1), (view) => views.push(view), {
      now,
      schedule: (run) => queued.push(run),
    })
    expect(now).not.toHaveBeenCalled()
    expect(views).toEqual([])
    expect(queued).toHaveLength(1)
    queued.shift()?.()
    // The view is worked out, and handed over in a task after the last slice's.
    expect(views).toEqual([])
    expect(queued).toHaveLength(1)
    queued.shift()?.()
    expect(views).toEqual([runViewOf(big, steps.slice(0, 1))])
  })

  it('spreads one busy step over several tasks, and lists each exposed pair once, in pair order', () => {
    // One step of 20,000 flows over the 1,200 pairs: most pairs come several times, and only
    // site 0's are exposed, so fitting the few exposed paths takes few tasks of its own.
    const busy = [
      stepWith(
        Array.from({ length: 20_000 }, (_, j) =>
          flow((j * 7) % 30, (j * 13) % 40, (j * 7) % 30 === 0 ? 1 : 0, 0),
        ),
      ),
    ]
    const pairs = new Set<number>()
    for (const f of busy[0]!.flows) if (f.exposures > 0) pairs.add(f.siteIndex * 40 + f.cityIndex)
    expect(exposureArcsOf(big, busy)).toEqual(
      [...pairs]
        .sort((a, b) => a - b)
        .map((key) => ({ from: big.sites[Math.floor(key / 40)], to: big.cities[key % 40] })),
    )
    // A clock that stands still: each task ends at a yield only when the work itself yields.
    const queued: Array<() => void> = []
    const views: unknown[] = []
    let reads = 0
    runViewInSlices(big, busy, (view) => views.push(view), {
      sliceMs: 1,
      now: () => (reads++ % 2 === 0 ? 0 : 1),
      schedule: (run) => queued.push(run),
    })
    let tasks = 0
    while (queued.length > 0) {
      queued.shift()?.()
      tasks++
    }
    // The step's flows alone are read over at least 20,000 / 4,096 tasks.
    expect(tasks).toBeGreaterThan(5)
    expect(exposureArcsOf(big, busy).length).toBeLessThanOrEqual(40)
    expect(views).toEqual([runViewOf(big, busy)])
  })

  it('never calls back once stopped', () => {
    const queued: Array<() => void> = []
    const views: unknown[] = []
    let clock = 0
    const stop = runViewInSlices(big, steps, (view) => views.push(view), {
      sliceMs: 2,
      now: () => clock++,
      schedule: (run) => queued.push(run),
    })
    stop()
    while (queued.length > 0) queued.shift()?.()
    expect(views).toEqual([])
  })
})

describe('arc treatment by kind of exposure', () => {
  it('tells keys from a jurisdiction of concern from keys that only crossed a border', () => {
    expect(arcKindOf({ exposures: 0, concern: 0 })).toBe('normal')
    expect(arcKindOf({ exposures: 5, concern: 0 })).toBe('crossBorder')
    expect(arcKindOf({ exposures: 5, concern: 5 })).toBe('concern')
    const [pair] = aggregateStepFlows([flow(0, 0, 2, 2), flow(0, 0, 1, 1)], 2, 2)
    expect(pair && arcKindOf(pair)).toBe('concern')
  })

  it('draws concern arcs as a strong moving band and cross-border ones as still dots in another colour', () => {
    const concern = arcStrokeOf('concern', 3)
    const crossBorder = arcStrokeOf('crossBorder', 3)
    const normal = arcStrokeOf('normal', 1)
    expect(concern).toMatchObject({ colour: 'exposed', isAnimated: true, dash: [] })
    expect(crossBorder).toMatchObject({
      colour: 'crossBorder',
      isAnimated: false,
      lineCap: 'round',
    })
    // Round dots a line-width across with a visible gap between them.
    expect(crossBorder.dash[0]).toBe(0)
    expect(crossBorder.dash[1]).toBeGreaterThan(2 * 3)
    expect(normal).toMatchObject({ colour: 'normalPath', isAnimated: false, dash: [] })
    expect(new Set([concern.colour, crossBorder.colour, normal.colour]).size).toBe(3)
    expect(EXPOSED_MIN_WIDTH_PX.crossBorder).toBeGreaterThan(0)
    expect(EXPOSED_MIN_WIDTH_PX.concern).toBeGreaterThanOrEqual(EXPOSED_MIN_WIDTH_PX.crossBorder)
  })
})

describe('countryName', () => {
  it('names a country by its ISO code in English and falls back to the code', () => {
    expect(countryName('AF')).toBe('Afghanistan')
    expect(countryName('CN')).toBe('China')
    expect(countryName('ca')).toBe('Canada')
    expect(countryName('XX')).toBe('XX')
    expect(countryName('not a code')).toBe('not a code')
  })
})
