/**
 * The sim command's arguments and inputs, kept apart from the entry so tests can call them:
 * one parser for options (node:util parseArgs) and one for every number, and the checks that
 * decide what to read (a preset, a regular file, or standard input) before anything is opened.
 */
import { statSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { parseArgs } from 'node:util'
import { minuteTimeSchema } from '../sim/date-schemas'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId } from '../sim/model'
import { PRESET_IDS } from '../sim/presets/scenarios'
import { SEED_MAX } from '../sim/random'
import { INTERVAL_METHOD, MAX_REPLICATIONS, MIN_REPLICATIONS } from '../sim/replications'
import { MAX_DAYS } from '../sim/scenario-schema'

/** The most worker threads --workers accepts. */
export const MAX_WORKERS = 64

/** Usage text, printed by --help and after a usage error. */
export const USAGE = `usage: npm run sim -- <preset | file | -> [--seed N] [--policy NAME] [--hold-policy] [--days D] [--scale S] [--json] [--csv FILE] [--at TIME] [--progress]
       npm run sim -- <preset | file | -> --replications N [--workers W] [--seed N] [--policy NAME] [--hold-policy] [--days D] [--scale S] [--json] [--csv FILE]
  <preset>       a built-in scenario: ${PRESET_IDS.join(', ')}
  <file>         a scenario file (JSON); - or no argument reads one from standard input
  --seed N       seed, a whole number from 0 to ${SEED_MAX}
  --policy NAME  initial policy: ${POLICY_IDS.join(', ')}
  --hold-policy  keep the policy for the whole run (list corrections and policy changes left out)
  --days D       run for D whole days, 1 to ${MAX_DAYS} (timeline events after the end are left out)
  --scale S      simulate S of the real participants, above 0 and at most 1 (demand.scale):
                 --scale 1 is one simulated participant per real one
  --json         print one JSON object instead of the readable summary
  --csv FILE     also write the per-step series to FILE as CSV: one row per step, its start
                 in UTC, then one column per step metric, its unit in the header
  --at TIME      with --json, also the figures of the step holding TIME and of the run up to
                 the end of that step, by metric name; TIME in UTC to the minute: 2020-03-27T14:00Z
  --progress     report progress on standard error even for a short run
  --replications N
                 run N replications (${MIN_REPLICATIONS} to ${MAX_REPLICATIONS}) on seeds derived from the base seed
                 (--seed, else the scenario's; replication 1 is the single run): each figure's
                 mean and ${INTERVAL_METHOD}, and every seed with its
                 hash; --json prints them as one object, --csv FILE writes the per-step bands
  --workers W    worker threads for --replications, 1 to ${MAX_WORKERS} (default: one per core); the
                 output is the same whatever W
  --help, -h     print this help
The run's size and expected time go to standard error; runs expected to take more than a few
seconds report their progress there too.`

/** A problem with the command line: the CLI prints it (and the usage) and exits 2. */
export class UsageError extends Error {}

/** A parseArgs error as a UsageError of one sentence, without its hints about `--` and codes. */
export function usageErrorOf(error: unknown): UsageError {
  const text = error instanceof Error ? error.message : String(error)
  return new UsageError(text.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? text)
}

/** Runs a node:util parseArgs call, turning its errors into one-sentence usage errors. */
export function parsedOrUsageError<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    throw usageErrorOf(error)
  }
}

/**
 * The scenario source of a command's positional arguments: the first, or `-` (standard input)
 * when there is none. Reading a scenario from a terminal would wait for typing, so that is refused.
 */
export function scenarioSourceOf(positionals: readonly string[], isStdinTty: boolean): string {
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`)
  const source = positionals[0] ?? '-'
  if (source === '-' && isStdinTty)
    throw new UsageError(
      'standard input is a terminal: name a preset or a scenario file, or pipe a scenario into -',
    )
  return source
}

/** What to run and how. `source` is a preset id, a file path, or `-` for standard input. */
export interface CliOptions {
  readonly source: string
  readonly seed?: number
  readonly policy?: PolicyId
  readonly days?: number
  /** Replaces the scenario's demand.scale. */
  readonly scale?: number
  readonly isJson: boolean
  /** Where to write the per-step series as CSV, if anywhere. */
  readonly csvPath?: string
  /** A UTC time to the minute whose figures the JSON adds. */
  readonly at?: string
  readonly isPolicyHeld: boolean
  readonly isProgressForced: boolean
  readonly isHelp: boolean
  /** How many replications to run, if any (absent: one run). */
  readonly replications?: number
  /** Worker threads for the replications (absent: one per core). */
  readonly workers?: number
}

/**
 * The one number parser of the command line: decimal digits only (no sign, hex, exponent or
 * fraction), within [min, max], with a message naming the flag.
 */
export function parseWholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max))
    throw new UsageError(
      `${flag} takes a whole number from ${min} to ${max} in decimal digits, not "${text}"`,
    )
  return value
}

/**
 * Parses the arguments (without node and the script). `isStdinTty` says whether standard input
 * is a terminal: reading a scenario from it would wait for typing, so that is refused.
 */
export function parseCliArgs(argv: readonly string[], isStdinTty: boolean): CliOptions {
  const { values, positionals } = parsedOrUsageError(() => parseOptions(argv))
  const isHelp = values.help === true
  // Help needs no scenario, so a terminal on standard input is fine then.
  const source = scenarioSourceOf(positionals, isStdinTty && !isHelp)
  if (values.workers !== undefined && values.replications === undefined)
    throw new UsageError('--workers sets the threads of --replications; give --replications N too')
  if (values.at !== undefined && values.replications !== undefined)
    throw new UsageError(
      '--at gives the figures of one run at a time; it does not combine with --replications',
    )
  const policy = values.policy
  if (policy !== undefined && !(POLICY_IDS as readonly string[]).includes(policy))
    throw new UsageError(`unknown policy "${policy}"; policies: ${POLICY_IDS.join(', ')}`)
  return {
    source,
    ...(values.seed === undefined
      ? {}
      : { seed: parseWholeNumber('--seed', values.seed, 0, SEED_MAX) }),
    ...(values.days === undefined
      ? {}
      : { days: parseWholeNumber('--days', values.days, 1, MAX_DAYS) }),
    ...(values.scale === undefined ? {} : { scale: parseScale(values.scale) }),
    ...(policy === undefined ? {} : { policy: policy as PolicyId }),
    ...(values.csv === undefined ? {} : { csvPath: csvPathOf(values.csv) }),
    ...(values.at === undefined ? {} : { at: minuteTimeOf(values.at) }),
    ...(values.replications === undefined
      ? {}
      : {
          replications: parseWholeNumber(
            '--replications',
            values.replications,
            MIN_REPLICATIONS,
            MAX_REPLICATIONS,
          ),
        }),
    ...(values.workers === undefined
      ? {}
      : { workers: parseWholeNumber('--workers', values.workers, 1, MAX_WORKERS) }),
    isJson: values.json === true,
    isPolicyHeld: values['hold-policy'] === true,
    isProgressForced: values.progress === true,
    isHelp,
  }
}

/** A share of real participants in plain decimal digits: above 0 and at most 1. */
function parseScale(text: string): number {
  const value = /^(0|1)?(\.\d{1,12})?$/.test(text) && text !== '' ? Number(text) : Number.NaN
  if (!(value > 0 && value <= 1))
    throw new UsageError(
      `--scale takes the simulated share of real participants, a decimal above 0 and at most 1 such as 0.001 or 1, not "${text}"`,
    )
  return value
}

function csvPathOf(path: string): string {
  if (path === '' || path.startsWith('-'))
    throw new UsageError(`--csv takes the path of the file to write, not "${path}"`)
  return path
}

function minuteTimeOf(text: string): string {
  if (!minuteTimeSchema.safeParse(text).success)
    throw new UsageError(
      `--at takes a UTC time to the minute such as 2020-03-27T14:00Z, not "${text}"`,
    )
  return text
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      seed: { type: 'string' },
      policy: { type: 'string' },
      days: { type: 'string' },
      scale: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'string' },
      at: { type: 'string' },
      'hold-policy': { type: 'boolean' },
      progress: { type: 'boolean' },
      replications: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * Why `path` cannot be read as a scenario file, or null for a regular file. Looks only at the
 * file's type (stat), so a FIFO or a device is refused without being opened.
 */
export function fileProblem(path: string): string | null {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch {
    return `"${path}" is neither a preset (${PRESET_IDS.join(', ')}) nor a file`
  }
  if (!stats.isFile()) return `${path} is ${kindOf(stats)}, not a scenario file`
  return null
}
