/**
 * The replications slice: the dashboard's run repeated on derived seeds in the worker pool, and
 * every policy run side by side on the same scenario, seed and meetings. Both follow the run
 * settings (`followReplications`): a change of scenario, seed, policy or count cancels the stale
 * set and starts the new one. Only the per-replication summaries and their combination are kept,
 * never a replication's step records.
 */
import type { StateCreator } from 'zustand/vanilla'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId } from '../sim/model'
import {
  MAX_REPLICATIONS,
  MIN_REPLICATIONS,
  combineReplications,
  replicationSeeds,
} from '../sim/replications'
import type { ReplicationSet, ReplicationSummary, ReplicationTask } from '../sim/replications'
import type { ReplicateCommand, ReplicationMessage } from '../worker/protocol'
import type { ReplicationClient } from '../worker/replication-pool'
import { launchKey } from './launch-key'
import { scenarioForSettings } from './settings'
import type { AppState, AppStore } from './store'

/** How far a set of replications has come. */
export interface ReplicationProgress {
  /** Names the set in the pool; a new set gets a new id. */
  readonly setId: number
  readonly status: 'running' | 'done' | 'failed'
  readonly done: number
  readonly total: number
  /** Why the set failed, in plain words (null unless `failed`). */
  readonly message: string | null
}

/** The dashboard's run, replicated. */
export interface ReplicationsView extends ReplicationProgress {
  /** The seeds in replication order; the first is the dashboard's seed. */
  readonly seeds: readonly number[]
  /** The summaries so far, combined (intervals, bands); null before the first. */
  readonly set: ReplicationSet | null
}

/** Every policy on the same scenario, seed and meetings. */
export interface PolicyTableView extends ReplicationProgress {
  /** Runs per policy: the replication count, or 1 when replications are off. */
  readonly runsPerPolicy: number
  /** Each policy's runs so far, combined. */
  readonly sets: Readonly<Partial<Record<PolicyId, ReplicationSet>>>
}

/** Replications and the all-policies table, with their actions. */
export interface ReplicationsSlice {
  /** Replications to run of the dashboard's run; 0 means off (a single run). */
  readonly replicationCount: number
  readonly replications: ReplicationsView | null
  /** Whether the all-policies table is shown (it runs only while shown). */
  readonly isPolicyTableOpen: boolean
  readonly policyTable: PolicyTableView | null
  /** The policy the table's differences are taken against (null: the dashboard's policy). */
  readonly baselinePolicy: PolicyId | null

  /** Sets the count (clamped to the allowed range), or 0 for a single run. */
  readonly setReplicationCount: (count: number) => void
  /** Shows one replication as the single run: replications off, its seed as the run's seed. */
  readonly openReplication: (seed: number) => void
  readonly setPolicyTableOpen: (isOpen: boolean) => void
  readonly setBaselinePolicy: (policy: PolicyId | null) => void
  /** Starts, keeps or cancels sets to match the settings (called by `followReplications`). */
  readonly syncReplications: () => void
}

/** The count a replication setting asks for, within the allowed range; 0 stays off. */
export function clampReplications(count: number): number {
  if (!Number.isFinite(count) || count <= 0) return 0
  return Math.max(MIN_REPLICATIONS, Math.min(MAX_REPLICATIONS, Math.round(count)))
}

interface OpenSet {
  readonly key: string
  readonly setId: number
  readonly summaries: ReplicationSummary[]
}

/** The replications slice, running its sets in `pool`. */
export function createReplicationsSlice(
  pool: ReplicationClient,
  newSetId: () => number,
): StateCreator<AppState, [], [], ReplicationsSlice> {
  return (set, get) => {
    let replicated: OpenSet | null = null
    let tabled: OpenSet | null = null
    // Sent once the state names the set: an in-process pool may answer at once.
    const unsent: ReplicateCommand[] = []

    const progressOf = (
      m: ReplicationMessage,
      was: ReplicationProgress,
    ): Pick<ReplicationProgress, 'status' | 'done' | 'message'> => {
      if (m.type === 'replicated') return { status: was.status, done: m.done, message: null }
      if (m.type === 'replicationsDone') return { status: 'done', done: was.done, message: null }
      return { status: 'failed', done: was.done, message: m.message }
    }

    pool.subscribe((m) => {
      const { replications, policyTable } = get()
      if (replicated && replications && m.setId === replicated.setId) {
        if (m.type === 'replicated') replicated.summaries.push(m.summary)
        set({
          replications: {
            ...replications,
            ...progressOf(m, replications),
            set: combineReplications(replicated.summaries),
          },
        })
      } else if (tabled && policyTable && m.setId === tabled.setId) {
        const sets = { ...policyTable.sets }
        if (m.type === 'replicated') {
          tabled.summaries.push(m.summary)
          const { policy } = m.summary
          sets[policy] = combineReplications(tabled.summaries.filter((s) => s.policy === policy))
        }
        set({ policyTable: { ...policyTable, ...progressOf(m, policyTable), sets } })
      }
    })

    const begin = (
      key: string,
      scenario: unknown,
      tasks: ReplicationTask[],
      was: OpenSet | null,
      wasRunning: boolean,
    ): OpenSet => {
      if (was && wasRunning) pool.send({ type: 'cancelReplications', setId: was.setId })
      const open: OpenSet = { key, setId: newSetId(), summaries: [] }
      unsent.push({ type: 'replicate', setId: open.setId, scenario, tasks })
      return open
    }
    const starting = (setId: number, total: number): ReplicationProgress => ({
      setId,
      status: 'running',
      done: 0,
      total,
      message: null,
    })

    const syncReplications = (): void => {
      const s = get()
      if (s.isAwaitingConfirm) return
      const { settings, replicationCount } = s
      const scenario = scenarioForSettings(settings, s.customScenario, s.siteOverrides)
      const { seed, policy, holdPolicy } = settings
      const hold = holdPolicy ? { holdPolicy: true } : {}
      const count = clampReplications(replicationCount)

      const key = count > 0 ? `${launchKey({ scenario, seed, policy, holdPolicy })}|${count}` : null
      if (key !== (replicated?.key ?? null)) {
        const wasRunning = s.replications?.status === 'running'
        if (key === null) {
          if (replicated && wasRunning)
            pool.send({ type: 'cancelReplications', setId: replicated.setId })
          replicated = null
          set({ replications: null })
        } else {
          const seeds = replicationSeeds(seed, count)
          const tasks = seeds.map((seed, index) => ({ index, seed, policy, ...hold }))
          replicated = begin(key, scenario, tasks, replicated, wasRunning)
          set({ replications: { ...starting(replicated.setId, count), seeds, set: null } })
        }
      }

      // The table runs every policy: its key names the scenario, seed and count, not the policy.
      const perPolicy = Math.max(1, count)
      const tableKey = s.isPolicyTableOpen
        ? `${launchKey({ scenario, seed, policy: POLICY_IDS[0], holdPolicy })}|${perPolicy}`
        : null
      if (tableKey !== (tabled?.key ?? null)) {
        const wasRunning = s.policyTable?.status === 'running'
        if (tableKey === null) {
          if (tabled && wasRunning) pool.send({ type: 'cancelReplications', setId: tabled.setId })
          tabled = null
          set({ policyTable: null })
        } else {
          const seeds = replicationSeeds(seed, perPolicy)
          const tasks = POLICY_IDS.flatMap((p) =>
            seeds.map((seed, index) => ({ index, seed, policy: p, ...hold })),
          )
          tabled = begin(tableKey, scenario, tasks, tabled, wasRunning)
          set({
            policyTable: {
              ...starting(tabled.setId, tasks.length),
              runsPerPolicy: perPolicy,
              sets: {},
            },
          })
        }
      }
      for (const command of unsent.splice(0)) pool.send(command)
    }

    return {
      replicationCount: 0,
      replications: null,
      isPolicyTableOpen: false,
      policyTable: null,
      baselinePolicy: null,
      setReplicationCount: (count) => set({ replicationCount: clampReplications(count) }),
      openReplication(seed) {
        set({ replicationCount: 0 })
        get().setSeed(seed)
      },
      setPolicyTableOpen: (isPolicyTableOpen) => set({ isPolicyTableOpen }),
      setBaselinePolicy: (baselinePolicy) => set({ baselinePolicy }),
      syncReplications,
    }
  }
}

/**
 * Keeps the sets in step with the settings: whenever what a set is made from changes (and no
 * long run waits for confirmation), stale sets are cancelled and new ones start.
 */
export function followReplications(store: AppStore): void {
  store.subscribe((s, prev) => {
    if (
      s.settings !== prev.settings ||
      s.customScenario !== prev.customScenario ||
      s.siteOverrides !== prev.siteOverrides ||
      s.replicationCount !== prev.replicationCount ||
      s.isPolicyTableOpen !== prev.isPolicyTableOpen ||
      s.isAwaitingConfirm !== prev.isAwaitingConfirm
    )
      s.syncReplications()
  })
}
