/**
 * The UI's single source of truth. Actions live beside the state; any change of a setting
 * reruns the simulation in the worker (the previous run is cancelled). Snapshots arrive in
 * batches and are appended once; views derive what they need with selectors (selectors.ts).
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { PolicyId, RegionId, StepRecord, TimelineEvent, World } from '../sim/model'
import type { PresetId } from '../sim/presets/scenarios'
import { visibleText } from '../sim/display-text'
import { parseScenarioText } from '../sim/scenario'
import { SEED_MAX } from '../sim/random'
import type { ScenarioError, ScenarioInput } from '../sim/scenario'
import type { SimulationClient } from '../worker/client'
import type { RunSummary, WorkerMessage } from '../worker/protocol'
import type { RunEstimate } from '../sim/run-size'
import { asksFirst, estimateLaunch } from './run-gate'
import type { LaunchChoices } from './run-gate'
import { roundAccounts, scenarioForSettings, settingsForPreset, settingsForUrl } from './settings'
import type { Settings, SiteOverride } from './settings'
import { normaliseTileUrl, tileUrlProblem } from './tile-url'
import { followSelection } from './follow-selection'
import type { Selection, UrlState } from './url-state'

export { roundAccounts, scenarioForSettings, settingsForPreset } from './settings'
export type { Settings, SiteOverride } from './settings'

/** One simulation run as the UI sees it. */
export interface RunState {
  readonly runId: number
  readonly status: 'running' | 'done' | 'failed' | 'cancelled'
  readonly policy: PolicyId
  /** Steps received so far; live progress between snapshots is in `AppState.progress`. */
  readonly stepsDone: number
  readonly stepCount: number
  readonly stepMinutes: number
  readonly startDate: string
  readonly hash: string
  readonly world: World | null
  readonly timeline: readonly TimelineEvent[]
  /** Jurisdictions whose key custody the scenario treats as a concern (from `started`). */
  readonly concernJurisdictions: readonly string[]
  /** Simulated participants per real participant (the scenario's `demand.scale`). */
  readonly scale: number
  /** Regions paid accounts may opt in to (the scenario's `accounts.paidOptInRegions`). */
  readonly paidOptInRegions: readonly RegionId[]
  readonly steps: readonly StepRecord[]
  readonly summary: RunSummary | null
  readonly errors: readonly ScenarioError[]
}

/** Steps simulated so far of each run, kept apart so progress does not replace the runs. */
export interface Progress {
  readonly run: number
  readonly compare: number
}

/** Map layers the legend toggles. */
export interface Layers {
  readonly sites: boolean
  readonly cities: boolean
  readonly flows: boolean
  readonly countries: boolean
}

/** Playback speeds, in simulated minutes per real second (1/60 is real time, 1440 a day a second). */
export const SPEEDS = [1 / 60, 1, 10, 60, 240, 720, 1440] as const

export interface AppState {
  readonly settings: Settings
  /** An imported scenario (used when `settings.presetId` is `custom`). */
  readonly customScenario: ScenarioInput | null
  /** What-if site changes made in the UI, by site id; cleared when the scenario changes. */
  readonly siteOverrides: Readonly<Record<string, SiteOverride>>
  /** The last scenario file import; after a refused one the previous scenario stays in use. */
  readonly importResult: ImportResult | null
  readonly run: RunState | null
  /** Steps simulated of the primary and compared runs (updated by every `progress` message). */
  readonly progress: Progress
  /** Whether the simulation worker died: "Run again" then starts a new one. */
  readonly isWorkerLost: boolean
  /** Settings of a link made with an imported file, applied when that file is imported again. */
  readonly pendingCustomLink: UrlState | null
  /** The comparison run (same scenario and seed, another policy), if compare is on. */
  readonly compare: RunState | null
  readonly comparePolicy: PolicyId | null
  /** Which run the map draws when comparing. */
  readonly mapRun: 'primary' | 'compare'
  readonly timeMinutes: number
  /** Whether the time was chosen (by the user or the link); if not, a finished run sets it. */
  readonly isTimeChosen: boolean
  readonly isPlaying: boolean
  readonly speedMinutesPerSecond: number
  readonly selection: Selection | null
  readonly layers: Layers
  readonly theme: 'dark' | 'light'
  /**
   * An online tile server's URL template ({z}/{x}/{y}) for a basemap under the country shapes.
   * Empty (the default) keeps the app offline; it is never written into links.
   */
  readonly tileUrl: string
  /** IANA zone shown beside UTC on the timeline. */
  readonly timeZone: string
  /** Short messages for the user (an ignored link parameter, an import problem). */
  readonly notices: readonly string[]
  /** Expected cost of the runs shown, or of the runs waiting for `confirmRun`. */
  readonly estimate: RunEstimate | null
  /** Whether a long run waits for the user: `confirmRun` starts it, `declineRun` keeps the last. */
  readonly isAwaitingConfirm: boolean

  readonly setPreset: (presetId: PresetId) => void
  readonly setPolicy: (policy: PolicyId) => void
  readonly setSeed: (seed: number) => void
  readonly setSurgeMultiplier: (multiplier: number) => void
  readonly setAccounts: (accounts: Settings['accounts']) => void
  readonly setHoldPolicy: (holdPolicy: boolean) => void
  /** Validates a scenario file's text; on success switches to it and reruns. */
  readonly importScenario: (text: string, fileName: string) => boolean
  /** Refuses a file before reading it (too large, unreadable); replaces the last import's result. */
  readonly refuseImport: (fileName: string, message: string) => void
  /** Switches a site off or resizes it (merged with earlier changes; `null` undoes them) and reruns. */
  readonly setSiteOverride: (siteId: string, override: SiteOverride | null) => void
  readonly clearSiteOverrides: () => void
  readonly setComparePolicy: (policy: PolicyId | null) => void
  readonly setMapRun: (which: 'primary' | 'compare') => void
  /** Runs again; after a worker crash, first replaces the worker (see `replaceClient`). */
  readonly rerun: () => void
  /** Starts the long run that waits for confirmation. */
  readonly confirmRun: () => void
  /** Drops the long run that waits: the settings of the runs shown come back. */
  readonly declineRun: () => void
  /** Swaps in a new simulation client (the old one is disposed) and reruns. */
  readonly replaceClient: (client: SimulationClient) => void
  readonly cancel: () => void
  readonly setTime: (minutes: number) => void
  readonly play: () => void
  readonly pause: () => void
  readonly setSpeed: (minutesPerSecond: number) => void
  readonly select: (selection: Selection | null) => void
  readonly toggleLayer: (layer: keyof Layers) => void
  readonly setTheme: (theme: 'dark' | 'light') => void
  readonly setTimeZone: (zone: string) => void
  readonly setTileUrl: (url: string) => void
  readonly dismissNotice: (index: number) => void
  /** Applies a parsed link (before the first run) and reruns. */
  readonly applyUrlState: (state: UrlState, notices: readonly string[]) => void
}

export type AppStore = StoreApi<AppState>

/** Which file the last import was, and its problems (none: it was loaded). */
export interface ImportResult {
  /** As it may be shown (hidden characters made visible). */
  readonly fileName: string
  readonly errors: readonly ScenarioError[]
}

// Until `started` the run knows nothing of its scenario: the worker resolves it, defaults and all.
function emptyRun(runId: number, policy: PolicyId): RunState {
  return {
    runId,
    status: 'running',
    policy,
    stepsDone: 0,
    stepCount: 0,
    stepMinutes: 60,
    startDate: '',
    hash: '',
    world: null,
    timeline: [],
    concernJurisdictions: [],
    scale: 0,
    paidOptInRegions: [],
    steps: [],
    summary: null,
    errors: [],
  }
}

const NO_PROGRESS: Progress = { run: 0, compare: 0 }

const WORKER_LOST_NOTICE =
  'The simulation worker stopped and could not be restarted. Reload the page to continue: your settings are kept in the link.'

/** Options of {@link createAppStore}. */
export interface StoreOptions {
  /** Makes a new simulation client after the worker died; without it "Run again" reuses the old. */
  readonly createClient?: () => Promise<SimulationClient>
}

function prefersDark(): boolean {
  return typeof window === 'undefined' || typeof window.matchMedia !== 'function'
    ? true
    : !window.matchMedia('(prefers-color-scheme: light)').matches
}

/** Creates the store wired to a simulation client. Call `rerun()` (or `applyUrlState`) to start. */
export function createAppStore(
  initialClient: SimulationClient,
  initialPreset: PresetId = 'citizenlab-2020',
  options: StoreOptions = {},
): AppStore {
  let nextRunId = 1
  let client = initialClient
  // What the runs on screen were started with; declining a long run brings it back.
  let launched: LaunchChoices | null = null
  let unsubscribe: () => void = () => {}
  const store = createStore<AppState>()((set, get) => {
    const updateRun = (runId: number, update: (run: RunState) => RunState): void => {
      const { run, compare } = get()
      if (run?.runId === runId) set({ run: update(run) })
      else if (compare?.runId === runId) set({ compare: update(compare) })
    }

    const onMessage = (m: WorkerMessage): void => {
      switch (m.type) {
        case 'started':
          updateRun(m.runId, (r) => ({
            ...r,
            stepCount: m.stepCount,
            stepMinutes: m.stepMinutes,
            world: m.world,
            timeline: m.timeline,
            concernJurisdictions: m.concernJurisdictions,
            scale: m.scale,
            paidOptInRegions: m.paidOptInRegions,
            startDate: m.startDate,
            hash: m.hash,
          }))
          // A time beyond the run's end (an old or edited link) is brought back within it.
          if (get().run?.runId === m.runId) {
            const end = m.stepCount * m.stepMinutes
            if (get().timeMinutes > end) set({ timeMinutes: end })
          }
          break
        case 'snapshot':
          updateRun(m.runId, (r) => {
            const steps = [...r.steps, ...m.steps]
            return { ...r, steps, stepsDone: steps.length }
          })
          break
        case 'progress': {
          // Only the counter changes: the runs (and every view drawn from them) stay as they are.
          const { run, compare, progress } = get()
          if (run?.runId === m.runId && progress.run !== m.stepsDone)
            set({ progress: { ...progress, run: m.stepsDone } })
          else if (compare?.runId === m.runId && progress.compare !== m.stepsDone)
            set({ progress: { ...progress, compare: m.stepsDone } })
          break
        }
        case 'done': {
          updateRun(m.runId, (r) => ({
            ...r,
            status: 'done',
            summary: m.summary,
            stepsDone: r.stepCount,
          }))
          const { run, isTimeChosen } = get()
          if (run?.runId === m.runId && !isTimeChosen) {
            set({ timeMinutes: landingMinutes(run), isTimeChosen: true })
          }
          break
        }
        case 'failed':
          if (m.runId === -1) {
            // The worker itself died: every run still going with it is lost.
            const { run, compare } = get()
            const fail = (r: RunState | null): RunState | null =>
              r && r.status === 'running' ? { ...r, status: 'failed', errors: m.errors } : r
            set({ run: fail(run), compare: fail(compare), isWorkerLost: true, isPlaying: false })
          } else updateRun(m.runId, (r) => ({ ...r, status: 'failed', errors: m.errors }))
          break
        case 'cancelled':
          updateRun(m.runId, (r) => ({ ...r, status: 'cancelled' }))
          break
      }
    }
    unsubscribe = client.subscribe(onMessage)

    const launchRuns = (isConfirmed = false): void => {
      const { run, compare, settings, customScenario, comparePolicy, siteOverrides } = get()
      const scenario = scenarioForSettings(settings, customScenario, siteOverrides)
      const estimate = estimateLaunch(scenario, comparePolicy)
      set({ estimate, isAwaitingConfirm: !isConfirmed && asksFirst(estimate) })
      if (get().isAwaitingConfirm) return set({ isPlaying: false })
      launched = { settings, customScenario, siteOverrides, comparePolicy, estimate }
      for (const old of [run, compare]) {
        if (old?.status === 'running') client.send({ type: 'cancel', runId: old.runId })
      }
      const primaryId = nextRunId++
      set({
        run: emptyRun(primaryId, settings.policy),
        compare: null,
        progress: NO_PROGRESS,
      })
      client.send({
        type: 'run',
        runId: primaryId,
        scenario,
        seed: settings.seed,
        policy: settings.policy,
        holdPolicy: settings.holdPolicy,
      })
      if (comparePolicy) {
        const compareId = nextRunId++
        set({ compare: emptyRun(compareId, comparePolicy) })
        client.send({
          type: 'run',
          runId: compareId,
          scenario,
          seed: settings.seed,
          policy: comparePolicy,
          holdPolicy: settings.holdPolicy,
        })
      }
    }

    const replaceClient = (next: SimulationClient): void => {
      unsubscribe()
      if (next !== client) client.dispose()
      client = next
      unsubscribe = client.subscribe(onMessage)
      set({ isWorkerLost: false })
      launchRuns()
    }

    // After a worker crash every new run goes to a fresh worker when the store can make one;
    // otherwise it tries the old one again (an error event does not always mean it is dead).
    const startRuns = (isConfirmed = false): void => {
      const { createClient } = options
      if (!get().isWorkerLost || !createClient) {
        launchRuns(isConfirmed)
        return
      }
      createClient().then(replaceClient, () =>
        set({ notices: [...get().notices, WORKER_LOST_NOTICE] }),
      )
    }

    const changeSettings = (patch: Partial<Settings>): void => {
      set({ settings: { ...get().settings, ...patch }, isPlaying: false })
      startRuns()
    }

    return {
      settings: settingsForPreset(initialPreset),
      customScenario: null,
      siteOverrides: {},
      importResult: null,
      run: null,
      progress: NO_PROGRESS,
      isWorkerLost: false,
      pendingCustomLink: null,
      compare: null,
      comparePolicy: null,
      mapRun: 'primary',
      timeMinutes: 0,
      isTimeChosen: false,
      isPlaying: false,
      speedMinutesPerSecond: 240,
      selection: null,
      layers: { sites: true, cities: true, flows: true, countries: true },
      theme: prefersDark() ? 'dark' : 'light',
      tileUrl: '',
      timeZone: 'America/Toronto',
      notices: [],
      estimate: null,
      isAwaitingConfirm: false,

      setPreset(presetId) {
        set({
          settings: settingsForPreset(presetId),
          pendingCustomLink: null,
          siteOverrides: {},
          timeMinutes: 0,
          isTimeChosen: false,
          selection: null,
          isPlaying: false,
        })
        startRuns()
      },
      setPolicy: (policy) => changeSettings({ policy }),
      setSeed: (seed) =>
        changeSettings({ seed: Math.max(0, Math.min(SEED_MAX, Math.trunc(seed))) }),
      setSurgeMultiplier: (surgeMultiplier) => changeSettings({ surgeMultiplier }),
      setAccounts: (accounts) => changeSettings({ accounts: roundAccounts(accounts) }),
      setHoldPolicy: (holdPolicy) => changeSettings({ holdPolicy }),
      importScenario(text, rawFileName) {
        const fileName = visibleText(rawFileName)
        const parsed = parseScenarioText(text)
        if (!parsed.ok) {
          set({
            importResult: {
              fileName,
              errors: parsed.errors.map((e) => ({
                path: e.path === '(file)' ? fileName : e.path,
                message: visibleText(e.message),
              })),
            },
          })
          return false
        }
        const s = parsed.scenario
        // A link made with an imported file: its settings apply to the file imported again.
        const link = get().pendingCustomLink
        set({
          customScenario: s,
          siteOverrides: link?.siteOverrides ?? {},
          importResult: { fileName, errors: [] },
          timeMinutes: link?.timeMinutes ?? 0,
          isTimeChosen: link?.timeMinutes !== undefined,
          selection: link?.selection ?? null,
          pendingCustomLink: null,
          settings: {
            presetId: 'custom',
            policy: link?.policy ?? s.policy,
            seed: link?.seed ?? s.seed,
            surgeMultiplier: link?.surgeMultiplier ?? s.demand.surgeMultiplier,
            accounts: link?.accounts ?? {
              free: s.accounts.free,
              paid: s.accounts.paid,
              government: s.accounts.government,
            },
            holdPolicy: link?.holdPolicy ?? false,
          },
        })
        startRuns()
        return true
      },
      refuseImport(rawFileName, message) {
        const fileName = visibleText(rawFileName)
        set({ importResult: { fileName, errors: [{ path: fileName, message }] } })
      },
      setSiteOverride(siteId, override) {
        const { [siteId]: previous, ...rest } = get().siteOverrides
        const merged = override ? { ...previous, ...override } : null
        set({
          siteOverrides:
            merged && Object.keys(merged).length > 0 ? { ...rest, [siteId]: merged } : rest,
          isPlaying: false,
        })
        startRuns()
      },
      clearSiteOverrides() {
        set({ siteOverrides: {}, isPlaying: false })
        startRuns()
      },
      setComparePolicy(comparePolicy) {
        set({ comparePolicy, mapRun: 'primary' })
        startRuns()
      },
      setMapRun: (mapRun) => set({ mapRun }),
      rerun: () => startRuns(),
      confirmRun: () => startRuns(true),
      declineRun: () => set({ ...launched, isAwaitingConfirm: false }),
      replaceClient,
      cancel() {
        const { run, compare } = get()
        for (const r of [run, compare])
          if (r?.status === 'running') client.send({ type: 'cancel', runId: r.runId })
      },
      setTime(minutes) {
        const run = get().run
        const end = run && run.stepCount > 0 ? run.stepCount * run.stepMinutes : Infinity
        set({ timeMinutes: Math.max(0, Math.min(end, minutes)), isTimeChosen: true })
      },
      play: () => set({ isPlaying: true, isTimeChosen: true }),
      pause: () => set({ isPlaying: false }),
      setSpeed: (speedMinutesPerSecond) => set({ speedMinutesPerSecond }),
      select: (selection) => set({ selection }),
      toggleLayer: (layer) => set({ layers: { ...get().layers, [layer]: !get().layers[layer] } }),
      setTheme: (theme) => set({ theme }),
      setTimeZone: (timeZone) => set({ timeZone }),
      // The settings refuse a bad address with a message; this keeps any other caller from
      // handing the map one it cannot draw.
      setTileUrl: (url) => {
        if (tileUrlProblem(url) === null) set({ tileUrl: normaliseTileUrl(url) })
      },
      dismissNotice: (index) => set({ notices: get().notices.filter((_, i) => i !== index) }),
      applyUrlState(url, notices) {
        const isCustom = url.isCustomScenario === true && url.presetId === undefined
        // The file is not in the link: run the default scenario with the link's settings, and
        // keep site changes (they name the file's sites) until the file is imported again.
        set({
          settings: settingsForUrl(url, initialPreset),
          comparePolicy: url.comparePolicy ?? null,
          mapRun: url.comparePolicy && url.isMapOnCompare ? 'compare' : 'primary',
          timeMinutes: url.timeMinutes ?? 0,
          isTimeChosen: url.timeMinutes !== undefined,
          siteOverrides: isCustom ? {} : (url.siteOverrides ?? {}),
          selection: isCustom ? null : (url.selection ?? null),
          pendingCustomLink: isCustom ? url : null,
          // A new link's notices replace the last link's: they are about the link in the address bar.
          notices: [...notices, ...(isCustom ? [CUSTOM_LINK_NOTICE] : [])],
        })
        startRuns()
      },
    }
  })
  followSelection(store)
  return store
}

/** Shown when a link made with an imported scenario file is opened. */
export const CUSTOM_LINK_NOTICE =
  'This link was made with an imported scenario file; import it again to reproduce the run. Until then the default scenario runs with the link’s settings.'

/**
 * Where the timeline lands when nobody chose a time: the first step with a key from a
 * jurisdiction of concern, else with any exposure, else the busiest step of the first day, so a
 * fresh view shows the story rather than an empty night.
 */
export function landingMinutes(run: RunState): number {
  const concern = run.steps.find((s) => s.concernExposures > 0)
  if (concern) return concern.startMinutes
  const exposed = run.steps.find((s) => s.exposedDeliveries > 0)
  if (exposed) return exposed.startMinutes
  const firstDay = run.steps.filter((s) => s.startMinutes < 1440)
  const busiest = firstDay.reduce<StepRecord | null>(
    (best, s) => (!best || s.offered > best.offered ? s : best),
    null,
  )
  return busiest?.startMinutes ?? 0
}
