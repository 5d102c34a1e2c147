/**
 * Scenario files: the zod schema, parsing with errors that name the path, and resolution into
 * the plain, fully defaulted form the engine runs. A scenario plus a seed determines a run.
 */
import { z } from 'zod'
import { POLICY_IDS, REGION_IDS } from './model'
import type { PolicyId, Provenance, RegionId, TimelineEvent, World, ACCOUNT_KINDS } from './model'
import { withVisibleText } from './display-text'
import { findJsonError } from './json-position'
import { WORLD_2020 } from './presets/world-2020'

/** Largest scenario text accepted, in bytes (UTF-16 code units). */
export const MAX_SCENARIO_BYTES = 2_000_000
/** Largest number of simulated participant joins a scenario may ask for (estimate). */
export const MAX_ESTIMATED_JOINS = 150_000_000

const finite = z.number()
const nonNegative = finite.nonnegative()
const probability = finite.min(0).max(1)
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date')
const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/,
    'expected a UTC time as YYYY-MM-DDTHH:MMZ (or a date YYYY-MM-DD)',
  )
  .refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)), 'not a time')
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a kebab-case id (a-z, 0-9, -)')
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code like US')
const regionId = z.enum(REGION_IDS)
const policyId = z.enum(POLICY_IDS)

const provenanceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sourced'),
    ref: z.string().max(2000),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ kind: z.literal('assumption'), note: z.string().max(2000) }),
])

const assumed: Provenance = { kind: 'assumption', note: 'defined in the scenario file' }

const worldSchema = z.strictObject({
  id,
  regions: z
    .array(
      z.strictObject({
        id: regionId,
        name: z.string().max(100),
        secondaryRegions: z.array(regionId).max(REGION_IDS.length),
        provenance: provenanceSchema.default(assumed),
      }),
    )
    .min(1)
    .max(REGION_IDS.length),
  sites: z
    .array(
      z.strictObject({
        id,
        city: z.string().max(100),
        country: countryCode,
        jurisdiction: z.string().min(2).max(8),
        region: regionId,
        lat: finite.min(-90).max(90),
        lon: finite.min(-180).max(180),
        capacityParticipants: nonNegative.max(1e10),
        distributesKeys: z.boolean(),
        openFrom: isoDate.optional(),
        provenance: provenanceSchema.default(assumed),
      }),
    )
    .min(1)
    .max(500),
  cities: z
    .array(
      z.strictObject({
        id,
        name: z.string().max(100),
        country: countryCode,
        region: regionId,
        lat: finite.min(-90).max(90),
        lon: finite.min(-180).max(180),
        weight: finite.positive().max(1e9),
        utcOffsetHours: finite.min(-12).max(14),
        provenance: provenanceSchema.default(assumed),
      }),
    )
    .min(1)
    .max(5000),
  jurisdictionOfCountry: z.record(z.string(), z.string().max(8)).default({}),
})

const timelineEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('outage'),
    at: isoDateTime,
    siteId: id,
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('restore'),
    at: isoDateTime,
    siteId: id,
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('capacity'),
    at: isoDateTime,
    siteId: id,
    capacityParticipants: nonNegative.max(1e10),
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('policy'),
    at: isoDateTime,
    policy: policyId,
    label: z.string().max(200).optional(),
  }),
  z
    .strictObject({
      kind: z.literal('list-correction'),
      at: isoDateTime,
      label: z.string().max(200).optional(),
    })
    .describe(
      'The backup lists are corrected (the 3 April 2020 fix): the China data centers leave the lists that held them by mistake. The policy stays; a policy that never listed China is untouched.',
    ),
])

/** Default shape of meeting starts over a local day, per hour (mean 1): working hours peak. */
export const DEFAULT_DAILY_CURVE = [
  0.12, 0.08, 0.06, 0.06, 0.08, 0.2, 0.5, 1.1, 1.9, 2.3, 2.3, 2.0, 1.6, 1.9, 2.2, 2.1, 1.8, 1.3,
  0.8, 0.6, 0.5, 0.4, 0.3, 0.2,
]

/** The scenario file schema. Every field is documented in README.md and scenario.schema.json. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  /** First simulated day, UTC midnight. */
  startDate: isoDate,
  days: finite.positive().max(120),
  stepMinutes: z.number().int().min(5).max(1440).default(60),
  seed: z.number().int().min(0).max(4294967295).default(1),
  policy: policyId,
  world: z.union([z.literal('zoom-2020'), worldSchema]).default('zoom-2020'),
  /** Multiplies every site's capacity (capacity added or removed); overrides stay absolute. */
  capacityMultiplier: finite.positive().max(100).default(1),
  population: z
    .strictObject({ countries: z.array(countryCode).min(1).max(300).optional() })
    .default({}),
  siteOverrides: z
    .array(
      z.strictObject({
        siteId: id,
        capacityParticipants: nonNegative.max(1e10).optional(),
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
          date: isoDate,
          participants: finite.positive().max(1e11),
          provenance: provenanceSchema.default(assumed),
        }),
      )
      .min(1)
      .max(1000),
    /** Simulated participants per real participant, e.g. 0.0005 for 1 in 2,000. */
    scale: finite.positive().max(1),
    surgeMultiplier: finite.positive().max(100).default(1),
    dailyCurveLocal: z.array(nonNegative.max(1000)).length(24).default(DEFAULT_DAILY_CURVE),
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
      .default({ distribution: 'lognormal', meanMinutes: 40, sigma: 0.8 }),
  }),
  accounts: z
    .strictObject({
      free: nonNegative.max(1).default(0.6),
      paid: nonNegative.max(1).default(0.38),
      government: nonNegative.max(1).default(0.02),
      paidOptInRegions: z.array(regionId).max(REGION_IDS.length).default(['US', 'CA', 'EU']),
    })
    .default({ free: 0.6, paid: 0.38, government: 0.02, paidOptInRegions: ['US', 'CA', 'EU'] }),
  routing: z
    .strictObject({
      primaryAttempts: z.number().int().min(1).max(20).default(3),
      secondaryPicks: z.number().int().min(1).max(10).default(2),
      failureCurve: z
        .strictObject({
          thresholdUtilisation: probability.default(0.85),
          maxFailureProbability: probability.default(0.6),
          exponent: finite.positive().max(10).default(2),
        })
        .default({ thresholdUtilisation: 0.85, maxFailureProbability: 0.6, exponent: 2 }),
    })
    .default({
      primaryAttempts: 3,
      secondaryPicks: 2,
      failureCurve: { thresholdUtilisation: 0.85, maxFailureProbability: 0.6, exponent: 2 },
    }),
  keys: z
    .strictObject({
      concernJurisdictions: z.array(z.string().min(2).max(8)).max(30).default(['CN']),
    })
    .default({ concernJurisdictions: ['CN'] }),
  timeline: z.array(timelineEventSchema).max(1000).default([]),
  incidentLogLimit: z.number().int().min(0).max(100_000).default(2000),
  /** Sources of the scenario's numbers, by dotted path; anything not listed is an assumption. */
  provenance: z.record(z.string(), provenanceSchema).default({}),
})

/** A scenario file as written (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>

/** One problem found in a scenario, at a dotted path such as `demand.scale` or `timeline[2].siteId`. */
export interface ScenarioError {
  readonly path: string
  readonly message: string
}

/** Outcome of parsing: the scenario, or every problem found. */
export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] }

/** A scenario ready to run: the world resolved, the population filtered, times in minutes. */
export interface ResolvedScenario {
  readonly scenario: Scenario
  readonly world: World
  readonly startMs: number
  readonly durationMinutes: number
  readonly timeline: TimelineEvent[]
  readonly initialPolicy: PolicyId
  readonly accountShares: Readonly<Record<(typeof ACCOUNT_KINDS)[number], number>>
  readonly paidOptInRegions: readonly RegionId[]
  /** Sum of the city weights of the unfiltered world: a filtered population keeps its demand. */
  readonly baseCityWeight: number
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(top level)' : out
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/**
 * Parses scenario JSON text. Never throws: invalid JSON, a file over {@link MAX_SCENARIO_BYTES},
 * a schema violation or a reference to an unknown site comes back as errors naming the path.
 */
export function parseScenarioText(text: string): ParseResult {
  if (text.length > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      errors: [
        {
          path: '(file)',
          message: `the file is ${(text.length / 1e6).toFixed(1)} MB; scenarios are limited to ${MAX_SCENARIO_BYTES / 1e6} MB`,
        },
      ],
    }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const found = findJsonError(text)
    const message = found
      ? `not valid JSON (${lineAndColumn(text, found.offset)}): ${found.reason}`
      : `not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    return { ok: false, errors: [{ path: '(file)', message }] }
  }
  return parseScenario(data)
}

/** Validates already-parsed JSON data as a scenario. Never throws. */
export function parseScenario(data: unknown): ParseResult {
  const result = scenarioSchema.safeParse(data)
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }))
    return { ok: false, errors }
  }
  // Names from a file are shown and exported: hidden and direction-changing characters in them
  // are made visible here, once, for every view, the CSV and the CLI.
  const scenario = withVisibleText(result.data)
  const errors = checkReferences(scenario)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario }
}

function worldOf(scenario: Scenario): World {
  return scenario.world === 'zoom-2020' ? WORLD_2020 : scenario.world
}

function checkReferences(scenario: Scenario): ScenarioError[] {
  const world = worldOf(scenario)
  const errors: ScenarioError[] = []
  const siteIds = new Set(world.sites.map((s) => s.id))
  const known = (path: string, siteId: string): void => {
    if (!siteIds.has(siteId)) {
      errors.push({
        path,
        message: `unknown site id "${siteId}"; known: ${[...siteIds].join(', ')}`,
      })
    }
  }
  scenario.siteOverrides.forEach((o, i) => known(`siteOverrides[${i}].siteId`, o.siteId))
  scenario.timeline.forEach((e, i) => {
    if ('siteId' in e) known(`timeline[${i}].siteId`, e.siteId)
  })
  if (scenario.world !== 'zoom-2020') {
    const regionIds = new Set(world.regions.map((r) => r.id))
    world.sites.forEach((s, i) => {
      if (!regionIds.has(s.region)) {
        errors.push({
          path: `world.sites[${i}].region`,
          message: `region ${s.region} is not defined in world.regions`,
        })
      }
    })
    world.cities.forEach((c, i) => {
      if (!regionIds.has(c.region)) {
        errors.push({
          path: `world.cities[${i}].region`,
          message: `region ${c.region} is not defined in world.regions`,
        })
      }
    })
    duplicates(world.sites.map((s) => s.id)).forEach((dup) =>
      errors.push({ path: 'world.sites', message: `site id "${dup}" appears more than once` }),
    )
    duplicates(world.cities.map((c) => c.id)).forEach((dup) =>
      errors.push({ path: 'world.cities', message: `city id "${dup}" appears more than once` }),
    )
  }
  const countries = scenario.population.countries
  if (countries) {
    const present = new Set(world.cities.map((c) => c.country))
    countries.forEach((c, i) => {
      if (!present.has(c)) {
        errors.push({
          path: `population.countries[${i}]`,
          message: `no city of the world is in ${c}`,
        })
      }
    })
  }
  const { free, paid, government } = scenario.accounts
  if (!(free + paid + government > 0)) {
    errors.push({
      path: 'accounts',
      message: 'the account shares free + paid + government must be above 0',
    })
  }
  const start = Date.parse(`${scenario.startDate}T00:00:00Z`)
  const end = start + scenario.days * 86_400_000
  scenario.timeline.forEach((e, i) => {
    const t = Date.parse(e.at.length === 10 ? `${e.at}T00:00:00Z` : e.at)
    if (t < start || t > end) {
      errors.push({
        path: `timeline[${i}].at`,
        message: `${e.at} lies outside the run (${scenario.startDate} + ${scenario.days} days)`,
      })
    }
  })
  if (!scenario.demand.dailyCurveLocal.some((v) => v > 0)) {
    errors.push({
      path: 'demand.dailyCurveLocal',
      message: 'at least one hour must have demand above 0',
    })
  }
  const joins = estimateJoins(scenario)
  if (joins > MAX_ESTIMATED_JOINS) {
    errors.push({
      path: 'demand.scale',
      message: `this scenario would simulate about ${Math.round(joins / 1e6)}M participant joins; the limit is ${MAX_ESTIMATED_JOINS / 1e6}M (lower demand.scale, days or surgeMultiplier)`,
    })
  }
  return errors
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const dups = new Set<string>()
  for (const v of values) {
    if (seen.has(v)) dups.add(v)
    seen.add(v)
  }
  return [...dups]
}

/** Daily participants (real, unscaled) on a UTC day, interpolated linearly between points. */
export function dailyParticipantsAt(scenario: Scenario, dayMs: number): number {
  const points = scenario.demand.dailyParticipants
    .map((p) => ({ t: Date.parse(`${p.date}T00:00:00Z`), v: p.participants }))
    .sort((a, b) => a.t - b.t)
  const first = points[0]
  if (!first) return 0
  if (dayMs <= first.t) return first.v
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { t: number; v: number }
    const b = points[i] as { t: number; v: number }
    if (dayMs <= b.t) return a.v + ((b.v - a.v) * (dayMs - a.t)) / (b.t - a.t)
  }
  return (points[points.length - 1] as { v: number }).v
}

/**
 * Rough number of simulated participant joins the scenario asks for, used to refuse a run that
 * would take too long before it starts.
 */
export function estimateJoins(scenario: Scenario): number {
  const world = worldOf(scenario)
  const allWeight = world.cities.reduce((s, c) => s + c.weight, 0)
  const countries = scenario.population.countries
  const keptWeight = countries
    ? world.cities.filter((c) => countries.includes(c.country)).reduce((s, c) => s + c.weight, 0)
    : allWeight
  const start = Date.parse(`${scenario.startDate}T00:00:00Z`)
  let total = 0
  const wholeDays = Math.ceil(scenario.days)
  for (let d = 0; d < wholeDays; d++) {
    const share = Math.min(1, scenario.days - d)
    total += dailyParticipantsAt(scenario, start + d * 86_400_000) * share
  }
  return (total * scenario.demand.scale * scenario.demand.surgeMultiplier * keptWeight) / allWeight
}

/** Resolves a validated scenario for the engine: world, filtered population, minute times. */
export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const base = worldOf(scenario)
  const countries = scenario.population.countries
  const overrides = new Map(scenario.siteOverrides.map((o) => [o.siteId, o]))
  const startMs = Date.parse(`${scenario.startDate}T00:00:00Z`)
  const endMs = startMs + scenario.days * 86_400_000
  // A site that opens only after the run ends plays no part in it (Singapore, August 2020).
  const opensAfterRun = (openFrom: string | undefined): boolean =>
    openFrom !== undefined && Date.parse(`${openFrom}T00:00:00Z`) >= endMs
  const world: World = {
    ...base,
    sites: base.sites
      .filter((s) => !opensAfterRun(s.openFrom))
      .map((s) => {
        const o = overrides.get(s.id)
        const capacityParticipants =
          o?.capacityParticipants ?? s.capacityParticipants * scenario.capacityMultiplier
        return capacityParticipants === s.capacityParticipants ? s : { ...s, capacityParticipants }
      }),
    cities: countries ? base.cities.filter((c) => countries.includes(c.country)) : base.cities,
  }
  const toMinutes = (at: string): number =>
    (Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at) - startMs) / 60_000
  const timeline: TimelineEvent[] = []
  for (const o of scenario.siteOverrides) {
    if (o.isDown)
      timeline.push({
        kind: 'outage',
        atMinutes: 0,
        siteId: o.siteId,
        label: 'down from the start',
      })
  }
  for (const e of scenario.timeline) {
    const atMinutes = toMinutes(e.at)
    if (e.kind === 'policy')
      timeline.push({ kind: 'policy', atMinutes, policy: e.policy, ...labelOf(e.label) })
    else if (e.kind === 'list-correction')
      timeline.push({ kind: 'list-correction', atMinutes, ...labelOf(e.label) })
    else if (e.kind === 'capacity')
      timeline.push({
        kind: 'capacity',
        atMinutes,
        siteId: e.siteId,
        capacityParticipants: e.capacityParticipants,
        ...labelOf(e.label),
      })
    else timeline.push({ kind: e.kind, atMinutes, siteId: e.siteId, ...labelOf(e.label) })
  }
  // Stable sort: events at the same minute keep the file's order.
  timeline.sort((a, b) => a.atMinutes - b.atMinutes)
  const { free, paid, government } = scenario.accounts
  const sum = free + paid + government
  return {
    scenario,
    world,
    startMs,
    durationMinutes: scenario.days * 1440,
    timeline,
    initialPolicy: scenario.policy,
    accountShares: { free: free / sum, paid: paid / sum, government: government / sum },
    paidOptInRegions: scenario.accounts.paidOptInRegions,
    baseCityWeight: base.cities.reduce((sum, c) => sum + c.weight, 0),
  }
}

function labelOf(label: string | undefined): { label?: string } {
  return label === undefined ? {} : { label }
}

/** JSON Schema of the scenario file (input form, defaults shown), for editors and docs. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' })
}

/** Choices a run makes without editing its scenario (the engine's RunOptions). */
export interface RunChoices {
  readonly seed?: number
  readonly policy?: PolicyId
  readonly holdPolicy?: boolean
}

/**
 * Whether a run with these choices keeps a timeline event of the given kind. The scenario's own
 * `policy` events belong to the run of its own policy: a chosen other policy replaces that
 * history. A `list-correction` applies to whichever policy runs. Holding the policy for the whole
 * run leaves out both.
 */
export function keepsTimelineEvent(
  kind: string,
  scenarioPolicy: PolicyId,
  choices: RunChoices,
): boolean {
  if (kind !== 'policy' && kind !== 'list-correction') return true
  if (choices.holdPolicy === true) return false
  return kind !== 'policy' || choices.policy === undefined || choices.policy === scenarioPolicy
}

/**
 * A scenario (as written or validated) with a run's seed and initial policy written in, and the
 * timeline events the run leaves out removed (see {@link keepsTimelineEvent}). Running the result
 * with no options reproduces the run that took these choices as options.
 */
export function withRunChoices<
  T extends {
    readonly policy: PolicyId
    readonly seed?: number
    readonly timeline?: readonly { readonly kind: string }[]
  },
>(scenario: T, choices: RunChoices): T {
  const policy = choices.policy ?? scenario.policy
  const seed = choices.seed ?? scenario.seed
  const timeline = scenario.timeline?.filter((e) =>
    keepsTimelineEvent(e.kind, scenario.policy, choices),
  )
  return {
    ...scenario,
    policy,
    ...(seed === undefined ? {} : { seed }),
    ...(timeline === undefined ? {} : { timeline }),
  }
}
