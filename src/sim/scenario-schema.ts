/**
 * The zod schema of scenario files: every field's shape, limit and default is written here and
 * nowhere else. Sections a file may leave out are prefaulted, so an absent section is parsed as
 * `{}` and its fields' own defaults fill it in; {@link SECTION_DEFAULTS} reads them back for the
 * layers that show them.
 */
import { z } from './zod'
import { isoDateSchema, isoTimeSchema } from './date-schemas'
import { POLICY_IDS, REGION_IDS } from './model'
import { SEED_MAX } from './random'
import {
  ASSUMED,
  capacitySchema,
  countryCodeSchema,
  finite,
  idSchema,
  nonNegative,
  provenanceSchema,
  regionIdSchema,
  worldSchema,
} from './world-schema'

const probability = finite.min(0).max(1)
/** A policy id, as scenario and briefing files name one. */
export const policyIdSchema = z.enum(POLICY_IDS)

/** A run's seed: a whole number from 0 to {@link SEED_MAX}. */
export const seedSchema = z.number().int().min(0).max(SEED_MAX)

/** One timeline event: its kind, its time, the fields of that kind, an optional label. */
function timelineEvent<K extends string, F extends z.ZodRawShape>(kind: K, fields: F) {
  return z.strictObject({
    kind: z.literal(kind),
    at: isoTimeSchema,
    ...fields,
    label: z.string().max(200).optional(),
  })
}

const timelineEventSchema = z.discriminatedUnion('kind', [
  timelineEvent('outage', { siteId: idSchema }),
  timelineEvent('restore', { siteId: idSchema }),
  timelineEvent('capacity', { siteId: idSchema, capacityParticipants: capacitySchema }),
  timelineEvent('policy', { policy: policyIdSchema }),
  timelineEvent('list-correction', {}).describe(
    'The backup lists are corrected (the 3 April 2020 fix): the China data centers leave the lists that held them by mistake. The policy stays; a policy that never listed China is untouched.',
  ),
])

/** Shape of meeting starts over a local day, per hour (mean 1): working hours peak. */
const DAILY_CURVE = [
  0.12, 0.08, 0.06, 0.06, 0.08, 0.2, 0.5, 1.1, 1.9, 2.3, 2.3, 2.0, 1.6, 1.9, 2.2, 2.1, 1.8, 1.3,
  0.8, 0.6, 0.5, 0.4, 0.3, 0.2,
]

const accountsSchema = z
  .strictObject({
    free: nonNegative.max(1).default(0.6),
    paid: nonNegative.max(1).default(0.38),
    government: nonNegative.max(1).default(0.02),
    paidOptInRegions: z.array(regionIdSchema).max(REGION_IDS.length).default(['US', 'CA', 'EU']),
  })
  .prefault({})

const routingSchema = z
  .strictObject({
    primaryAttempts: z.number().int().min(1).max(20).default(3),
    secondaryPicks: z.number().int().min(1).max(10).default(2),
    failureCurve: z
      .strictObject({
        thresholdUtilisation: probability.default(0.85),
        maxFailureProbability: probability.default(0.6),
        exponent: finite.positive().max(10).default(2),
      })
      .prefault({}),
  })
  .prefault({})

const keysSchema = z
  .strictObject({
    concernJurisdictions: z.array(z.string().min(2).max(8)).max(30).default(['CN']),
  })
  .prefault({})

/** Longest run, in days. */
export const MAX_DAYS = 120

/** The scenario file schema. Every field is documented in README.md and scenario.schema.json. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: idSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  /** First simulated day, UTC midnight. */
  startDate: isoDateSchema,
  days: finite.positive().max(MAX_DAYS),
  stepMinutes: z.number().int().min(5).max(1440).default(60),
  seed: seedSchema.default(1),
  policy: policyIdSchema,
  world: z.union([z.literal('zoom-2020'), worldSchema]).default('zoom-2020'),
  /** Multiplies every site's capacity (capacity added or removed); overrides stay absolute. */
  capacityMultiplier: finite.positive().max(100).default(1),
  population: z
    .strictObject({ countries: z.array(countryCodeSchema).min(1).max(300).optional() })
    .prefault({}),
  siteOverrides: z
    .array(
      z.strictObject({
        siteId: idSchema,
        capacityParticipants: capacitySchema.optional(),
        isDown: z.boolean().optional(),
      }),
    )
    .max(500)
    .default([]),
  demand: z.strictObject({
    /** Daily meeting participants (real, unscaled) at dates; linear in between, flat outside. */
    dailyParticipants: z
      .array(
        z.strictObject({
          date: isoDateSchema,
          participants: finite.positive().max(1e11),
          provenance: provenanceSchema.default(ASSUMED),
        }),
      )
      .min(1)
      .max(1000),
    /** Simulated participants per real participant, e.g. 0.0005 for 1 in 2,000. */
    scale: finite.positive().max(1),
    surgeMultiplier: finite.positive().max(100).default(1),
    dailyCurveLocal: z.array(nonNegative.max(1000)).length(24).default(DAILY_CURVE),
    weekendFactor: probability.default(0.35),
    meanParticipants: finite.min(1).max(1000).default(3.2),
    maxParticipants: z.number().int().min(1).max(1000).default(50),
    crossBorderShare: probability.default(0.12),
    duration: z
      .strictObject({
        distribution: z.enum(['exponential', 'lognormal']).default('lognormal'),
        meanMinutes: finite
          .positive()
          .max(24 * 60)
          .default(40),
        sigma: finite.positive().max(4).default(0.8),
      })
      .prefault({}),
  }),
  accounts: accountsSchema,
  routing: routingSchema,
  keys: keysSchema,
  timeline: z.array(timelineEventSchema).max(1000).default([]),
  incidentLogLimit: z.number().int().min(0).max(100_000).default(2000),
  /** Sources of the scenario's numbers, by dotted path; anything not listed is an assumption. */
  provenance: z.record(z.string(), provenanceSchema).default({}),
})

/**
 * The defaults of the optional sections a run's settings show (account shares and opt-in
 * regions, routing, jurisdictions of concern), read from the schema, their one home.
 */
export const SECTION_DEFAULTS = {
  accounts: accountsSchema.parse(undefined),
  routing: routingSchema.parse(undefined),
  keys: keysSchema.parse(undefined),
} as const
