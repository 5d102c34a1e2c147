/*
 * Capacity rule (an assumption: no source gives per-site capacity). Real, unscaled concurrent
 * participants: each region gets 1.45 × (its share of the city weights) × 11,000,000, split
 * evenly between the region's sites that are open in 2020, rounded to thousands; Singapore
 * (opened August 2020) gets a flat 400,000. The factor is calibrated so that the March 2020
 * surge (200M daily participants) fills the busiest regions at their weekday peak while December
 * 2019 (10M) leaves ample headroom. Region weight shares (per mille of all city weights): US 400,
 * CA 50, EU 240 (Europe 220 + Africa/Middle East 20), IN 70, JPHK 90, AU 50, LATAM 80, CN 20.
 *
 * The data (regions, sites, cities and where each comes from) lives in world-2020.json; this
 * module fills in the shared provenance and the capacities, then validates the result with the
 * same schema as a world in a scenario file, so the built-in world cannot drift from it.
 */
import type { World } from '../model'
import { worldSchema } from '../world-schema'
import data from './world-2020.json'

/** 1.45 as a whole percentage: with integer weights the arithmetic below stays exact. */
const CAPACITY_FACTOR_PERCENT = 145
/** Reference daily participants, in thousands (11,000,000). */
const REFERENCE_THOUSANDS = 11_000

type Sourced = { readonly kind: string; readonly ref?: string; readonly note?: string }

/** A provenance with its short source key replaced by the source's URL. */
function withSourceUrl(provenance: Sourced): Sourced {
  if (provenance.ref === undefined) return provenance
  const url = (data.sources as Record<string, string | undefined>)[provenance.ref]
  if (url === undefined) throw new Error(`world-2020.json: unknown source "${provenance.ref}"`)
  return { ...provenance, ref: url }
}

/**
 * Capacity in thousands, rounded half up. JPHK (478.5) and CN (159.5) fall exactly on a half:
 * the quotient of exact integers is exact there, so adding 0.5 and flooring rounds them up.
 */
export function ruleCapacityThousands(
  regionWeight: number,
  totalWeight: number,
  openSites: number,
): number {
  const thousands =
    (CAPACITY_FACTOR_PERCENT * REFERENCE_THOUSANDS * regionWeight) / (100 * totalWeight * openSites)
  return Math.floor(thousands + 0.5)
}

/**
 * Real concurrent participants of each site the rule sizes (every site open from the start),
 * by site id. A site that opens later states its own capacity in the data.
 */
export function ruleCapacities(
  sites: readonly { readonly id: string; readonly region: string; readonly openFrom?: string }[],
  cities: readonly { readonly region: string; readonly weight: number }[],
): ReadonlyMap<string, number> {
  const totalWeight = cities.reduce((sum, c) => sum + c.weight, 0)
  const capacities = new Map<string, number>()
  for (const region of new Set(sites.map((s) => s.region))) {
    const regionWeight = cities
      .filter((c) => c.region === region)
      .reduce((sum, c) => sum + c.weight, 0)
    const open = sites.filter((s) => s.region === region && s.openFrom === undefined)
    const capacity = ruleCapacityThousands(regionWeight, totalWeight, open.length) * 1000
    for (const site of open) capacities.set(site.id, capacity)
  }
  return capacities
}

function loadWorld(): World {
  const capacities = ruleCapacities(data.sites, data.cities)
  const sites = data.sites.map((site) => {
    const { provenance, ...rest } = site
    const capacityParticipants =
      'capacityParticipants' in site ? site.capacityParticipants : capacities.get(site.id)
    if (capacityParticipants === undefined)
      throw new Error(`world-2020.json: site "${site.id}" opens later and states no capacity`)
    return { ...rest, capacityParticipants, provenance: withSourceUrl(provenance) }
  })
  const regionProvenance = withSourceUrl(data.regionProvenance)
  const world = {
    id: data.id,
    regions: data.regions.map(({ provenance, ...region }) => ({
      ...region,
      provenance: provenance === undefined ? regionProvenance : withSourceUrl(provenance),
    })),
    sites,
    cities: data.cities.map((city) => ({ ...city, provenance: data.cityProvenance })),
    jurisdictionOfCountry: data.jurisdictionOfCountry,
  }
  return worldSchema.parse(world)
}

/**
 * The world of April 2020: Zoom's eight routing regions, its data-center sites (Singapore
 * included but closed until 18 August 2020) and 101 population points weighted by an
 * illustrative share of meeting participants (per mille, summing to 1000).
 *
 * Every number here (coordinates, capacities in real concurrent participants, weights, UTC
 * offsets in hours) is an assumption unless its entry's provenance says `sourced`, and even
 * then the source backs the entry's existence, not its figures. Plain data, validated by the
 * world schema when the module loads; deterministic.
 */
export const WORLD_2020: World = loadWorld()
