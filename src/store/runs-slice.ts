/**
 * The runs slice: launching runs in the simulation worker and keeping what its messages say.
 * A launch cancels the runs still going; snapshots are appended to a step list the run owns, so
 * a message costs the steps it brings, not a copy of every step before them.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { PolicyId, StepRecord } from '../sim/model'
import type { RunEstimate } from '../sim/run-size'
import type { SimulationClient } from '../worker/client'
import type { WorkerMessage } from '../worker/protocol'
import { asksFirst, estimateLaunch } from './run-gate'
import type { LaunchChoices } from './run-gate'
import { scenarioForSettings } from './settings'
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

  /** Runs again; after a worker crash, first replaces the worker (see `replaceClient`). */
  readonly rerun: () => void
  /** Starts the long run that waits for confirmation. */
  readonly confirmRun: () => void
  /** Drops the long run that waits: the settings of the runs shown come back. */
  readonly declineRun: () => void
  /** Swaps in a new simulation client (the old one is disposed) and reruns. */
  readonly replaceClient: (client: SimulationClient) => void
  readonly cancel: () => void
}

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
    let unsubscribe = client.subscribe(onMessage)

    const launch = (runId: number, policy: PolicyId, scenario: unknown): void => {
      const { seed, holdPolicy } = get().settings
      client.send({ type: 'run', runId, scenario, seed, policy, holdPolicy })
    }

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
      set({ run: emptyRun(primaryId, settings.policy), compare: null, progress: NO_PROGRESS })
      launch(primaryId, settings.policy, scenario)
      if (comparePolicy) {
        const compareId = nextRunId++
        set({ compare: emptyRun(compareId, comparePolicy) })
        launch(compareId, comparePolicy, scenario)
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

    return {
      run: null,
      compare: null,
      progress: NO_PROGRESS,
      isWorkerLost: false,
      estimate: null,
      isAwaitingConfirm: false,
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
