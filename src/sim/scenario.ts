/**
 * Scenario files: the zod schema, parsing with errors that name the path, and resolution into
 * the plain, fully defaulted form the engine runs. A scenario plus a seed determines a run.
 */
import { z } from 'zod'
import { POLICY_IDS, REGION_IDS } from './model'
import type { PolicyId, RegionId, TimelineEvent, World, ACCOUNT_KINDS } from './model'
import { isoDateSchema, isoTimeSchema, utcDayMs, utcTimeMs } from './dates'
import { worldOf } from './demand'
import { withVisibleText } from './display-text'
import { findJsonError } from './json-position'
import { SEED_MAX } from './random'
import { estimateRun, runSizeProblem } from './run-size'
import {
  ASSUMED,
  countryCodeSchema,
  finite,
  idSchema,
  nonNegative,
  provenanceSchema,
  regionIdSchema,
  worldSchema,
} from './world-schema'

/** Largest scenario text accepted, in bytes (UTF-16 code units). */
export const MAX_SCENARIO_BYTES = 2_000_000

const probability = finite.min(0).max(1)
const policyId = z.enum(POLICY_IDS)

const timelineEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('outage'),
    at: isoTimeSchema,
    siteId: idSchema,
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('restore'),
    at: isoTimeSchema,
    siteId: idSchema,
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('capacity'),
    at: isoTimeSchema,
    siteId: idSchema,
    capacityParticipants: nonNegative.max(1e10),
    label: z.string().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('policy'),
    at: isoTimeSchema,
    policy: policyId,
    label: z.string().max(200).optional(),
  }),
  z
    .strictObject({
      kind: z.literal('list-correction'),
      at: isoTimeSchema,
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
  id: idSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  /** First simulated day, UTC midnight. */
  startDate: isoDateSchema,
  days: finite.positive().max(120),
  stepMinutes: z.number().int().min(5).max(1440).default(60),
  seed: z.number().int().min(0).max(SEED_MAX).default(1),
  policy: policyId,
  world: z.union([z.literal('zoom-2020'), worldSchema]).default('zoom-2020'),
  /** Multiplies every site's capacity (capacity added or removed); overrides stay absolute. */
  capacityMultiplier: finite.positive().max(100).default(1),
  population: z
    .strictObject({ countries: z.array(countryCodeSchema).min(1).max(300).optional() })
    .default({}),
  siteOverrides: z
    .array(
      z.strictObject({
        siteId: idSchema,
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
      paidOptInRegions: z.array(regionIdSchema).max(REGION_IDS.length).default(['US', 'CA', 'EU']),
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
  const start = utcDayMs(scenario.startDate)
  const end = start + scenario.days * 86_400_000
  scenario.timeline.forEach((e, i) => {
    const t = utcTimeMs(e.at)
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
  const tooBig = runSizeProblem(estimateRun(scenario))
  if (tooBig) errors.push(tooBig)
  return errors
}

/** Resolves a validated scenario for the engine: world, filtered population, minute times. */
export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const base = worldOf(scenario)
  const countries = scenario.population.countries
  const overrides = new Map(scenario.siteOverrides.map((o) => [o.siteId, o]))
  const startMs = utcDayMs(scenario.startDate)
  const endMs = startMs + scenario.days * 86_400_000
  // A site that opens only after the run ends plays no part in it (Singapore, August 2020).
  const opensAfterRun = (openFrom: string | undefined): boolean =>
    openFrom !== undefined && utcDayMs(openFrom) >= endMs
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
  const toMinutes = (at: string): number => (utcTimeMs(at) - startMs) / 60_000
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
