import { describe, expect, it } from 'vitest'
import { REGION_IDS } from '../../src/sim/model'
import { WORLD_2020, ruleCapacities, ruleCapacityThousands } from '../../src/sim/presets/world-2020'

const { regions, sites, cities } = WORLD_2020
const openSites = sites.filter((site) => site.openFrom === undefined)

describe('WORLD_2020', () => {
  it('gives every site and every city a unique id', () => {
    expect(new Set(sites.map((site) => site.id)).size).toBe(sites.length)
    expect(new Set(cities.map((city) => city.id)).size).toBe(cities.length)
  })

  it('lists each of the eight April 2020 regions exactly once', () => {
    expect(regions.map((region) => region.id).sort()).toEqual([...REGION_IDS].sort())
  })

  it('gives every region at least one site open from the start and at least four cities', () => {
    for (const region of regions) {
      expect(openSites.filter((site) => site.region === region.id).length).toBeGreaterThan(0)
      expect(cities.filter((city) => city.region === region.id).length).toBeGreaterThanOrEqual(4)
    }
  })

  it('has at least 60 cities', () => {
    expect(cities.length).toBeGreaterThanOrEqual(60)
  })

  it('assigns every site and every city to a region that exists', () => {
    const regionIds = new Set<string>(regions.map((region) => region.id))
    for (const item of [...sites, ...cities]) expect(regionIds.has(item.region)).toBe(true)
  })

  it('names only existing regions other than itself as secondaries', () => {
    const regionIds = new Set<string>(regions.map((region) => region.id))
    for (const region of regions) {
      for (const secondary of region.secondaryRegions) {
        expect(regionIds.has(secondary)).toBe(true)
        expect(secondary).not.toBe(region.id)
      }
    }
  })

  it('fences China both ways: no region backs up to China and China has no backups', () => {
    for (const region of regions) expect(region.secondaryRegions).not.toContain('CN')
    expect(regions.find((region) => region.id === 'CN')?.secondaryRegions).toEqual([])
  })

  it('has exactly two sites under Chinese jurisdiction', () => {
    expect(sites.filter((site) => site.jurisdiction === 'CN').map((site) => site.id)).toEqual([
      'beijing',
      'china-dc-2',
    ])
  })

  it('opens Singapore only after the incident, on 18 August 2020', () => {
    expect(sites.find((site) => site.id === 'singapore')?.openFrom).toBe('2020-08-18')
    expect(sites.filter((site) => site.openFrom !== undefined)).toHaveLength(1)
  })

  it('maps EU members to the EU jurisdiction on both sites and the country table', () => {
    for (const site of sites) {
      const expected = WORLD_2020.jurisdictionOfCountry[site.country] ?? site.country
      expect(site.jurisdiction).toBe(expected)
    }
    expect(WORLD_2020.jurisdictionOfCountry['NL']).toBe('EU')
    expect(WORLD_2020.jurisdictionOfCountry['GB']).toBe('GB')
  })

  it('keeps coordinates within valid latitude and longitude ranges', () => {
    for (const item of [...sites, ...cities]) {
      expect(item.lat).toBeGreaterThanOrEqual(-90)
      expect(item.lat).toBeLessThanOrEqual(90)
      expect(item.lon).toBeGreaterThanOrEqual(-180)
      expect(item.lon).toBeLessThanOrEqual(180)
    }
  })

  it('keeps every UTC offset within [-12, 14] hours', () => {
    for (const city of cities) {
      expect(city.utcOffsetHours).toBeGreaterThanOrEqual(-12)
      expect(city.utcOffsetHours).toBeLessThanOrEqual(14)
    }
  })

  it('gives every city a positive weight and every site a positive capacity', () => {
    for (const city of cities) expect(city.weight).toBeGreaterThan(0)
    for (const site of sites) expect(site.capacityParticipants).toBeGreaterThan(0)
  })

  it('sizes each open site by the documented rule: 1.45 × region weight share × 11 million', () => {
    const totalWeight = cities.reduce((sum, city) => sum + city.weight, 0)
    for (const region of regions) {
      const regionWeight = cities
        .filter((city) => city.region === region.id)
        .reduce((sum, city) => sum + city.weight, 0)
      const regionSites = openSites.filter((site) => site.region === region.id)
      const perSite = (1.45 * (regionWeight / totalWeight) * 11_000_000) / regionSites.length
      for (const site of regionSites) {
        expect(site.capacityParticipants).toBe(Math.round(perSite / 1000 + 1e-9) * 1000)
      }
    }
  })

  it('computes the same capacities as the hand-typed figures the data replaced', () => {
    const capacities = Object.fromEntries(sites.map((s) => [s.id, s.capacityParticipants]))
    expect(capacities).toEqual({
      'san-jose': 3_190_000,
      'new-york': 3_190_000,
      toronto: 399_000,
      vancouver: 399_000,
      'sao-paulo': 1_276_000,
      amsterdam: 1_914_000,
      frankfurt: 1_914_000,
      mumbai: 558_000,
      hyderabad: 558_000,
      sydney: 399_000,
      melbourne: 399_000,
      tokyo: 479_000,
      osaka: 479_000,
      'hong-kong': 479_000,
      beijing: 160_000,
      'china-dc-2': 160_000,
      singapore: 400_000,
    })
  })

  it('rounds a capacity that falls exactly on half a thousand up', () => {
    // JPHK: 1.45 × 90/1000 × 11M / 3 = 478,500; CN: 1.45 × 20/1000 × 11M / 2 = 159,500.
    expect(ruleCapacityThousands(90, 1000, 3)).toBe(479)
    expect(ruleCapacityThousands(20, 1000, 2)).toBe(160)
    expect(ruleCapacityThousands(400, 1000, 2)).toBe(3190)
  })

  it('sizes only the sites open from the start and splits a region evenly between them', () => {
    const capacities = ruleCapacities(
      [
        { id: 'a', region: 'US' },
        { id: 'b', region: 'US' },
        { id: 'later', region: 'US', openFrom: '2020-08-18' },
        { id: 'c', region: 'CA' },
      ],
      [
        { region: 'US', weight: 3 },
        { region: 'CA', weight: 1 },
      ],
    )
    expect([...capacities]).toEqual([
      ['a', 5_981_000],
      ['b', 5_981_000],
      ['c', 3_988_000],
    ])
  })

  it('cites an https URL in every sourced provenance', () => {
    const provenances = [...regions, ...sites, ...cities].map((item) => item.provenance)
    for (const provenance of provenances) {
      if (provenance.kind === 'sourced') expect(provenance.ref).toMatch(/^https:\/\//)
    }
  })
})
