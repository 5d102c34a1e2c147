/**
 * The sweep command's arguments, kept apart from the entry so tests can call them. Numbers and
 * option errors go through sim-args' parsers; ranges, policies and shards through the engine's
 * sweep module, so every refusal is one line naming what was wrong, given before any run starts.
 */
import { parseArgs } from 'node:util'
import { POLICY_IDS } from '../sim/model'
import { PRESET_IDS } from '../sim/presets/scenarios'
import { SEED_MAX } from '../sim/random'
import { DEFAULT_REPLICATIONS, MAX_REPLICATIONS, MIN_REPLICATIONS } from '../sim/replications'
import { MAX_SWEEP_POINTS, MAX_SWEEP_RUNS, SweepError, parseSweepRange } from '../sim/sweep'
import { parseSweepShard } from '../sim/sweep'
import type { SweepAxis, SweepShard } from '../sim/sweep'
import { SWEEP_PARAMETERS } from '../sim/sweep-parameters'
import { UsageError, parseWholeNumber, parsedOrUsageError, scenarioSourceOf } from './sim-args'

/** Most worker threads the command starts. */
const MAX_WORKERS = 256

/** Usage text, printed by --help. */
export const SWEEP_USAGE = `usage: npm run sweep -- <preset | file | -> --param NAME=FROM:TO:STEP [--param ...] [--policies all|P1,P2]
         [--replications N] [--seed S] [--workers W] [--shard I/N] (--csv FILE | --json)
       npm run sweep -- merge FILES... --csv OUT
  <preset>           a built-in scenario: ${PRESET_IDS.join(', ')}
  <file>             a scenario file (JSON); - reads one from standard input
  --param NAME=RANGE a parameter and its values, FROM:TO:STEP in decimals (TO included when a
                     step lands on it) or one VALUE; one or two --param. Parameters:
${SWEEP_PARAMETERS.map((p) => `                       ${p.name.padEnd(19)}${p.label}, ${p.unit}${p.isWhole ? ', whole numbers' : ''}, ${p.isMinExclusive ? 'above' : 'from'} ${p.min} to ${p.max}`).join('\n')}
  --policies LIST    all, or policies separated by commas: ${POLICY_IDS.join(', ')}
                     (default: the scenario's own policy)
  --replications N   runs per grid point and policy, ${MIN_REPLICATIONS} to ${MAX_REPLICATIONS} (default ${DEFAULT_REPLICATIONS})
  --seed S           base seed of every point's replications (default: the scenario's seed)
  --workers W        worker threads, 1 to ${MAX_WORKERS} (default: every core)
  --shard I/N        run only the I-th of N slices of the rows (1-based); merge the shard files
  --csv FILE         write one row per grid point and policy to FILE
  --json             print the sweep as one JSON object
  merge FILES...     merge shard CSVs into exactly what one unsharded run writes
A sweep takes at most ${MAX_SWEEP_POINTS} grid points and ${MAX_SWEEP_RUNS} runs. Progress and, for a
one-parameter sweep, the threshold at which keys from a jurisdiction of concern first appear go
to standard error.`

/** A sweep to run. */
export interface SweepRunOptions {
  readonly command: 'run'
  readonly source: string
  readonly axes: readonly SweepAxis[]
  /** `--policies` as given (resolved against the scenario's own policy once it is read). */
  readonly policies?: string
  readonly replications: number
  readonly seed?: number
  readonly workers?: number
  readonly shard?: SweepShard
  readonly csvPath?: string
  readonly isJson: boolean
}

/** Shard files to merge. */
export interface SweepMergeOptions {
  readonly command: 'merge'
  readonly files: readonly string[]
  readonly csvPath: string
}

/** What the command line asks for. */
export type SweepOptions = SweepRunOptions | SweepMergeOptions | { readonly command: 'help' }

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      param: { type: 'string', multiple: true },
      policies: { type: 'string' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function csvPathOf(path: string | undefined): string | undefined {
  if (path !== undefined && (path === '' || path.startsWith('-')))
    throw new UsageError(`--csv takes the path of the file to write, not "${path}"`)
  return path
}

/** The engine's refusal of a range, policy or shard as a usage error (same sentence). */
function asUsage<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof SweepError) throw new UsageError(error.message)
    throw error
  }
}

/**
 * Parses the arguments (without node and the script). Throws {@link UsageError} with one line.
 * `isStdinTty`: reading a scenario from a terminal would wait for typing, so that is refused.
 */
export function parseSweepArgs(argv: readonly string[], isStdinTty: boolean): SweepOptions {
  const { values, positionals } = parsedOrUsageError(() => parseOptions(argv))
  if (values.help === true) return { command: 'help' }
  const csvPath = csvPathOf(values.csv)
  if (positionals[0] === 'merge') {
    const files = positionals.slice(1)
    if (files.length === 0) throw new UsageError('merge needs the shard files to merge')
    if (csvPath === undefined) throw new UsageError('merge needs --csv OUT, the file to write')
    return { command: 'merge', files, csvPath }
  }
  const source = scenarioSourceOf(positionals, isStdinTty)
  const params = values.param ?? []
  if (params.length === 0) throw new UsageError('a sweep needs --param NAME=FROM:TO:STEP')
  if (params.length > 2)
    throw new UsageError(`a sweep varies one or two parameters, not ${params.length}`)
  if (csvPath === undefined && values.json !== true)
    throw new UsageError('say where the sweep goes: --csv FILE or --json')
  const whole = (flag: string, text: string | undefined, min: number, max: number) =>
    text === undefined ? undefined : parseWholeNumber(flag, text, min, max)
  return {
    command: 'run',
    source,
    axes: params.map((p) => asUsage(() => parseSweepRange(p))),
    ...(values.policies === undefined ? {} : { policies: values.policies }),
    replications:
      whole('--replications', values.replications, MIN_REPLICATIONS, MAX_REPLICATIONS) ??
      DEFAULT_REPLICATIONS,
    ...(values.seed === undefined
      ? {}
      : { seed: parseWholeNumber('--seed', values.seed, 0, SEED_MAX) }),
    ...(values.workers === undefined
      ? {}
      : { workers: parseWholeNumber('--workers', values.workers, 1, MAX_WORKERS) }),
    ...(values.shard === undefined
      ? {}
      : { shard: asUsage(() => parseSweepShard(values.shard as string)) }),
    ...(csvPath === undefined ? {} : { csvPath }),
    isJson: values.json === true,
  }
}
