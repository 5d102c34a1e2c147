/**
 * Where a command's scenario comes from: a preset, a file or standard input, read with the same
 * size limit and checks for every command (sim, render).
 */
import { readFileSync, statSync } from 'node:fs'
import { utcDayMs, utcTimeMs } from '../sim/dates'
import { PRESETS, PRESET_IDS } from '../sim/presets/scenarios'
import type { PresetId } from '../sim/presets/scenarios'
import { MAX_SCENARIO_BYTES, parseScenario, parseScenarioText } from '../sim/scenario'
import type { ParseResult, Scenario } from '../sim/scenario'
import { fileProblem } from './sim-args'

/** A source that cannot be read as a scenario: one line, exit code 1. */
export class SourceError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_SCENARIO_BYTES)
      throw new SourceError(`standard input holds more than ${MAX_SCENARIO_BYTES} bytes`)
    chunks.push(chunk)
  }
  if (size === 0) throw new SourceError('standard input was empty: pipe a scenario file into -')
  return Buffer.concat(chunks).toString('utf8')
}

/** What the command line changes in a scenario before it runs. */
export interface ScenarioChanges {
  /** Run for this many whole days (timeline events after the new end drop out). */
  readonly days?: number
  /** Simulated share of real participants (`demand.scale`): 1 is one per real participant. */
  readonly scale?: number
}

/**
 * Reads a scenario from a preset id, a file, or standard input (`-`), with the command line's
 * changes applied; throws SourceError with one line when the source cannot be read.
 */
export async function loadScenarioSource(
  source: string,
  changes: ScenarioChanges = {},
): Promise<ParseResult> {
  let parsed: ParseResult
  if ((PRESET_IDS as readonly string[]).includes(source)) {
    parsed = parseScenario(PRESETS[source as PresetId])
  } else if (source === '-') {
    parsed = parseScenarioText(await readStdin())
  } else {
    const problem = fileProblem(source)
    if (problem) throw new SourceError(problem)
    const size = statSync(source).size
    if (size > MAX_SCENARIO_BYTES)
      throw new SourceError(`${source} is ${size} bytes; the limit is ${MAX_SCENARIO_BYTES}`)
    parsed = parseScenarioText(readFileSync(source, 'utf8'))
  }
  if (!parsed.ok) return parsed
  const { days, scale } = changes
  if (scale !== undefined)
    parsed = parseScenario({ ...parsed.scenario, demand: { ...parsed.scenario.demand, scale } })
  if (!parsed.ok || days === undefined) return parsed
  // --days shortens or lengthens the run: events after the new end drop out, then re-validate.
  const endMs = utcDayMs(parsed.scenario.startDate) + days * 86_400_000
  const timeline = parsed.scenario.timeline.filter((e) => utcTimeMs(e.at) <= endMs)
  const dropped = parsed.scenario.timeline.length - timeline.length
  if (dropped > 0)
    console.error(
      `sim: note: ${dropped} timeline event(s) fall after the shortened run and are left out`,
    )
  return parseScenario({ ...parsed.scenario, days, timeline })
}

/**
 * A command's scenario, or null after printing why there is none, prefixed with the command's
 * name: the source cannot be read (one line), or each of the scenario's errors by path.
 */
export async function loadScenarioOrReport(
  command: string,
  source: string,
  changes: ScenarioChanges = {},
): Promise<Scenario | null> {
  let parsed: ParseResult
  try {
    parsed = await loadScenarioSource(source, changes)
  } catch (error) {
    if (!(error instanceof SourceError)) throw error
    console.error(`${command}: ${error.message}`)
    return null
  }
  if (parsed.ok) return parsed.scenario
  console.error(
    `${command}: ${source === '-' ? 'standard input' : source} is not a valid scenario:`,
  )
  for (const e of parsed.errors) console.error(`  ${e.path}: ${e.message}`)
  return null
}
