import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import topology from 'world-atlas/countries-110m.json'
import type { Incident, StepFlow, StepRecord } from '../../../src/sim/model'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import type { RunSummary } from '../../../src/worker/protocol'
import { packSteps, unpackSteps } from '../../../src/worker/step-codec'
import { displayArcLatLon, displayArcUV, latOfMercatorV } from '../../../src/ui/map/arc-shape'
import { loadCountries } from '../../../src/ui/map/basemap'
import type { Topology } from 'topojson-specification'
import {
  countryAnchorsOf,
  countryCountsOf,
  countryCountsUpTo,
  maxCountryKeysPerStep,
} from '../../../src/ui/map/country-symbols'
import { commonCause, countryTooltipLines, pathTooltipLines } from '../../../src/ui/map/map-causes'
import { placeLabelsOf, selectedPlaces } from '../../../src/ui/map/map-labels'
import { countrySymbolRadiusPx, mercatorV } from '../../../src/ui/map/map-scales'

const world = WORLD_2020
const site = (id: string): number => world.sites.findIndex((s) => s.id === id)
const city = (id: string): number => world.cities.findIndex((c) => c.id === id)
const flow = (s: string, c: string, deliveries: number, exposures = 0, concern = 0): StepFlow => ({
  siteIndex: site(s),
  cityIndex: city(c),
  deliveries,
  exposures,
  concern,
})
const stepWith = (index: number, flows: StepFlow[]): StepRecord =>
  ({ step: index, startMinutes: index * 60, flows }) as unknown as StepRecord

const incident = (timeMinutes: number, keySiteId: string, cityId: string, cause: string) =>
  ({ timeMinutes, keySiteId, participantCityId: cityId, cause }) as unknown as Incident

const BEIJING = world.sites[site('beijing')]!
const NEW_YORK = world.cities[city('new-york')]!

describe('the drawn shape of a key path', () => {
  it('keeps Beijing to New York well inside Web Mercator, far below the great circle near the pole', () => {
    const points = displayArcLatLon(BEIJING, NEW_YORK, 32)
    const lats = points.filter((_, i) => i % 2 === 0)
    expect(Math.max(...lats)).toBeLessThan(66)
    expect(Math.max(...lats)).toBeGreaterThan(NEW_YORK.lat + 5)
    expect(points[0]).toBeCloseTo(BEIJING.lat, 6)
    expect(points[1]).toBeCloseTo(BEIJING.lon, 6)
    expect(points[points.length - 2]).toBeCloseTo(NEW_YORK.lat, 6)
    // Across the Pacific: the end is New York shifted a turn east.
    expect(points[points.length - 1]).toBeCloseTo(NEW_YORK.lon + 360, 6)
  })

  it('writes into a buffer of its length, the same points, and leaves one of another length alone', () => {
    const into = new Float64Array(2 * 33)
    const written = displayArcLatLon(BEIJING, NEW_YORK, 32, into)
    expect(written).toBe(into)
    expect(written).toEqual(displayArcLatLon(BEIJING, NEW_YORK, 32))
    const short = new Float64Array(4)
    const fresh = displayArcLatLon(BEIJING, NEW_YORK, 32, short)
    expect(fresh).not.toBe(short)
    expect(short).toEqual(new Float64Array(4))
    expect(fresh).toEqual(written)
  })

  it('bends towards the south pole in the southern hemisphere and inverts Mercator exactly', () => {
    const uv = displayArcUV({ lat: -33.9, lon: 151.2 }, { lat: -23.5, lon: -46.6 }, 16)
    const middleV = uv[17] ?? 0
    expect(middleV).toBeGreaterThan((mercatorV(-33.9) + mercatorV(-23.5)) / 2)
    for (const lat of [-70, -10, 0, 35, 80])
      expect(latOfMercatorV(mercatorV(lat))).toBeCloseTo(lat, 9)
  })
})

describe('per-country symbols', () => {
  const flows = [
    flow('beijing', 'new-york', 30, 17, 17),
    flow('china-dc-2', 'chicago', 10, 4, 4),
    flow('frankfurt', 'new-york', 5, 1, 0),
    flow('beijing', 'toronto', 9, 2, 2),
    flow('new-york', 'boston', 90),
  ]

  it('counts exposed keys per participant country with the jurisdictions that issued them', () => {
    expect(countryCountsOf(world, flows)).toEqual([
      {
        country: 'US',
        keys: 22,
        byJurisdiction: [
          { jurisdiction: 'CN', keys: 21 },
          { jurisdiction: 'EU', keys: 1 },
        ],
      },
      { country: 'CA', keys: 2, byJurisdiction: [{ jurisdiction: 'CN', keys: 2 }] },
    ])
    const steps = [stepWith(0, flows), stepWith(1, [flow('beijing', 'toronto', 50, 40, 40)])]
    expect(countryCountsUpTo(world, steps, 1).map((c) => [c.country, c.keys])).toEqual([
      ['CA', 42],
      ['US', 22],
    ])
    expect(maxCountryKeysPerStep(world, steps)).toBe(40)
  })

  it('finds the same counts, per-step peak and counts so far in steps that came packed from the worker as in plain ones', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.record({
              site: fc.integer({ min: 0, max: world.sites.length - 1 }),
              city: fc.integer({ min: 0, max: world.cities.length - 1 }),
              exposures: fc.integer({ min: 0, max: 30 }),
            }),
            { maxLength: 60 },
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (stepsFlows) => {
          const plain = stepsFlows.map((flows, i) =>
            stepWith(
              i,
              flows.map((f) => ({
                siteIndex: f.site,
                cityIndex: f.city,
                deliveries: f.exposures + 1,
                exposures: f.exposures,
                concern: 0,
              })),
            ),
          )
          const expected = Math.max(
            1,
            ...plain.flatMap((step) => countryCountsOf(world, step.flows).map((c) => c.keys)),
          )
          // A copy of the world, so the peak is scanned afresh rather than remembered.
          expect(maxCountryKeysPerStep({ ...world }, plain)).toBe(expected)
          const packed = unpackSteps(packSteps(1, plain))
          expect(maxCountryKeysPerStep({ ...world }, packed)).toBe(expected)
          // A step's counts, read from its numbers, are those of its flow objects.
          packed.forEach((step, i) =>
            expect(countryCountsOf(world, step)).toEqual(
              countryCountsOf(world, (plain[i] as StepRecord).flows),
            ),
          )
          // Forward, back and forward again, as a presenter seeks: each as if read afresh.
          const last = plain.length - 1
          for (const k of [last, 0, Math.floor(last / 2), last, last])
            expect(countryCountsUpTo(world, packed, k)).toEqual(
              countryCountsOf(
                world,
                plain.slice(0, k + 1).flatMap((step) => step.flows),
              ),
            )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('sizes circles by area: 21 keys against 2 is a radius ratio of about 3.2, not an area of Canada', () => {
    const us = countrySymbolRadiusPx(21, 40)
    const ca = countrySymbolRadiusPx(2, 40)
    expect((us / ca) ** 2).toBeCloseTo(21 / 2, 6)
    expect(countrySymbolRadiusPx(0, 40)).toBe(0)
  })

  it('stands each symbol on the country itself: the United States on the lower 48', () => {
    const anchors = countryAnchorsOf(loadCountries(topology as unknown as Topology))
    const us = anchors.get('US')!
    expect(us.lat).toBeGreaterThan(33)
    expect(us.lat).toBeLessThan(45)
    expect(us.lon).toBeGreaterThan(-110)
    expect(us.lon).toBeLessThan(-85)
    expect(anchors.get('CA')!.lat).toBeGreaterThan(us.lat + 10)
  })
})

describe('which places the map names', () => {
  const step = stepWith(0, [
    flow('frankfurt', 'miami', 3, 1, 0),
    flow('beijing', 'new-york', 30, 7, 7),
    flow('china-dc-2', 'toronto', 9, 2, 2),
    flow('toronto', 'new-york', 40, 3, 0),
    flow('san-jose', 'seattle', 50),
  ])

  it('puts the selection first, then the sites of concern, then the rest by exposed keys', () => {
    const labels = placeLabelsOf(
      world,
      step,
      ['CN'],
      selectedPlaces({ kind: 'city', id: 'seattle' }, undefined),
    )
    expect(labels.map((l) => l.id)).toEqual([
      'city:seattle',
      'site:beijing',
      'site:china-dc-2',
      'city:new-york',
      'site:toronto',
      'site:frankfurt',
      'city:miami',
    ])
    // Toronto is a site and a city at one place: one label stands for both.
    expect(labels.find((l) => l.id === 'site:toronto')?.alsoIds).toEqual(['city:toronto'])
    expect(labels.some((l) => l.id === 'site:san-jose')).toBe(false)
  })

  it('names a site and a city at one place once south and west of zero and across a cell edge, and keeps a namesake far off', () => {
    const at = (i: number, lat: number, lon: number) => ({ lat, lon, i })
    const places = [at(0, -12.05, -77.04), at(1, -0.2, -78.5)]
    const sites = places.map(({ i, lat, lon }) => ({
      ...world.sites[i]!,
      id: `s${i}`,
      city: i === 0 ? 'Lima' : 'Quito',
      lat,
      lon,
    }))
    const cities = [
      { ...world.cities[0]!, id: 'lima', name: 'Lima (metro)', lat: -11.95, lon: -76.95 },
      { ...world.cities[1]!, id: 'quito', name: 'Quito', lat: 0.1, lon: -78.4 },
      { ...world.cities[2]!, id: 'far', name: 'Lima', lat: 40.7, lon: -84.1 },
    ]
    const small = { ...world, sites, cities }
    const flows = [0, 1].flatMap((site) =>
      [0, 1, 2].map((city) => ({
        siteIndex: site,
        cityIndex: city,
        deliveries: 5,
        exposures: 1 + site + city,
        concern: 0,
      })),
    )
    const labels = placeLabelsOf(small, stepWith(0, flows), [], { siteIds: [], cityIds: [] })
    expect(labels.map((l) => [l.id, l.alsoIds])).toEqual([
      ['site:s1', ['city:quito']],
      ['city:far', []],
      ['site:s0', ['city:lima']],
    ])
  })

  it('orders places with as many exposed keys by name as localeCompare does, then by id', () => {
    const names = ['Zürich', 'zagreb', 'Ålesund', 'Aachen', 'aachen', 'Évora', 'Eton', 'São Paulo']
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ name: fc.constantFrom(...names), id: fc.constantFrom('a', 'B', 'c', 'é') }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (picked) => {
          // Cities far apart from each other and from the one site: no label stands for another.
          const cities = picked.map(({ name, id }, i) => ({
            ...world.cities[0]!,
            id: `${id}${i}`,
            name,
            lat: -60 + 9 * i,
            lon: -170 + 25 * i,
          }))
          const small = { ...world, sites: [{ ...world.sites[0]!, lat: 80, lon: 170 }], cities }
          const flows = cities.map((_, i) => ({
            siteIndex: 0,
            cityIndex: i,
            deliveries: 3,
            exposures: 2,
            concern: 0,
          }))
          const labels = placeLabelsOf(small, stepWith(0, flows), [], { siteIds: [], cityIds: [] })
          const expected = cities
            .map((c) => ({ id: `city:${c.id}`, text: c.name }))
            .sort((a, b) => a.text.localeCompare(b.text) || a.id.localeCompare(b.id))
            .map((c) => c.id)
          expect(labels.filter((l) => l.kind === 'city').map((l) => l.id)).toEqual(expected)
        },
      ),
    )
  })

  it('names the two ends of a selected incident even when the step has no exposure', () => {
    const chosen = selectedPlaces(
      { kind: 'incident', ref: { logSeq: 3 } },
      incident(0, 'beijing', 'boston', 'x'),
    )
    expect(placeLabelsOf(world, stepWith(0, []), ['CN'], chosen).map((l) => l.id)).toEqual([
      'site:beijing',
      'city:boston',
    ])
  })
})

describe('causes in the map tooltips', () => {
  const step = stepWith(14, [flow('beijing', 'new-york', 30, 3, 3)])
  const summary = {
    incidents: [
      incident(
        845,
        'beijing',
        'new-york',
        'Toronto congested ×3 -> secondary list -> key issued in Beijing',
      ),
      incident(
        850,
        'beijing',
        'new-york',
        'Toronto congested ×3 -> secondary list -> key issued in Beijing',
      ),
      incident(
        851,
        'beijing',
        'new-york',
        'New York area full -> secondary list -> key issued in Beijing',
      ),
      incident(852, 'beijing', 'toronto', 'other path'),
      incident(999, 'beijing', 'new-york', 'another hour'),
    ],
  } as unknown as RunSummary

  it('gives an arc the most common cause of the logged exposures on that path in the shown hour', () => {
    const lines = pathTooltipLines({
      world,
      step,
      summary,
      stepMinutes: 60,
      siteIndex: site('beijing'),
      cityIndex: city('new-york'),
      deliveries: 30,
      exposures: 3,
      concern: 3,
    })
    expect(lines).toEqual([
      '30 keys delivered this hour, 3 from a jurisdiction of concern',
      'Cause (2 of 3 logged on this path this hour): Toronto congested ×3 -> secondary list -> key issued in Beijing',
    ])
    expect(commonCause([])).toBeNull()
  })

  it('falls back to the path so far, then to the data center this hour, when the sample left the hour out', () => {
    const base = { world, summary, stepMinutes: 60, deliveries: 4, exposures: 1, concern: 1 }
    // Beijing to New York at 17:00: none logged in that hour, four earlier on the path.
    const later = pathTooltipLines({
      ...base,
      step: stepWith(17, []),
      siteIndex: site('beijing'),
      cityIndex: city('new-york'),
    })
    expect(later[1]).toBe(
      'Cause (2 of 4 logged on this path so far): Toronto congested ×3 -> secondary list -> key issued in Beijing',
    )
    // Beijing to Chicago at 14:00: nothing on the path, four keys from Beijing in the hour.
    const elsewhere = pathTooltipLines({
      ...base,
      step,
      siteIndex: site('beijing'),
      cityIndex: city('chicago'),
    })
    expect(elsewhere[1]).toBe(
      'Cause (2 of 4 logged from Beijing this hour): Toronto congested ×3 -> secondary list -> key issued in Beijing',
    )
  })

  it('tells a country how many keys reached it, from where, and the most common cause', () => {
    const lines = countryTooltipLines({
      world,
      country: 'CA',
      step: stepWith(14, [flow('beijing', 'toronto', 5, 2, 2)]),
      summary,
      stepMinutes: 60,
      thisStep: countryCountsOf(world, [flow('beijing', 'toronto', 5, 2, 2)])[0],
      soFar: countryCountsOf(world, [flow('beijing', 'toronto', 50, 20, 20)])[0],
    })
    expect(lines[0]).toBe('2 exposed keys reached participants here this hour, from China 2')
    expect(lines[1]).toBe('So far: 20 exposed keys, from China 20')
    expect(lines[2]).toBe('Most common cause (1 logged here this hour): other path')
  })
})
