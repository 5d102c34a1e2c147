/**
 * Command line: run a preset or a scenario file and print a summary, or one JSON object.
 *   npm run sim -- <preset-or-file> [--seed N] [--policy NAME] [--days D] [--json]
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { runScenario } from '../sim/engine'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId, RunResult } from '../sim/model'
import { PRESETS, PRESET_IDS } from '../sim/presets/scenarios'
import type { PresetId } from '../sim/presets/scenarios'
import {
  MAX_SCENARIO_BYTES,
  parseScenario,
  parseScenarioText,
  resolveScenario,
} from '../sim/scenario'
import type { ParseResult } from '../sim/scenario'

const USAGE = `usage: npm run sim -- <preset-or-file> [--seed N] [--policy NAME] [--hold-policy] [--days D] [--json]
  --hold-policy keeps the policy for the whole run (list corrections and policy changes left out)
presets: ${PRESET_IDS.join(', ')}
policies: ${POLICY_IDS.join(', ')}`

interface CliOptions {
  source: string
  seed?: number
  policy?: PolicyId
  days?: number
  isJson: boolean
  isPolicyHeld: boolean
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliOptions {
  let source: string | undefined
  const options: Partial<CliOptions> = { isJson: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new UsageError(`${arg} needs a value`)
      return v
    }
    if (arg === '--json') options.isJson = true
    else if (arg === '--hold-policy') options.isPolicyHeld = true
    else if (arg === '--seed') {
      const v = value()
      const seed = Number(v)
      if (!/^\d+$/.test(v) || seed > 4294967295)
        throw new UsageError(`--seed takes a whole number from 0 to 4294967295, not "${v}"`)
      options.seed = seed
    } else if (arg === '--days') {
      const v = value()
      const days = Number(v)
      if (!Number.isFinite(days) || days <= 0 || days > 120)
        throw new UsageError(`--days takes a number above 0 and at most 120, not "${v}"`)
      options.days = days
    } else if (arg === '--policy') {
      const v = value()
      if (!(POLICY_IDS as readonly string[]).includes(v))
        throw new UsageError(`unknown policy "${v}"; policies: ${POLICY_IDS.join(', ')}`)
      options.policy = v as PolicyId
    } else if (arg === '--help' || arg === '-h') throw new UsageError('')
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`)
    else if (source === undefined) source = arg
    else throw new UsageError(`unexpected argument "${arg}"`)
  }
  if (source === undefined) throw new UsageError('name a preset or a scenario file')
  return {
    ...options,
    source,
    isJson: options.isJson ?? false,
    isPolicyHeld: options.isPolicyHeld ?? false,
  }
}

function load(source: string, days: number | undefined): ParseResult {
  let parsed: ParseResult
  if ((PRESET_IDS as readonly string[]).includes(source)) {
    parsed = parseScenario(PRESETS[source as PresetId])
  } else if (existsSync(source)) {
    const size = statSync(source).size
    if (size > MAX_SCENARIO_BYTES) {
      return {
        ok: false,
        errors: [
          {
            path: '(file)',
            message: `${source} is ${size} bytes; the limit is ${MAX_SCENARIO_BYTES}`,
          },
        ],
      }
    }
    parsed = parseScenarioText(readFileSync(source, 'utf8'))
  } else {
    return {
      ok: false,
      errors: [
        {
          path: '(source)',
          message: `"${source}" is neither a preset (${PRESET_IDS.join(', ')}) nor a file`,
        },
      ],
    }
  }
  if (!parsed.ok || days === undefined) return parsed
  // --days shortens or lengthens the run: events after the new end drop out, then re-validate.
  const endMs = Date.parse(`${parsed.scenario.startDate}T00:00:00Z`) + days * 86_400_000
  const timeline = parsed.scenario.timeline.filter(
    (e) => Date.parse(e.at.length === 10 ? `${e.at}T00:00:00Z` : e.at) <= endMs,
  )
  const dropped = parsed.scenario.timeline.length - timeline.length
  if (dropped > 0)
    console.error(
      `sim: note: ${dropped} timeline event(s) fall after the shortened run and are left out`,
    )
  return parseScenario({ ...parsed.scenario, days, timeline })
}

function summary(result: RunResult) {
  return {
    scenario: result.scenarioId,
    seed: result.seed,
    policy: result.initialPolicy,
    engineVersion: result.engineVersion,
    hash: result.hash,
    totals: result.totals,
    exposuresByJurisdiction: result.exposurePairs.map((p) => ({
      from: p.originJurisdiction,
      keyIn: p.keyJurisdiction,
      deliveries: p.deliveries,
    })),
    sitePeakUtilisation: Object.fromEntries(result.sites.map((s) => [s.siteId, s.peakUtilisation])),
  }
}

function printReadable(result: RunResult): void {
  const t = result.totals
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(2)}%` : '0%')
  const lines = [
    `keyroute simulation - ${result.scenarioId} (seed ${result.seed}, policy ${result.initialPolicy}, engine ${result.engineVersion})`,
    `hash ${result.hash}  from ${result.startDate} for ${result.days} days at scale 1:${Math.round(1 / result.scale)}`,
    '',
    `meetings            ${t.meetings}`,
    `joins offered       ${t.offered}`,
    `joins carried       ${t.carried}`,
    `joins blocked       ${t.blocked} (${pct(t.blocked, t.offered)})`,
    `joins redirected    ${t.redirected} (${pct(t.redirected, t.offered)})`,
    `cross-border keys   ${t.crossBorderExposures}`,
    `keys from concern   ${t.concernExposures}`,
    `exposed meetings    ${t.exposedMeetings} (${t.exposedParticipants} participants shared an exposed key)`,
    '',
    'exposures by participant jurisdiction -> key jurisdiction:',
    ...(result.exposurePairs.length === 0
      ? ['  none']
      : result.exposurePairs.map(
          (p) =>
            `  ${p.originJurisdiction.padEnd(4)} -> ${p.keyJurisdiction.padEnd(4)} ${p.deliveries}`,
        )),
    '',
    'peak utilisation by site:',
    ...result.sites.map(
      (s) =>
        `  ${s.siteId.padEnd(12)} ${(100 * s.peakUtilisation).toFixed(1).padStart(6)}%  keys issued ${s.keysIssued}, exposures ${s.exposuresIssued}`,
    ),
  ]
  if (result.incidents[0]) lines.push('', `first recorded exposure: ${result.incidents[0].cause}`)
  console.log(lines.join('\n'))
}

function main(argv: readonly string[]): number {
  let options: CliOptions
  try {
    options = parseArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`sim: ${error.message}`)
      console.error(USAGE)
      return 2
    }
    throw error
  }
  const parsed = load(options.source, options.days)
  if (!parsed.ok) {
    console.error(`sim: ${options.source} is not a valid scenario:`)
    for (const e of parsed.errors) console.error(`  ${e.path}: ${e.message}`)
    return 1
  }
  const result = runScenario(resolveScenario(parsed.scenario), {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    holdPolicy: options.isPolicyHeld,
  })
  if (options.isJson) console.log(JSON.stringify(summary(result)))
  else printReadable(result)
  return 0
}

process.exitCode = main(process.argv.slice(2))
