/**
 * The zod schema of a world (regions, data-center sites, cities), the field schemas it shares
 * with the scenario schema, and the checks a world must pass beyond field shapes: ids unique,
 * every region named is defined, at least one site hands out keys. The built-in 2020 world
 * passes the same schema (test/sim/world-2020.test.ts).
 */
import { z } from './zod'
import { REGION_IDS } from './model'
import type { Provenance } from './model'
import { isoDateSchema } from './date-schemas'

/** Any finite number (JSON has no NaN or Infinity). */
export const finite = z.number()
/** A finite number at or above 0. */
export const nonNegative = finite.nonnegative()
/** Real, unscaled concurrent participants a data-center site holds. */
export const capacitySchema = nonNegative.max(1e10)
/** A kebab-case id: a-z, 0-9 and -, at most 64 characters. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a kebab-case id (a-z, 0-9, -)')
/** An ISO 3166-1 alpha-2 country code. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code like US')
/** One of the routing regions. */
export const regionIdSchema = z.enum(REGION_IDS)

/** Where a number comes from: a source, or an assumption with a note. */
export const provenanceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sourced'),
    ref: z.string().max(2000),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ kind: z.literal('assumption'), note: z.string().max(2000) }),
])

/** Provenance of a number a scenario file defines without saying where it comes from. */
export const ASSUMED: Provenance = { kind: 'assumption', note: 'defined in the scenario file' }

const regionSchema = z.strictObject({
  id: regionIdSchema,
  name: z.string().max(100),
  secondaryRegions: z.array(regionIdSchema).max(REGION_IDS.length),
  provenance: provenanceSchema.default(ASSUMED),
})

const siteSchema = z.strictObject({
  id: idSchema,
  city: z.string().max(100),
  country: countryCodeSchema,
  jurisdiction: z.string().min(2).max(8),
  region: regionIdSchema,
  lat: finite.min(-90).max(90),
  lon: finite.min(-180).max(180),
  capacityParticipants: capacitySchema,
  distributesKeys: z.boolean(),
  openFrom: isoDateSchema.optional(),
  provenance: provenanceSchema.default(ASSUMED),
})

const citySchema = z.strictObject({
  id: idSchema,
  name: z.string().max(100),
  country: countryCodeSchema,
  region: regionIdSchema,
  lat: finite.min(-90).max(90),
  lon: finite.min(-180).max(180),
  weight: finite.positive().max(1e9),
  utcOffsetHours: finite.min(-12).max(14),
  provenance: provenanceSchema.default(ASSUMED),
})

type WorldShape = z.output<typeof worldShape>
type Issue = { readonly path: (string | number)[]; readonly message: string }

const worldShape = z.strictObject({
  id: idSchema,
  regions: z.array(regionSchema).min(1).max(REGION_IDS.length),
  sites: z.array(siteSchema).min(1).max(500),
  cities: z.array(citySchema).min(1).max(5000),
  jurisdictionOfCountry: z.record(z.string(), z.string().max(8)).default({}),
})

/** Every later use of an id already used earlier in the same list. */
function duplicateIds(list: 'regions' | 'sites' | 'cities', ids: readonly string[]): Issue[] {
  const first = new Map<string, number>()
  const issues: Issue[] = []
  ids.forEach((id, i) => {
    const earlier = first.get(id)
    if (earlier === undefined) first.set(id, i)
    else
      issues.push({
        path: [list, i, 'id'],
        message: `duplicate id "${id}" (also at world.${list}[${earlier}])`,
      })
  })
  return issues
}

/**
 * Problems of a world whose fields are each valid: duplicate ids, regions named but not
 * defined, a region listed twice as a secondary, no key-distributing site. Paths are relative
 * to the world (`sites[3].id`).
 */
export function worldProblems(world: WorldShape): Issue[] {
  const defined = world.regions.map((r) => r.id)
  const definedText = defined.join(', ')
  const issues = [
    ...duplicateIds(
      'regions',
      world.regions.map((r) => r.id),
    ),
    ...duplicateIds(
      'sites',
      world.sites.map((s) => s.id),
    ),
    ...duplicateIds(
      'cities',
      world.cities.map((c) => c.id),
    ),
  ]
  const undefinedRegion = (region: string) =>
    `region "${region}" is not defined in world.regions (defined: ${definedText})`
  world.regions.forEach((r, i) => {
    r.secondaryRegions.forEach((s, j) => {
      const path = ['regions', i, 'secondaryRegions', j]
      if (!defined.includes(s)) issues.push({ path, message: undefinedRegion(s) })
      else if (r.secondaryRegions.indexOf(s) < j)
        issues.push({ path, message: `region "${s}" is listed twice` })
    })
  })
  world.sites.forEach((s, i) => {
    if (!defined.includes(s.region))
      issues.push({ path: ['sites', i, 'region'], message: undefinedRegion(s.region) })
  })
  world.cities.forEach((c, i) => {
    if (!defined.includes(c.region))
      issues.push({ path: ['cities', i, 'region'], message: undefinedRegion(c.region) })
  })
  if (!world.sites.some((s) => s.distributesKeys))
    issues.push({
      path: ['sites'],
      message:
        'no site distributes keys: set "distributesKeys": true on at least one site (every meeting key is handed out by one)',
    })
  return issues
}

/** A world as a scenario file writes it (the built-in `zoom-2020` world passes it too). */
export const worldSchema = worldShape.superRefine((world, ctx) => {
  for (const issue of worldProblems(world)) ctx.addIssue({ code: 'custom', ...issue })
})
