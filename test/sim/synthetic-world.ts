/**
 * Synthetic worlds of any size for tests and benchmarks: sites and cities spread over the eight
 * regions at positions from a fixed linear congruential sequence, so the same size gives the
 * same world. Demand is chosen by the caller (joins per day), independent of the world's size.
 */
import { REGION_IDS } from '../../src/sim/model'
import type { RegionId } from '../../src/sim/model'
import type { ScenarioInput } from '../../src/sim/scenario'

/** Size and demand of a synthetic scenario. */
export interface SyntheticSize {
  readonly sites: number
  readonly cities: number
  readonly days: number
  /** Simulated participant joins per day (before the weekly and daily curves). */
  readonly joinsPerDay: number
  readonly stepMinutes?: number
  readonly startDate?: string
  readonly incidentLogLimit?: number
}

const COUNTRY: Record<RegionId, string> = {
  US: 'US',
  CA: 'CA',
  EU: 'DE',
  IN: 'IN',
  AU: 'AU',
  CN: 'CN',
  LATAM: 'BR',
  JPHK: 'JP',
}
const CENTRE: Record<RegionId, readonly [number, number]> = {
  US: [39, -98],
  CA: [50, -100],
  EU: [50, 10],
  IN: [21, 78],
  AU: [-27, 134],
  CN: [35, 105],
  LATAM: [-15, -55],
  JPHK: [36, 138],
}
const SECONDARY: Record<RegionId, RegionId[]> = {
  US: ['CA', 'EU', 'LATAM'],
  CA: ['US', 'EU'],
  EU: ['US', 'IN'],
  IN: ['EU', 'JPHK', 'AU'],
  AU: ['JPHK', 'US', 'IN'],
  CN: [],
  LATAM: ['US', 'EU'],
  JPHK: ['AU', 'US', 'IN'],
}

function sequence(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** A valid scenario (input form) with a synthetic world of the given size. */
export function syntheticScenario(size: SyntheticSize): ScenarioInput {
  const next = sequence(size.sites * 7919 + size.cities)
  const place = (i: number) => {
    const region = REGION_IDS[i % REGION_IDS.length] as RegionId
    const [lat, lon] = CENTRE[region]
    return {
      region,
      country: COUNTRY[region],
      lat: Math.round((lat + (next() - 0.5) * 16) * 1000) / 1000,
      lon: Math.round((lon + (next() - 0.5) * 24) * 1000) / 1000,
    }
  }
  const sites = Array.from({ length: size.sites }, (_, i) => {
    const p = place(i)
    return {
      id: `site-${i}`,
      city: `Site ${i}`,
      ...p,
      jurisdiction: p.country,
      capacityParticipants: 1e9,
      distributesKeys: true,
    }
  })
  // Each city keeps the UTC offset of its longitude, as the real ones roughly do.
  const cityAt = (i: number, p: ReturnType<typeof place>) => ({
    id: `city-${i}`,
    name: `City ${i}`,
    ...p,
    weight: 1 + Math.floor(next() * 100),
    utcOffsetHours: Math.max(-12, Math.min(14, Math.round(p.lon / 15))),
  })
  const cities = Array.from({ length: size.cities }, (_, i) => cityAt(i, place(i)))
  const dailyParticipants = 1_000_000
  return {
    id: `synthetic-${size.sites}x${size.cities}`,
    name: `Synthetic world, ${size.sites} sites and ${size.cities} cities`,
    startDate: size.startDate ?? '2020-03-01',
    days: size.days,
    stepMinutes: size.stepMinutes ?? 60,
    policy: 'misconfigured-2020',
    world: {
      id: 'synthetic',
      regions: REGION_IDS.map((id) => ({ id, name: id, secondaryRegions: SECONDARY[id] })),
      sites,
      cities,
    },
    demand: {
      dailyParticipants: [{ date: '2020-01-01', participants: dailyParticipants }],
      scale: Math.min(1, size.joinsPerDay / dailyParticipants),
    },
    ...(size.incidentLogLimit === undefined ? {} : { incidentLogLimit: size.incidentLogLimit }),
  }
}
