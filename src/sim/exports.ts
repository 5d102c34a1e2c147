/**
 * Every file a run can be taken away as, in one place, so the app's downloads and the command
 * line write the same bytes: the incident log and the per-step series as CSV, the scenario and
 * the run's results as JSON. Pure text formatting: no DOM, no files (the app saves the text
 * through the browser, the CLI prints it or writes a file). Deterministic: the same run gives
 * the same text.
 */
import { figuresAt } from './briefing-figures'
import type { FigureStep } from './briefing-figures'
import { utcDayMs, utcTimeMs } from './dates'
import { METRICS, STEP_METRIC_NAMES, TOTAL_METRIC_NAMES, metricSpec } from './metrics'
import type { StepMetrics } from './metrics'
import type { RunResult, World } from './model'
import { BANDED_METRIC_NAMES, INTERVAL_METHOD, REPLICATED_METRIC_NAMES } from './replications'
import type { ReplicatedMetricName, ReplicationSet } from './replications'
import type { ScenarioInput } from './scenario'

/** A value of one CSV cell: text is guarded against spreadsheet formulas, numbers are not. */
export type CsvValue = string | number | boolean

// A spreadsheet runs a cell that starts with one of these as a formula (full-width forms too).
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula gets a leading ' and
 * quotes, so opening the export never executes a name from an imported file. Numbers we
 * computed are written as they are.
 */
export function csvCell(value: CsvValue): string {
  const text = String(value)
  const isFormula = typeof value === 'string' && FORMULA_START.test(text)
  const safe = isFormula ? `'${text}` : text
  return isFormula || /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** RFC 4180 text: the header, then one line per row, every line ended by CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('')
}

/** ISO 8601 UTC time (milliseconds, `Z`) of a run's minute `minutes` after its start date. */
function isoAt(startDate: string, minutes: number): string {
  return new Date(utcDayMs(startDate) + minutes * 60_000).toISOString()
}

const INCIDENT_HEADER = [
  'seq',
  'time_utc',
  'meeting',
  'account',
  'host_city',
  'participant_city',
  'participant_country',
  'first_primary_site',
  'primary_attempts',
  'primary_failure',
  'connected_site',
  'key_site',
  'key_jurisdiction',
  'cross_border',
  'concern',
  'meeting_participants',
  'meeting_countries',
  'cause',
] as const

/**
 * The incident log as RFC 4180 CSV, one row per logged exposure, times in UTC ISO form; cities
 * and key jurisdictions named from `world` (the run's resolved world).
 */
export function incidentsCsv(
  result: Pick<RunResult, 'startDate' | 'incidents'>,
  world: Pick<World, 'cities' | 'sites'>,
): string {
  const cities = new Map(world.cities.map((c) => [c.id, c]))
  const sites = new Map(world.sites.map((s) => [s.id, s]))
  const rows = result.incidents.map((i) => [
    i.seq,
    isoAt(result.startDate, i.timeMinutes),
    i.meetingId,
    i.account,
    cities.get(i.hostCityId)?.name ?? i.hostCityId,
    cities.get(i.participantCityId)?.name ?? i.participantCityId,
    cities.get(i.participantCityId)?.country ?? '',
    i.firstPrimarySiteId,
    i.primaryAttempts,
    i.primaryFailure,
    i.connectedSiteId,
    i.keySiteId,
    sites.get(i.keySiteId)?.jurisdiction ?? '',
    i.isCrossBorder,
    i.isConcern,
    i.meetingParticipants,
    i.meetingCountries.join(' '),
    i.cause,
  ])
  return csvText(INCIDENT_HEADER, rows)
}

/** What the step series needs of a step record: its start and the table's per-step figures. */
export type StepSeriesRecord = StepMetrics & { readonly startMinutes: number }

/** Name of the step series' first column: the step's start, ISO 8601 UTC. */
export const STEP_START_COLUMN = 'step_start_utc'

/** Header of a metric's column in the step series: its name and, in brackets, its unit. */
export function stepColumnName(name: string, unit: string): string {
  return `${name} (${unit})`
}

/**
 * The per-step series as RFC 4180 CSV: one row per step, first the step's start (UTC ISO time
 * from the run's `startDate`), then one column per per-step metric of {@link METRICS}, in table
 * order, its unit in the header. Written from the table, so a new metric appears by itself.
 */
export function stepSeriesCsv(startDate: string, steps: readonly StepSeriesRecord[]): string {
  const metrics = METRICS.filter((m) => m.isStep)
  const header = [STEP_START_COLUMN, ...metrics.map((m) => stepColumnName(m.name, m.unit))]
  const rows = steps.map((s) => [
    isoAt(startDate, s.startMinutes),
    ...STEP_METRIC_NAMES.map((name) => s[name]),
  ])
  return csvText(header, rows)
}

/** What the results JSON is made of: a finished run, as the engine or the worker's summary has it. */
export type ResultsSource = Pick<
  RunResult,
  | 'scenarioId'
  | 'seed'
  | 'initialPolicy'
  | 'engineVersion'
  | 'hash'
  | 'totals'
  | 'exposurePairs'
  | 'sites'
>

/** The figures at one time of a run, by metric name: the results JSON's `at` part. */
export interface ResultsAt {
  /** The time asked for, as given (UTC to the minute). */
  readonly time: string
  /** The step holding that time, as recorded. */
  readonly step: StepMetrics
  /** The run from its start to the end of that step, combined by the metric table's rules. */
  readonly upTo: StepMetrics
}

/**
 * The figures of the step holding `time` (a valid UTC time) and of the run up to the end of that
 * step, computed as a briefing chapter's figures are (`figuresAt`); null for a time outside the run.
 */
export function resultsAt(
  time: string,
  run: Pick<RunResult, 'startDate' | 'days'>,
  steps: readonly FigureStep[],
): ResultsAt | null {
  const minutes = (utcTimeMs(time) - utcDayMs(run.startDate)) / 60_000
  const at = figuresAt(steps, run.days * 1440, minutes)
  return at && { time, step: at.step, upTo: at.upTo }
}

/**
 * The run's results as one JSON object (one line, no trailing newline), as `npm run sim --
 * --json` prints it and the app downloads it: identity (scenario, seed, policy, engine version,
 * hash), every whole-run metric of {@link METRICS} in table order, the exposures by participant
 * jurisdiction and key jurisdiction, and each site's peak utilisation (0..1, above 1 after a
 * capacity cut); with `at` (see {@link resultsAt}), also the figures at that time.
 */
export function resultsJson(result: ResultsSource, at?: ResultsAt): string {
  return JSON.stringify({
    scenario: result.scenarioId,
    seed: result.seed,
    policy: result.initialPolicy,
    engineVersion: result.engineVersion,
    hash: result.hash,
    totals: Object.fromEntries(TOTAL_METRIC_NAMES.map((name) => [name, result.totals[name]])),
    exposuresByJurisdiction: result.exposurePairs.map((p) => ({
      from: p.originJurisdiction,
      keyIn: p.keyJurisdiction,
      deliveries: p.deliveries,
    })),
    sitePeakUtilisation: Object.fromEntries(result.sites.map((s) => [s.siteId, s.peakUtilisation])),
    ...(at === undefined ? {} : { at }),
  })
}

/** A scenario as a file `npm run sim -- file.json` and the app's import read: indented JSON. */
export function scenarioJson(scenario: ScenarioInput): string {
  return JSON.stringify(scenario, null, 2)
}

/** The common start of a run's file names: scenario, seed and policy, e.g. `x-seed1-geofenced`. */
export function runFileStem(scenarioId: string, seed: number, policy: string): string {
  return `${scenarioId}-seed${seed}-${policy}`
}

/** Who ran a set of replications: what its JSON names besides the figures. */
export interface ReplicationsIdentity {
  readonly scenarioId: string
  readonly engineVersion: string
  /** The seed replication 0 ran on; the others' are derived from it (`replicationSeeds`). */
  readonly baseSeed: number
  readonly policy: string
}

/**
 * A set of replications as one JSON object (one line, no trailing newline), as `npm run sim --
 * --replications N --json` prints it and the app downloads it: identity, the number of
 * replications (`replicationCount`), the interval method ({@link INTERVAL_METHOD}), `metrics` with the mean, 95%
 * interval bounds and sample standard deviation of every replicated figure
 * ({@link REPLICATED_METRIC_NAMES}, in that order), and `replications`, by index (0-based,
 * 0 being the single run at the base seed), each with its seed, hash and figures. Nothing in it
 * depends on how many workers ran the replications or in what order they finished.
 */
export function replicationsJson(identity: ReplicationsIdentity, set: ReplicationSet): string {
  const figuresOf = (figures: Readonly<Record<ReplicatedMetricName, number>>) =>
    Object.fromEntries(REPLICATED_METRIC_NAMES.map((name) => [name, figures[name]]))
  return JSON.stringify({
    scenario: identity.scenarioId,
    engineVersion: identity.engineVersion,
    baseSeed: identity.baseSeed,
    policy: identity.policy,
    replicationCount: set.replications.length,
    method: INTERVAL_METHOD,
    metrics: Object.fromEntries(
      REPLICATED_METRIC_NAMES.map((name) => {
        const { mean, lower, upper, sd } = set.figures[name]
        return [name, { mean, lower, upper, sd }]
      }),
    ),
    replications: set.replications.map((r) => ({
      index: r.index,
      seed: r.seed,
      hash: r.hash,
      figures: figuresOf(r.figures),
    })),
  })
}

/** Suffixes of a banded metric's three columns in the band CSV, in column order. */
export const BAND_COLUMN_SUFFIXES = ['mean', 'lower', 'upper'] as const

/**
 * The replications' per-step bands as RFC 4180 CSV: one row per step, first the step's start
 * (UTC ISO time from `startDate`, steps of `stepMinutes`), then for each banded metric
 * ({@link BANDED_METRIC_NAMES}, in order) its mean, lower and upper bound of the 95% interval,
 * headed `<name>_mean (<unit>)` and so on, as the step series names its columns.
 */
export function replicationBandsCsv(
  startDate: string,
  stepMinutes: number,
  set: Pick<ReplicationSet, 'bands'>,
): string {
  const bands = BANDED_METRIC_NAMES.map((name) => ({ name, band: set.bands[name] }))
  const header = [
    STEP_START_COLUMN,
    ...bands.flatMap(({ name }) =>
      BAND_COLUMN_SUFFIXES.map((suffix) =>
        stepColumnName(`${name}_${suffix}`, metricSpec(name).unit),
      ),
    ),
  ]
  const steps = Math.max(0, ...bands.map(({ band }) => band.mean.length))
  const rows = Array.from({ length: steps }, (_, i) => [
    isoAt(startDate, i * stepMinutes),
    ...bands.flatMap(({ band }) => BAND_COLUMN_SUFFIXES.map((suffix) => band[suffix][i] ?? 0)),
  ])
  return csvText(header, rows)
}
