/**
 * A briefing chapter's view as store state: the settings, compare, time, selection and layers it
 * sets, and the runs it needs. The runs are built from the settings exactly as the dashboard
 * builds them (`scenarioForSettings`), so a chapter's run is the dashboard's run of the same view:
 * same cache key, same hash.
 */
import { MAP_LAYERS, viewBaseScenario } from '../sim/briefing'
import type { ChapterView } from '../sim/briefing'
import { utcDayMs, utcTimeMs } from '../sim/dates'
import type { PolicyId } from '../sim/model'
import { findFirstExposedMeeting } from '../sim/briefing-figures'
import type { ScenarioInput } from '../sim/scenario'
import { incidentSelectionOf } from './incident-identity'
import type { RunLaunch } from './launch-key'
import { scenarioForSettings } from './settings'
import type { Settings, SiteOverride } from './settings'
import type { AppState, Layers, RunState } from './store'
import type { Selection } from './url-state'

/** What showing a chapter sets in the store. */
export interface ChapterViewState {
  readonly settings: Settings
  readonly customScenario: ScenarioInput | null
  readonly siteOverrides: Readonly<Record<string, SiteOverride>>
  readonly comparePolicy: PolicyId | null
  readonly mapRun: 'primary' | 'compare'
  readonly layers: Layers
  /** A fixed selection; a `first-exposed-meeting` one is found in the run (`chapterSelection`). */
  readonly selection: Selection | null
  /** Minutes since the scenario start: the view's time, or its range's start and end. */
  readonly fromMinutes: number
  readonly toMinutes: number
}

// Validating a view's scenario costs milliseconds; a chapter switch asks for it several times.
const viewStates = new WeakMap<ChapterView, ChapterViewState>()

/** The store state of a chapter's view. Throws on a view `parseBriefing` refused. */
export function chapterViewState(view: ChapterView): ChapterViewState {
  const known = viewStates.get(view)
  if (known) return known
  const state = viewStateOf(view)
  viewStates.set(view, state)
  return state
}

function viewStateOf(view: ChapterView): ChapterViewState {
  const base = viewBaseScenario(view, 'view')
  if ('errors' in base)
    throw new Error(`chapter view is invalid: ${base.errors[0]?.message ?? 'unknown'}`)
  const { scenario } = base
  const settings: Settings = {
    presetId: view.preset ?? 'custom',
    policy: view.policy ?? scenario.policy,
    seed: view.seed ?? scenario.seed,
    surgeMultiplier: view.settings?.surgeMultiplier ?? scenario.demand.surgeMultiplier,
    accounts: view.settings?.accounts ?? {
      free: scenario.accounts.free,
      paid: scenario.accounts.paid,
      government: scenario.accounts.government,
    },
    holdPolicy: view.settings?.holdPolicy ?? false,
  }
  const startMs = utcDayMs(scenario.startDate)
  const minutesOf = (time: string): number => (utcTimeMs(time) - startMs) / 60_000
  const toMinutes = minutesOf(view.range?.to ?? view.time ?? '')
  const s = view.selection
  return {
    settings,
    customScenario: view.scenario === undefined ? null : view.scenario,
    siteOverrides: view.settings?.siteOverrides ?? {},
    comparePolicy: view.comparePolicy ?? null,
    mapRun: view.comparePolicy === undefined ? 'primary' : view.mapRun,
    layers: Object.fromEntries(MAP_LAYERS.map((l) => [l, view.layers.includes(l)])) as Layers,
    selection: s === undefined || s.kind === 'first-exposed-meeting' ? null : s,
    fromMinutes: view.range ? minutesOf(view.range.from) : toMinutes,
    toMinutes,
  }
}

/**
 * What showing a chapter's view sets in the store, the one way briefing mode and the dashboard's
 * "Show" both do it: settings, compare, layers, a fixed selection, and the time at the view's
 * start (a range's beginning) or end. An imported scenario stays for a preset's view.
 */
export function chapterPatch(view: ChapterView, at: 'start' | 'end'): Partial<AppState> {
  const v = chapterViewState(view)
  return {
    settings: v.settings,
    ...(v.customScenario ? { customScenario: v.customScenario } : {}),
    siteOverrides: v.siteOverrides,
    pendingCustomLink: null,
    comparePolicy: v.comparePolicy,
    mapRun: v.mapRun,
    layers: v.layers,
    selection: v.selection,
    timeMinutes: at === 'end' ? v.toMinutes : v.fromMinutes,
    isTimeChosen: true,
    isPlaying: false,
  }
}

/** The runs a chapter's view needs: its own and, when it compares, the compared policy's. */
export function chapterLaunches(view: ChapterView): RunLaunch[] {
  const state = chapterViewState(view)
  const { settings } = state
  const scenario = scenarioForSettings(settings, state.customScenario, state.siteOverrides)
  const launch = (policy: PolicyId): RunLaunch => ({
    scenario,
    seed: settings.seed,
    policy,
    holdPolicy: settings.holdPolicy,
  })
  return [launch(settings.policy), ...(state.comparePolicy ? [launch(state.comparePolicy)] : [])]
}

/**
 * The selection a chapter shows once its map run is done: its fixed selection, or the meeting a
 * `first-exposed-meeting` selection stands for (null while the run goes, or when it has none).
 */
export function chapterSelection(view: ChapterView, mapRun: RunState | null): Selection | null {
  const s = view.selection
  if (s?.kind !== 'first-exposed-meeting') return chapterViewState(view).selection
  if (!mapRun?.summary) return null
  const incident = findFirstExposedMeeting(mapRun.summary, s.countries)
  return incident ? incidentSelectionOf(incident) : null
}
