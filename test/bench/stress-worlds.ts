/**
 * Stress scenarios for the browser benchmark: worlds an analyst could import (the schema allows
 * 500 sites x 5,000 cities), built from a seed so the same case always gives the same file.
 * Cities are scattered around populated places of each routing region (inside land-ish boxes),
 * sites stand in several countries including jurisdictions of concern (China, and Russia inside
 * the Europe region), and demand is a day at coarse steps so a run takes seconds in the browser.
 *
 * Run `npx tsx test/bench/stress-worlds.ts <dir>` to write one JSON file per case into <dir>.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RegionId } from '../../src/sim/model'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { createRandom } from '../../src/sim/random'
import type { Random } from '../../src/sim/random'
import type { ScenarioInput } from '../../src/sim/scenario'

/** A populated place cities and sites are scattered around, in degrees. */
interface Area {
  readonly country: string
  readonly region: RegionId
  readonly lat: number
  readonly lon: number
  /** Half-widths of the box around the centre, kept on land. */
  readonly dLat: number
  readonly dLon: number
  /** Share of the world's cities (relative). */
  readonly cityShare: number
}

const area = (
  country: string,
  region: RegionId,
  lat: number,
  lon: number,
  dLat: number,
  dLon: number,
  cityShare: number,
): Area => ({ country, region, lat, lon, dLat, dLon, cityShare })

// Boxes sit inside each country's landmass; shares follow the 2020 world's regional weights
// roughly (US 40 %, Europe 24 %, Japan/Hong Kong 9 %, Latin America 8 %, India 7 %, ...).
const AREAS: readonly Area[] = [
  area('US', 'US', 40.5, -77, 2.5, 4, 12),
  area('US', 'US', 41.5, -88, 2.5, 5, 9),
  area('US', 'US', 33, -97, 3, 5, 8),
  area('US', 'US', 36, -119.5, 3, 2.5, 11),
  area('CA', 'CA', 44.5, -77, 1.5, 4, 3),
  area('CA', 'CA', 51, -114, 2, 6, 2),
  area('GB', 'EU', 52.5, -1.5, 1.5, 1.5, 5),
  area('DE', 'EU', 51, 10, 2, 2.5, 5),
  area('FR', 'EU', 46.5, 2.5, 2, 2.5, 4),
  area('ES', 'EU', 40, -3.5, 2, 2.5, 3),
  area('IT', 'EU', 43, 12.5, 1.5, 1.5, 3),
  area('PL', 'EU', 52, 19.5, 1.5, 3, 2),
  area('RU', 'EU', 55.5, 38, 1.5, 4, 2),
  area('IN', 'IN', 26, 79, 3, 5, 4),
  area('IN', 'IN', 15, 77, 3, 2.5, 3),
  area('AU', 'AU', -33.5, 150, 2, 1.5, 3),
  area('AU', 'AU', -37.5, 145, 1, 2.5, 2),
  area('CN', 'CN', 31, 118, 2, 2, 1),
  area('CN', 'CN', 39.5, 116, 1.5, 2, 1),
  area('CN', 'CN', 23.5, 113, 1, 2, 1),
  area('BR', 'LATAM', -22.5, -46, 2, 3, 3),
  area('MX', 'LATAM', 19.5, -99.5, 1.5, 2, 2),
  area('AR', 'LATAM', -34, -61, 2, 3, 1),
  area('CO', 'LATAM', 5, -74.5, 2, 1.5, 1),
  area('CL', 'LATAM', -33.5, -70.8, 1.5, 0.4, 1),
  area('JP', 'JPHK', 35.5, 138.5, 1.2, 2.5, 6),
  area('JP', 'JPHK', 34.5, 134, 0.8, 2, 2),
  area('HK', 'JPHK', 22.35, 114.1, 0.08, 0.12, 1),
]

// Where data centres stand, in the order sites are dealt out: every region and both
// jurisdictions of concern appear within the first eleven sites.
const SITE_AREAS: readonly number[] = [
  3, 7, 17, 13, 25, 20, 15, 4, 12, 0, 18, 6, 27, 21, 2, 8, 14, 19, 16, 1, 9, 26, 5, 22, 10, 23, 11,
  24,
]

const EU_MEMBERS = ['DE', 'FR', 'ES', 'IT', 'PL'] as const

/** Jurisdictions of concern in every stress case: China and Russia. */
export const STRESS_CONCERN = ['CN', 'RU'] as const

/** Real daily participants the cases take as demand (March 2020's 200 million). */
const DAILY_PARTICIPANTS = 200_000_000
const MEAN_MINUTES = 40
/** Peak of the default daily curve over its mean. */
const PEAK_OVER_MEAN = 2.3

/** What a stress case is made of. */
export interface StressCase {
  readonly name: string
  readonly sites: number
  readonly cities: number
  readonly seed: number
  /** Simulated participant joins a day. */
  readonly joinsPerDay: number
  /** Site capacity as a share of the region's expected peak concurrent participants. */
  readonly headroom: number
  readonly policy: ScenarioInput['policy']
  readonly stepMinutes: number
  readonly days: number
  readonly routing: { readonly primaryAttempts: number; readonly secondaryPicks: number }
  readonly description: string
}

/** The four stress cases the browser benchmark measures. */
export const STRESS_CASES: readonly StressCase[] = [
  {
    name: '60x1000',
    sites: 60,
    cities: 1000,
    seed: 60_1000,
    joinsPerDay: 900_000,
    headroom: 0.8,
    policy: 'misconfigured-2020',
    stepMinutes: 240,
    days: 1,
    routing: { primaryAttempts: 3, secondaryPicks: 4 },
    description: '60 sites x 1,000 cities under the misconfigured 2020 backup list.',
  },
  {
    name: '200x5000',
    sites: 200,
    cities: 5000,
    seed: 200_5000,
    joinsPerDay: 660_000,
    headroom: 0.8,
    policy: 'misconfigured-2020',
    stepMinutes: 360,
    days: 1,
    routing: { primaryAttempts: 3, secondaryPicks: 4 },
    description:
      '200 sites x 5,000 cities (the schema allows 500 x 5,000): about 60,000 key paths.',
  },
  {
    name: 'misconfigured-list',
    sites: 40,
    cities: 600,
    seed: 2020,
    joinsPerDay: 150_000,
    headroom: 0.9,
    policy: 'misconfigured-2020',
    stepMinutes: 120,
    days: 1,
    routing: { primaryAttempts: 3, secondaryPicks: 2 },
    description:
      'A backup list that holds the China data centres for every region (as from February to 3 April 2020).',
  },
  {
    name: 'congested',
    sites: 40,
    cities: 800,
    seed: 404,
    joinsPerDay: 200_000,
    headroom: 0.1,
    policy: 'geofenced',
    stepMinutes: 120,
    days: 1,
    routing: { primaryAttempts: 3, secondaryPicks: 2 },
    description: 'Capacity at a tenth of peak demand: most joins are refused or fall back.',
  },
]

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits

/** A number in [-1, 1], peaked at 0 (sum of two uniforms), so places crowd their centres. */
const triangular = (random: Random): number => random.next() + random.next() - 1

/** Index into `weights` drawn in proportion to them. */
function pick(random: Random, weights: readonly number[], total: number): number {
  let u = random.next() * total
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0
    if (u < 0) return i
  }
  return weights.length - 1
}

function placeIn(random: Random, a: Area): { lat: number; lon: number } {
  return {
    lat: round(a.lat + triangular(random) * a.dLat, 3),
    lon: round(a.lon + triangular(random) * a.dLon, 3),
  }
}

/** The scenario of one stress case, valid under the scenario schema. */
export function stressScenario(c: StressCase): ScenarioInput {
  const random = createRandom(c.seed)
  const shares = AREAS.map((a) => a.cityShare)
  const totalShare = shares.reduce((s, x) => s + x, 0)
  const cities = Array.from({ length: c.cities }, (_, i) => {
    const a = AREAS[pick(random, shares, totalShare)] as Area
    const { lat, lon } = placeIn(random, a)
    return {
      id: `c${i}`,
      name: `${a.country} city ${i}`,
      country: a.country,
      region: a.region,
      lat,
      lon,
      // A few big cities and many small ones, as real populations go.
      weight: 1 + Math.floor(200 * random.next() ** 3),
      utcOffsetHours: Math.max(-12, Math.min(14, Math.round(lon / 15))),
    }
  })
  const siteAreas = Array.from(
    { length: c.sites },
    (_, i) => AREAS[SITE_AREAS[i % SITE_AREAS.length] as number] as Area,
  )
  const regionWeight = new Map<string, number>()
  for (const city of cities)
    regionWeight.set(city.region, (regionWeight.get(city.region) ?? 0) + city.weight)
  const totalWeight = cities.reduce((s, city) => s + city.weight, 0)
  const peakConcurrent = (DAILY_PARTICIPANTS * MEAN_MINUTES * PEAK_OVER_MEAN) / 1440
  const sitesInRegion = (region: string) => siteAreas.filter((a) => a.region === region).length
  const jurisdictionOfCountry = Object.fromEntries(EU_MEMBERS.map((m) => [m, 'EU']))
  const sites = siteAreas.map((a, i) => {
    const { lat, lon } = placeIn(random, a)
    const share = (regionWeight.get(a.region) ?? 0) / totalWeight
    return {
      id: `dc${i}`,
      city: `${a.country} data centre ${i}`,
      country: a.country,
      jurisdiction: jurisdictionOfCountry[a.country] ?? a.country,
      region: a.region,
      lat,
      lon,
      // A region no city needs still gets a little capacity, as a fallback target.
      capacityParticipants: Math.round(
        (c.headroom * peakConcurrent * Math.max(share, 0.01)) / sitesInRegion(a.region),
      ),
      distributesKeys: true,
    }
  })
  return {
    id: `stress-${c.name}`,
    name: `Stress ${c.name} (benchmark)`,
    description: c.description,
    startDate: '2020-03-23',
    days: c.days,
    stepMinutes: c.stepMinutes,
    seed: c.seed,
    policy: c.policy,
    world: {
      id: `stress-${c.name}`,
      regions: WORLD_2020.regions.map((r) => ({
        id: r.id,
        name: r.name,
        secondaryRegions: [...r.secondaryRegions],
      })),
      sites,
      cities,
      jurisdictionOfCountry,
    },
    routing: c.routing,
    keys: { concernJurisdictions: [...STRESS_CONCERN] },
    demand: {
      dailyParticipants: [{ date: '2020-03-01', participants: DAILY_PARTICIPANTS }],
      scale: c.joinsPerDay / DAILY_PARTICIPANTS,
      duration: { meanMinutes: MEAN_MINUTES },
    },
  }
}

/** Writes one `<name>.json` per case into `dir`; returns the paths written. */
export function writeStressWorlds(dir: string, cases = STRESS_CASES): string[] {
  mkdirSync(dir, { recursive: true })
  return cases.map((c) => {
    const path = join(dir, `${c.name}.json`)
    writeFileSync(path, JSON.stringify(stressScenario(c)))
    return path
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2]
  if (!dir) {
    console.error('usage: npx tsx test/bench/stress-worlds.ts <output directory>')
    process.exit(2)
  }
  for (const path of writeStressWorlds(dir)) console.log(path)
}
