/**
 * The runs slice: launching runs in the simulation worker and keeping what its messages say.
 * A launch cancels the runs still going; snapshots are appended to a step list the run owns, so
 * a message costs the steps it brings, not a copy of every step before them.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { PolicyId, StepRecord } from '../sim/model'
import type { RunEstimate } from '../sim/run-size'
import { parseScenarioText } from '../sim/scenario'
import type { ParseResult } from '../sim/scenario'
import type { SimulationClient } from '../worker/client'
import type { RunCommand, WorkerMessage } from '../worker/protocol'
import { rankNamesInSlices } from './name-order'
import { asksFirst, estimateLaunch } from './run-gate'
import type { LaunchChoices } from './run-gate'
import { scenarioForSettings } from './settings'
import { launchKey } from './launch-key'
import type { RunLaunch } from './launch-key'
import type { AppState, Progress, RunState } from './store'

/** Runs and their launching. */
export interface RunsSlice {
  readonly run: RunState | null
  /** The comparison run (same scenario and seed, another policy), if compare is on. */
  readonly compare: RunState | null
  /** Steps simulated of the primary and compared runs (updated by every `progress` message). */
  readonly progress: Progress
  /** Whether the simulation worker died: "Run again" then starts a new one. */
  readonly isWorkerLost: boolean
  /** Expected cost of the runs shown, or of the runs waiting for `confirmRun`. */
  readonly estimate: RunEstimate | null
  /** Whether a long run waits for the user: `confirmRun` starts it, `declineRun` keeps the last. */
  readonly isAwaitingConfirm: boolean
  /** Progress of the runs kept ready (a briefing's chapters), in the order they were asked for. */
  readonly keptRuns: readonly KeptRunProgress[]

  /** Runs again; after a worker crash, first replaces the worker (see `replaceClient`). */
  readonly rerun: () => void
  /** Starts the long run that waits for confirmation. */
  readonly confirmRun: () => void
  /** Drops the long run that waits: the settings of the runs shown come back. */
  readonly declineRun: () => void
  /** Swaps in a new simulation client (the old one is disposed) and reruns. */
  readonly replaceClient: (client: SimulationClient) => void
  readonly cancel: () => void
  /**
   * Keeps these runs computed and ready (starting those not yet made), so showing one of them
   * later takes no run; runs kept before and not asked for again are dropped. `[]` keeps none.
   */
  readonly keepRuns: (launches: readonly RunLaunch[]) => void
  /** The kept run of a launch (running, done or failed), or null when it is not kept. */
  readonly keptRun: (launch: RunLaunch) => RunState | null
  /**
   * Checks a scenario file's text in the simulation worker, so the page stays responsive
   * whatever the world's size; here, on this thread, when the worker cannot.
   */
  readonly parseScenarioInWorker: (text: string) => Promise<ParseResult>
}

/** How far one kept run is. */
export interface KeptRunProgress {
  readonly key: string
  readonly status: RunState['status']
  readonly stepsDone: number
  readonly stepCount: number
}

// A run that is done or still going can stand for a launch with its key.
const isGoing = (r: RunState | null | undefined): r is RunState =>
  r?.status === 'done' || r?.status === 'running'

/** Options of `createAppStore`. */
export interface StoreOptions {
  /** Makes a new simulation client after the worker died; without it "Run again" reuses the old. */
  readonly createClient?: () => Promise<SimulationClient>
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

/** The runs slice, wired to a simulation client (replaced after a crash, see `replaceClient`). */
export function createRunsSlice(
  initialClient: SimulationClient,
  options: StoreOptions,
): StateCreator<AppState, [], [], RunsSlice> {
  return (set, get) => {
    let nextRunId = 1
    let client = initialClient
    // What the runs on screen were started with; declining a long run brings it back.
    let launched: LaunchChoices | null = null

    // Runs kept ready for later (a briefing's chapters), by launch key; the shown runs may be
    // among them, as the same objects. Every run launched has its key here while it lives.
    const kept = new Map<string, RunState>()
    const keyOfRun = new Map<number, string>()
    let wanted = new Set<string>()

    const progressOf = (r: RunState, stepsDone = r.stepsDone) => ({
      status: r.status,
      stepsDone: r.status === 'done' ? r.stepCount : stepsDone,
      stepCount: r.stepCount,
    })
    const keptProgress = (runId?: number, stepsDone?: number): KeptRunProgress[] =>
      [...kept].map(([key, r]) => ({
        key,
        ...progressOf(r, r.runId === runId ? stepsDone : undefined),
      }))

    const updateRun = (runId: number, update: (run: RunState) => RunState): void => {
      const { run, compare } = get()
      const key = keyOfRun.get(runId)
      const keptRun = key === undefined ? undefined : kept.get(key)
      const base = run?.runId === runId ? run : compare?.runId === runId ? compare : keptRun
      if (!base) return
      const next = update(base)
      const patch: Partial<RunsSlice> = {}
      if (run?.runId === runId) Object.assign(patch, { run: next })
      if (compare?.runId === runId) Object.assign(patch, { compare: next })
      if (key !== undefined && keptRun?.runId === runId) {
        kept.set(key, next)
        Object.assign(patch, { keptRuns: keptProgress() })
      }
      set(patch)
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
          // The names of a large world's places are ranked (5,200 in the 200 x 5,000 world, 28 to
          // 35 ms in one task when profiled) in slices of their own, before its steps come and the
          // lists and labels that order places by name need them.
          rankNamesInSlices(m.world)
          // A time beyond the run's end (an old or edited link) is brought back within it.
          if (get().run?.runId === m.runId) {
            const end = m.stepCount * m.stepMinutes
            if (get().timeMinutes > end) set({ timeMinutes: end })
          }
          break
        case 'snapshot':
          updateRun(m.runId, (r) => {
            // The list was made by `emptyRun` for this run alone, so appending in place is safe;
            // the new run object and its count are what tell the views that steps arrived.
            const steps = r.steps as StepRecord[]
            for (const step of m.steps) steps.push(step)
            return { ...r, stepsDone: steps.length }
          })
          break
        case 'progress': {
          // Only the counter changes: the runs (and every view drawn from them) stay as they are.
          const { run, compare, progress } = get()
          if (run?.runId === m.runId && progress.run !== m.stepsDone)
            set({ progress: { ...progress, run: m.stepsDone } })
          else if (compare?.runId === m.runId && progress.compare !== m.stepsDone)
            set({ progress: { ...progress, compare: m.stepsDone } })
          const key = keyOfRun.get(m.runId)
          if (key !== undefined && kept.get(key)?.runId === m.runId)
            set({ keptRuns: keptProgress(m.runId, m.stepsDone) })
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
            for (const [key, r] of kept) kept.set(key, fail(r) ?? r)
            set({
              run: fail(run),
              compare: fail(compare),
              isWorkerLost: true,
              isPlaying: false,
              keptRuns: keptProgress(),
            })
          } else updateRun(m.runId, (r) => ({ ...r, status: 'failed', errors: m.errors }))
          break
        case 'cancelled':
          updateRun(m.runId, (r) => ({ ...r, status: 'cancelled' }))
          break
      }
    }
    let unsubscribe = client.subscribe(onMessage)

    // A kept run that is done or still going is reused; otherwise a new run starts.
    const start = (launch: RunLaunch, key = launchKey(launch)): RunState => {
      const old = kept.get(key)
      if (isGoing(old)) return old
      const runId = nextRunId++
      const run = emptyRun(runId, launch.policy)
      keyOfRun.set(runId, key)
      if (wanted.has(key)) kept.set(key, run)
      const { scenario, seed, policy, holdPolicy } = launch
      unsent.push({ type: 'run', runId, scenario, seed, policy, holdPolicy })
      return run
    }
    // A client may answer at once (in-process): the runs are in the state before they are sent.
    const unsent: RunCommand[] = []
    const sendStarted = (): void => {
      for (const command of unsent.splice(0)) client.send(command)
    }
    const isKept = (r: RunState): boolean => {
      const key = keyOfRun.get(r.runId)
      return key !== undefined && kept.get(key) === r
    }

    const launchRuns = (isConfirmed = false): void => {
      const { run, compare, settings, customScenario, comparePolicy, siteOverrides } = get()
      const scenario = scenarioForSettings(settings, customScenario, siteOverrides)
      const { seed, holdPolicy } = settings
      const launches = [settings.policy, comparePolicy].map((policy) =>
        policy ? { scenario, seed, policy, holdPolicy } : null,
      )
      const keys = launches.map((l) => l && launchKey(l))
      // A run on screen launched the same way, done or still going, is kept rather than run
      // again (the engine would give the same steps): choosing a policy to compare with leaves
      // the primary run, and the map that shows it, as they are, and sends one scenario, not two.
      const shown = keys.map((key) =>
        [run, compare].find((r) => isGoing(r) && keyOfRun.get(r.runId) === key),
      )
      // Only the runs that start count towards the question.
      const starting = keys.filter((k, i) => k && !shown[i] && !isGoing(kept.get(k))).length
      const estimate = estimateLaunch(scenario, starting)
      set({ estimate, isAwaitingConfirm: !isConfirmed && asksFirst(estimate) })
      if (get().isAwaitingConfirm) return set({ isPlaying: false })
      launched = { settings, customScenario, siteOverrides, comparePolicy, estimate }
      const [primary, second] = launches.map((l, i) =>
        l ? (shown[i] ?? start(l, keys[i] as string)) : null,
      ) as [RunState, RunState | null]
      // Runs no longer shown or kept are stopped and forgotten (their keys hold whole scenarios).
      for (const old of [run, compare]) {
        if (!old || old === primary || old === second || isKept(old)) continue
        if (old.status === 'running') client.send({ type: 'cancel', runId: old.runId })
        keyOfRun.delete(old.runId)
      }
      // A kept run's counter goes on from where it was.
      const { progress } = get()
      const counted = (r: RunState | null): number =>
        r === null ? 0 : r === run ? progress.run : r === compare ? progress.compare : r.stepsDone
      set({
        run: primary,
        compare: second,
        progress: { run: counted(primary), compare: counted(second) },
        keptRuns: keptProgress(),
      })
      sendStarted()
    }

    const keepRuns = (launches: readonly RunLaunch[]): void => {
      wanted = new Set(launches.map(launchKey))
      const { run, compare } = get()
      for (const [key, r] of kept) {
        if (wanted.has(key)) continue
        kept.delete(key)
        if (r === run || r === compare) continue
        keyOfRun.delete(r.runId)
        if (r.status === 'running') client.send({ type: 'cancel', runId: r.runId })
      }
      // The runs on screen may already be among them.
      for (const r of [run, compare]) {
        const key = r ? keyOfRun.get(r.runId) : undefined
        if (r && key !== undefined && wanted.has(key) && !kept.has(key)) kept.set(key, r)
      }
      for (const launch of launches) start(launch)
      set({ keptRuns: keptProgress() })
      sendStarted()
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

    return {
      run: null,
      compare: null,
      progress: NO_PROGRESS,
      isWorkerLost: false,
      estimate: null,
      isAwaitingConfirm: false,
      keptRuns: [],
      keepRuns,
      keptRun: (launch) => kept.get(launchKey(launch)) ?? null,
      parseScenarioInWorker: async (text) => {
        const inWorker = client.parseScenarioText?.bind(client)
        if (!inWorker) return parseScenarioText(text)
        try {
          return await inWorker(text)
        } catch {
          return parseScenarioText(text)
        }
      },
      rerun: () => startRuns(),
      confirmRun: () => startRuns(true),
      declineRun: () => set({ ...launched, isAwaitingConfirm: false }),
      replaceClient,
      cancel() {
        const { run, compare } = get()
        for (const r of [run, compare])
          if (r?.status === 'running') client.send({ type: 'cancel', runId: r.runId })
      },
    }
  }
}

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
