/**
 * The dashboard's view as a briefing chapter, and back: what "Add this view as a chapter"
 * writes (`chapterOfView`); what showing one sets in the store is chapter-view.ts's `chapterPatch`.
 * Both go through the scenario the settings make, so a chapter reproduces the run on screen.
 */
import { MAP_LAYERS } from '../sim/briefing'
import type { BriefingInput, ViewRun } from '../sim/briefing'
import { utcDayMs, utcTimeMs } from '../sim/dates'
import { PRESETS } from '../sim/presets/scenarios'
import type { PresetId } from '../sim/presets/scenarios'
import { parseScenario } from '../sim/scenario'
import type { Scenario, ScenarioInput } from '../sim/scenario'
import { findSelectedIncident } from './incident-identity'
import { selectMapRun } from './selectors'
import type { AppState } from './store'
import type { MapBounds } from './view-slice'

/** A chapter as a briefing file writes it. */
export type ChapterInput = BriefingInput['chapters'][number]
/** A chapter's view as a briefing file writes it. */
export type ViewInput = ChapterInput['view']
type SelectionInput = NonNullable<ViewInput['selection']>

/** Why part of the view could not go into the chapter (shown to the author). */
export type CaptureNote = string

const FALLBACK_PRESET: PresetId = 'citizenlab-2020'

/** The caption a new chapter gets; its figures are the ones it names. */
export const DEFAULT_CAPTION =
  'A simulated view: in the step shown, {concernExposures} meeting keys were delivered from a jurisdiction of concern.'

const DEFAULT_SOURCE =
  'Captured from the dashboard: the scenario, policy and settings are this view’s choices, and every number is simulated.'

function parsed(input: ScenarioInput): Scenario {
  const result = parseScenario(input)
  if (!result.ok) throw new Error(`the scenario is invalid: ${result.errors[0]?.message ?? ''}`)
  return result.scenario
}

/** The scenario the settings start from: the preset, or the imported file. */
function baseOf(state: Pick<AppState, 'settings' | 'customScenario'>): {
  readonly preset?: PresetId
  readonly embedded?: ScenarioInput
  readonly scenario: Scenario
} {
  const { presetId } = state.settings
  if (presetId === 'custom' && state.customScenario)
    return { embedded: state.customScenario, scenario: parsed(state.customScenario) }
  const preset = presetId === 'custom' ? FALLBACK_PRESET : presetId
  return { preset, scenario: parsed(PRESETS[preset]) }
}

/** A UTC instant as a briefing writes a time: YYYY-MM-DDTHH:MMZ. */
export function minuteTimeOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`
}

/**
 * The map's area as a chapter frame: shifted by whole turns so its middle lies within ±180°, then
 * cut to the degrees a frame holds (a frame across the antimeridian keeps its larger side).
 */
export function frameOfBounds(b: MapBounds): NonNullable<ViewInput['frame']> {
  const turns = Math.round((b.west + b.east) / 2 / 360)
  const clamp = (x: number, limit: number) => Math.max(-limit, Math.min(limit, x))
  return {
    bounds: [
      [clamp(b.south, 90), clamp(b.west - turns * 360, 180)],
      [clamp(b.north, 90), clamp(b.east - turns * 360, 180)],
    ],
  }
}

/** The store's selection as a chapter's, or why it has none. */
function selectionOf(state: AppState): { selection?: SelectionInput; note?: CaptureNote } {
  const s = state.selection
  if (s === null) return {}
  if (s.kind !== 'incident') return { selection: { ...s } }
  // An exposure is named by its place in one run; a chapter names what it shows: its key path.
  const incident = findSelectedIncident(selectMapRun(state)?.summary ?? null, s)
  if (!incident)
    return {
      note: 'The selected exposure is not in the finished run yet, so no selection was kept.',
    }
  return {
    selection: { kind: 'flow', siteId: incident.keySiteId, cityId: incident.participantCityId },
  }
}

/** The settings a view changes from its scenario's own. */
function settingsOf(state: AppState, scenario: Scenario): ViewInput['settings'] {
  const { surgeMultiplier, accounts, holdPolicy } = state.settings
  const own = scenario.accounts
  const isOwnMix =
    accounts.free === own.free &&
    accounts.paid === own.paid &&
    accounts.government === own.government
  const overrides = Object.entries(state.siteOverrides)
  const settings: NonNullable<ViewInput['settings']> = {
    ...(surgeMultiplier === scenario.demand.surgeMultiplier ? {} : { surgeMultiplier }),
    ...(isOwnMix ? {} : { accounts: { ...accounts } }),
    ...(holdPolicy ? { holdPolicy } : {}),
    ...(overrides.length === 0
      ? {}
      : { siteOverrides: Object.fromEntries(overrides.map(([id, o]) => [id, { ...o }])) }),
  }
  return Object.keys(settings).length === 0 ? undefined : settings
}

/** The dashboard's current view as a chapter view, and what of it could not be kept. */
export function viewOfState(state: AppState): { view: ViewInput; notes: CaptureNote[] } {
  const { preset, embedded, scenario } = baseOf(state)
  const startMs = utcDayMs(scenario.startDate)
  const lastMinute = scenario.days * 1440 - 1
  // The end of the run is on the timeline but not in the run: it shows the last step.
  const minutes = Math.max(0, Math.min(lastMinute, Math.floor(state.timeMinutes)))
  const { selection, note } = selectionOf(state)
  const settings = settingsOf(state, scenario)
  const compare = state.comparePolicy
  const view: ViewInput = {
    ...(preset === undefined ? { scenario: embedded } : { preset }),
    policy: state.settings.policy,
    seed: state.settings.seed,
    ...(settings ? { settings } : {}),
    time: minuteTimeOf(startMs + minutes * 60_000),
    ...(selection ? { selection } : {}),
    ...(state.mapBounds ? { frame: frameOfBounds(state.mapBounds) } : {}),
    layers: MAP_LAYERS.filter((layer) => state.layers[layer]),
    ...(compare ? { comparePolicy: compare } : {}),
    mapRun: compare && state.mapRun === 'compare' ? 'compare' : 'primary',
  }
  return { view, notes: note ? [note] : [] }
}

/** "27 Mar 2020, 18:00 UTC" */
function timeLabelOf(time: string): string {
  const date = new Date(utcTimeMs(time))
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return `${day}, ${time.slice(11, 16)} UTC`
}

/** What the view is about, in words: its selection, else its scenario. */
function placeOf(state: AppState, selection: ViewInput['selection'], scenario: Scenario): string {
  const world = selectMapRun(state)?.world
  const site = (id: string) => world?.sites.find((s) => s.id === id)?.city ?? id
  const city = (id: string) => world?.cities.find((c) => c.id === id)?.name ?? id
  switch (selection?.kind) {
    case 'site':
      return `${site(selection.id)} data center`
    case 'city':
      return city(selection.id)
    case 'country':
      return selection.id
    case 'flow':
      return `${site(selection.siteId)} → ${city(selection.cityId)}`
    default:
      return scenario.name
  }
}

/**
 * A new chapter of the dashboard's current view: titled with its place and time, a caption
 * naming its figures (keys from a jurisdiction of concern at the step shown and up to it, and
 * for the compared run too), and an assumption as its source line.
 */
export function chapterOfView(state: AppState): { chapter: ChapterInput; notes: CaptureNote[] } {
  const { view, notes } = viewOfState(state)
  const title = `${placeOf(state, view.selection, baseOf(state).scenario)}, ${timeLabelOf(view.time ?? '')}`
  const otherRun: ViewRun = view.mapRun === 'compare' ? 'primary' : 'compare'
  const chapter: ChapterInput = {
    title: title.slice(0, 200),
    caption: DEFAULT_CAPTION,
    view,
    figures: [
      { metric: 'concernExposures', span: 'step' },
      { metric: 'concernExposures', span: 'upTo' },
      ...(view.comparePolicy
        ? [{ metric: 'concernExposures' as const, span: 'upTo' as const, run: otherRun }]
        : []),
    ],
    sources: [{ assumption: DEFAULT_SOURCE }],
  }
  return { chapter, notes }
}
