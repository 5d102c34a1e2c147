/**
 * Scenario files: parsing against the schema (scenario-schema.ts) with errors that name the
 * path, and resolution into the plain, fully defaulted form the engine runs. A scenario plus a
 * seed determines a run.
 */
import { z } from './zod'
import type { PolicyId, RegionId, TimelineEvent, World, ACCOUNT_KINDS } from './model'
import { utcDayMs, utcTimeMs } from './dates'
import { worldOf } from './scenario-world'
import { withVisibleText } from './display-text'
import { findJsonError, lineAndColumn } from './json-position'
import { estimateRun, runSizeProblem } from './run-size'
import { scenarioSchema } from './scenario-schema'

/** Largest scenario text accepted, in bytes (UTF-16 code units). */
export const MAX_SCENARIO_BYTES = 2_000_000

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

/** A zod issue path as the errors show it: `demand.scale`, `timeline[2].siteId`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(top level)' : out
}

/** Every issue of a failed zod parse, with its path. */
export function issueErrors(error: z.ZodError): ScenarioError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
}

/**
 * JSON text of a file (a scenario, a briefing) as data, or one error at `(file)`: over `maxBytes`,
 * or not JSON (with the line and column of the first problem). Never throws.
 */
export function readJsonText(
  text: string,
  maxBytes: number,
  plural: string,
):
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] } {
  if (text.length > maxBytes) {
    const message = `the file is ${(text.length / 1e6).toFixed(1)} MB; ${plural} are limited to ${maxBytes / 1e6} MB`
    return { ok: false, errors: [{ path: '(file)', message }] }
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown }
  } catch (error) {
    const found = findJsonError(text)
    const message = found
      ? `not valid JSON (${lineAndColumn(text, found.offset)}): ${found.reason}`
      : `not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    return { ok: false, errors: [{ path: '(file)', message }] }
  }
}

/**
 * Parses scenario JSON text. Never throws: invalid JSON, a file over {@link MAX_SCENARIO_BYTES},
 * a schema violation or a reference to an unknown site comes back as errors naming the path.
 */
export function parseScenarioText(text: string): ParseResult {
  const read = readJsonText(text, MAX_SCENARIO_BYTES, 'scenarios')
  return read.ok ? parseScenario(read.data) : read
}

/** Validates already-parsed JSON data as a scenario. Never throws. */
export function parseScenario(data: unknown): ParseResult {
  const result = scenarioSchema.safeParse(data)
  if (!result.success) {
    return { ok: false, errors: issueErrors(result.error) }
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
  for (const e of scenario.timeline) timeline.push(eventAt(e, toMinutes(e.at)))
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

/** A file's timeline event at its minute of the run, fields in the engine's order. */
function eventAt(e: Scenario['timeline'][number], atMinutes: number): TimelineEvent {
  const label = e.label === undefined ? {} : { label: e.label }
  if (e.kind === 'policy') return { kind: e.kind, atMinutes, policy: e.policy, ...label }
  if (e.kind === 'list-correction') return { kind: e.kind, atMinutes, ...label }
  const { siteId } = e
  if (e.kind === 'capacity')
    return {
      kind: e.kind,
      atMinutes,
      siteId,
      capacityParticipants: e.capacityParticipants,
      ...label,
    }
  return { kind: e.kind, atMinutes, siteId, ...label }
}

/** JSON Schema of the scenario file (input form, defaults shown), for editors and docs. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' })
}

/** Changes the dashboard's settings (or a briefing chapter's) make to a scenario. */
export interface ScenarioChanges {
  readonly surgeMultiplier?: number
  readonly accounts?: { readonly free: number; readonly paid: number; readonly government: number }
  /** Site changes by site id: switched off and/or resized (real concurrent participants). */
  readonly siteOverrides?: Readonly<
    Record<string, { readonly isDown?: boolean; readonly capacityParticipants?: number }>
  >
}

/**
 * A scenario with settings applied: the surge multiplier, the account mix, and site changes,
 * sorted by site id so the same changes made in another order give the same scenario and hash.
 * The one place the dashboard and briefing chapters turn settings into a scenario. Pure.
 */
export function withScenarioChanges(base: ScenarioInput, changes: ScenarioChanges): ScenarioInput {
  const sites = changes.siteOverrides ?? {}
  const changed = Object.keys(sites).sort()
  return {
    ...base,
    ...(changed.length === 0
      ? {}
      : {
          siteOverrides: [
            ...(base.siteOverrides ?? []).filter((o) => !changed.includes(o.siteId)),
            ...changed.map((siteId) => ({ siteId, ...sites[siteId] })),
          ],
        }),
    ...(changes.surgeMultiplier === undefined
      ? {}
      : { demand: { ...base.demand, surgeMultiplier: changes.surgeMultiplier } }),
    ...(changes.accounts === undefined
      ? {}
      : { accounts: { ...base.accounts, ...changes.accounts } }),
  }
}
