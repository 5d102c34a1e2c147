/**
 * The words an exported picture carries, apart from drawing: title, shown time in UTC and in the
 * chosen zone, the simulation mark, the run's identity (scenario, policy, seed, run hash), the
 * source line and the file name. Pure over the store's state, so the same words go on the image,
 * into its PNG text chunks and into the file name.
 */
import { ENGINE_VERSION } from '../../sim/engine-version'
import type { Provenance } from '../../sim/model'
import { PRESETS } from '../../sim/presets/scenarios'
import { POLICIES } from '../../sim/routing'
import { selectMapRun } from '../../store/selectors'
import type { AppState } from '../../store/store'
import { formatInZone, formatUtc, instantOf } from '../panels/format'
import { version } from '../../../package.json'

/** The mark every picture of the model carries, on screen and in exports. */
export const SIMULATION_MARK = 'Simulation – not observed traffic'

/** The same mark over a map (on screen and in pictures), its first word in capitals. */
export const SIMULATION_WATERMARK = SIMULATION_MARK.replace(/^Simulation/, 'SIMULATION')

/** The slide sizes pictures and clips are made at, in pixels, smallest first. */
export const SLIDE_SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const

/** One slide size. */
export type SlideSize = (typeof SLIDE_SIZES)[number]

/** What a picture's text depends on. */
export type SceneTextState = Pick<
  AppState,
  'run' | 'compare' | 'mapRun' | 'timeMinutes' | 'timeZone' | 'settings' | 'customScenario'
>

/** The words of one exported picture. */
export interface SceneText {
  readonly title: string
  readonly timeUtc: string
  /** The same instant in the chosen zone; empty when that zone is UTC. */
  readonly timeZoned: string
  readonly mark: string
  /** "Scenario … · Policy … · Seed … · Run hash …". */
  readonly runLine: string
  readonly scenarioId: string
  readonly policyId: string
  readonly seed: number
  readonly hash: string
  /** Sourced fact with its reference, then what is assumption. */
  readonly sourceLines: readonly string[]
  readonly software: string
}

interface ScenarioWords {
  readonly id: string
  readonly name: string
  readonly provenance: Readonly<Record<string, Provenance>>
}

function scenarioWordsOf(state: SceneTextState): ScenarioWords {
  const { presetId } = state.settings
  const input = presetId === 'custom' ? state.customScenario : PRESETS[presetId]
  const name = input?.name ?? 'Imported scenario'
  const id = presetId === 'custom' ? slug(input?.id ?? name) : presetId
  return { id, name, provenance: input?.provenance ?? {} }
}

/** Lower-case letters, digits and dashes, for a file name. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario'
  )
}

// Who a scenario simulates is its story's sourced fact (for citizenlab-2020 the Citizen Lab test
// call); otherwise the first sourced entry the scenario gives.
const FACT_PATH = 'population.countries'

/** The scenario's headline sourced fact and its reference, as the sources panel lists them. */
export function sourcedFactOf(
  provenance: Readonly<Record<string, Provenance>>,
): { readonly note: string; readonly ref: string } | null {
  const entries = Object.entries(provenance).sort(
    ([a], [b]) => Number(b === FACT_PATH) - Number(a === FACT_PATH),
  )
  for (const [, p] of entries) if (p.kind === 'sourced') return { note: p.note ?? '', ref: p.ref }
  return null
}

const ASSUMPTION_LINE =
  'Assumption: every other figure (site capacities, failure rates, demand per city, the meetings) is the model’s; see Sources in keyroute.'

/** The words of a picture of `state` at its shown time. */
export function sceneTextOf(state: SceneTextState): SceneText {
  const run = selectMapRun(state)
  const scenario = scenarioWordsOf(state)
  const policyId = run?.policy ?? state.settings.policy
  const startDate = run?.startDate ?? ''
  const { seed } = state.settings
  const hash = run?.hash ?? ''
  const fact = sourcedFactOf(scenario.provenance)
  const isUtc = state.timeZone === 'UTC' || state.timeZone === 'Etc/UTC'
  return {
    title: scenario.name,
    timeUtc: startDate ? formatUtc(startDate, state.timeMinutes) : '',
    timeZoned:
      startDate && !isUtc ? formatInZone(startDate, state.timeMinutes, state.timeZone) : '',
    mark: SIMULATION_WATERMARK,
    runLine: `Scenario ${scenario.id} · Policy: ${POLICIES[policyId].label} · Seed ${seed} · Run hash ${hash || '–'}`,
    scenarioId: scenario.id,
    policyId,
    seed,
    hash,
    sourceLines: [...(fact ? [`Sourced: ${fact.note} (${fact.ref})`] : []), ASSUMPTION_LINE],
    software: `keyroute ${version} (engine ${ENGINE_VERSION})`,
  }
}

/** "20200327T1400Z": the shown instant, for file names. */
export function compactUtc(startDate: string, minutes: number): string {
  const iso = instantOf(startDate, minutes).toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`
}

/** keyroute-<scenario>-<policy>-seed<seed>-<YYYYMMDDTHHMMZ>.<ext> */
export function exportFileName(state: SceneTextState, extension: string): string {
  const text = sceneTextOf(state)
  const startDate = selectMapRun(state)?.startDate ?? ''
  return `keyroute-${text.scenarioId}-${text.policyId}-seed${text.seed}-${compactUtc(startDate, state.timeMinutes)}.${extension}`
}

/**
 * Breaks `text` into lines no wider than `maxWidth` by `measure`, at spaces; a word wider than
 * the line stands alone. Pure, so the footer's layout is tested without a canvas.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && measure(next) > maxWidth) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/** The PNG text entries of a picture: Title, Description, Source, Software. */
export function pngTextOf(text: SceneText): [string, string][] {
  const shown = [text.timeUtc, text.timeZoned].filter(Boolean).join(' = ')
  return [
    ['Title', text.title],
    [
      'Description',
      `${text.mark}. Scenario ${text.scenarioId}; policy ${text.policyId}; seed ${text.seed}; run hash ${text.hash || 'none'}; shown ${shown || 'before the run started'}.`,
    ],
    ['Source', text.sourceLines.join(' ')],
    ['Software', text.software],
  ]
}

/** A chapter's picture in a zip of the briefing: `03-the-surge.png` (numbered from 1). */
export function chapterFileName(index: number, title: string): string {
  return `${String(index + 1).padStart(2, '0')}-${slug(title)}.png`
}
