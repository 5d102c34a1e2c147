/**
 * The UI's single source of truth, in slices that each own their state and actions (zustand's
 * slices pattern): runs (worker messages and launching, runs-slice.ts), settings (what the runs
 * are made from; any change reruns, settings-slice.ts), view and playback (view-slice.ts), the
 * briefing presented chapter by chapter (briefing-slice.ts), and observed data set beside the
 * simulation (observations-slice.ts).
 * Views derive what they need with selectors (selectors.ts).
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { PolicyId, RegionId, StepRecord, TimelineEvent, World } from '../sim/model'
import type { PresetId } from '../sim/presets/scenarios'
import type { ScenarioError } from '../sim/scenario'
import type { SimulationClient } from '../worker/client'
import { createLazyReplicationPool } from '../worker/lazy-replication-pool'
import type { ReplicationClient } from '../worker/replication-pool'
import type { RunSummary } from '../worker/protocol'
import { createBriefingDraftSlice } from './briefing-draft-slice'
import type { BriefingDraftSlice } from './briefing-draft-slice'
import { createBriefingSlice, followChapterMeeting } from './briefing-slice'
import type { BriefingSlice } from './briefing-slice'
import { briefingCatalog } from './briefing-sources'
import type { BriefingCatalog } from './briefing-sources'
import { keepDraftInLibrary } from './draft-library'
import { followSelection } from './follow-selection'
import { createLedgerSlice } from './ledger-slice'
import type { LedgerSlice } from './ledger-slice'
import { createLibrarySlice } from './library-slice'
import type { LibraryOptions, LibrarySlice } from './library-slice'
import { createReplicationsSlice, followReplications } from './replications-slice'
import type { ReplicationsSlice } from './replications-slice'
import { createObservationsSlice } from './observations-slice'
import type { ObservationsSlice } from './observations-slice'
import { createRunsSlice } from './runs-slice'
import type { RunsSlice, StoreOptions } from './runs-slice'
import { createSettingsSlice } from './settings-slice'
import { createSweepSlice } from './sweep-slice'
import type { SweepSlice } from './sweep-slice'
import type { SettingsSlice } from './settings-slice'
import { createViewSlice } from './view-slice'
import type { ViewSlice } from './view-slice'
import type { MapLayer } from '../sim/briefing'

export { roundAccounts, scenarioForSettings, settingsForPreset } from './settings'
export type { Settings, SiteOverride } from './settings'

/** One simulation run as the UI sees it. */
export interface RunState {
  readonly runId: number
  readonly status: 'running' | 'done' | 'failed' | 'cancelled'
  readonly policy: PolicyId
  /**
   * Steps received so far; live progress between snapshots is in `AppState.progress`. The
   * store appends to `steps` in place, so this count (and the run's identity) is what changes.
   */
  readonly stepsDone: number
  readonly stepCount: number
  readonly stepMinutes: number
  readonly startDate: string
  readonly hash: string
  readonly world: World | null
  /** The policy timeline the run applies (from `started`; empty before). */
  readonly timeline: readonly TimelineEvent[]
  /** Jurisdictions whose key custody the scenario treats as a concern (from `started`; none before). */
  readonly concernJurisdictions: readonly string[]
  /** Simulated participants per real participant (`demand.scale`, from `started`; 0 before). */
  readonly scale: number
  /** Regions paid accounts may opt in to (`accounts.paidOptInRegions`, from `started`; none before). */
  readonly paidOptInRegions: readonly RegionId[]
  /** Steps received so far, in order; grows in place as snapshots arrive. */
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
export type Layers = { readonly [K in MapLayer]: boolean }

/** Playback speeds, in simulated minutes per real second (1/60 is real time, 1440 a day a second). */
export const SPEEDS = [1 / 60, 1, 10, 60, 240, 720, 1440] as const

/** The briefings the page knows (briefing-sources.ts), fixed at start. */
export interface BriefingSources {
  readonly briefings: BriefingCatalog
}

/** The whole state: the slices in one store, and the page's briefings. */
export interface AppState
  extends
    RunsSlice,
    SettingsSlice,
    ViewSlice,
    BriefingSlice,
    BriefingDraftSlice,
    LibrarySlice,
    SweepSlice,
    LedgerSlice,
    ReplicationsSlice,
    ObservationsSlice,
    BriefingSources {}

export type AppStore = StoreApi<AppState>

/** Creates the store wired to a simulation client. Call `rerun()` (or `applyUrlState`) to start. */
export function createAppStore(
  initialClient: SimulationClient,
  initialPreset: PresetId = 'citizenlab-2020',
  options: StoreOptions &
    LibraryOptions & {
      readonly briefings?: BriefingCatalog
      /** Runs replications and sweeps; defaults to a pool of Web Workers that starts none until asked. */
      readonly replicationPool?: ReplicationClient
    } = {},
): AppStore {
  const pool = options.replicationPool ?? createLazyReplicationPool()
  // One count for every set sent to the shared pool, so no two slices' sets share an id.
  let setCount = 0
  const newSetId = (): number => ++setCount
  const store = createStore<AppState>()((...a) => ({
    briefings: options.briefings ?? briefingCatalog(null),
    ...createSettingsSlice(initialPreset)(...a),
    ...createViewSlice(...a),
    ...createRunsSlice(initialClient, options)(...a),
    ...createBriefingSlice(...a),
    ...createBriefingDraftSlice(...a),
    ...createLibrarySlice(options)(...a),
    ...createSweepSlice(pool, newSetId)(...a),
    ...createLedgerSlice(...a),
    ...createReplicationsSlice(pool, newSetId)(...a),
    ...createObservationsSlice(...a),
  }))
  followReplications(store)
  followSelection(store)
  followChapterMeeting(store)
  keepDraftInLibrary(store)
  void store.getState().restoreObservations()
  return store
}
