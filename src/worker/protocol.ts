/**
 * Messages between the main thread and the simulation worker. Commands are imperative
 * (`run`, `cancel`); messages are facts (`started`, `progress`, `snapshot`, `done`, `failed`,
 * `cancelled`). Every message names the run it belongs to, so stale ones can be dropped.
 */
import type { PolicyId, RegionId, RunResult, StepRecord, TimelineEvent, World } from '../sim/model'
import type { ReplicationSummary, ReplicationTask } from '../sim/replications'
import type { ParseResult, ScenarioError } from '../sim/scenario'

/** Starts a run. `scenario` is untrusted JSON data: the worker validates it. */
export interface RunCommand {
  readonly type: 'run'
  readonly runId: number
  readonly scenario: unknown
  /** Replaces the scenario's seed. */
  readonly seed?: number
  /** Replaces the scenario's initial policy. */
  readonly policy?: PolicyId
  /** Holds the policy for the whole run (the scenario's policy changes are left out). */
  readonly holdPolicy?: boolean
}

/** Stops a run; the worker answers `cancelled`. Unknown run ids are ignored. */
export interface CancelCommand {
  readonly type: 'cancel'
  readonly runId: number
}

/**
 * Longest wait, in ms, between two snapshots of an open run, unless one step takes longer: the
 * worker gathers the steps of its slices (a slice runs a few ms) and posts them together, so the
 * page pays for one store update and one redraw per batch rather than per slice, while the map
 * and the progress still move several times a second.
 */
export const SNAPSHOT_EVERY_MS = 150

/**
 * While a run is open the worker posts at least every {@link SNAPSHOT_EVERY_MS} (or after each
 * step when a step takes longer), so this long a silence, in ms, means the worker may be gone. The client then asks
 * whether the worker still holds the Web Lock named after it (it does while it lives, even busy
 * in one long step); if not, it ends the worker and fails its runs. Time the main thread itself
 * was busy does not count.
 */
export const WORKER_SILENCE_LIMIT_MS = 5000

/** What the main thread sends. */
export type WorkerCommand = RunCommand | CancelCommand

/** The run's result without the per-step data already streamed in snapshots. */
export type RunSummary = Omit<RunResult, 'stepFlows'>

/** The scenario was valid and the run began. */
export interface StartedMessage {
  readonly type: 'started'
  readonly runId: number
  readonly stepCount: number
  readonly stepMinutes: number
  /** The resolved world: indices in step records refer to its sites and cities. */
  readonly world: World
  /** The run's policy, outage and capacity events in time order, as the run applies them. */
  readonly timeline: TimelineEvent[]
  readonly startDate: string
  readonly hash: string
  /** Jurisdictions whose key deliveries count as exposures where no participant is (e.g. CN). */
  readonly concernJurisdictions: string[]
  /** Simulated participants per real participant (the scenario's `demand.scale`, defaults applied). */
  readonly scale: number
  /** Regions paid accounts may opt in to (the scenario's `accounts.paidOptInRegions`, defaults applied). */
  readonly paidOptInRegions: RegionId[]
}

/** How far the run has come (steps done of steps in all). */
export interface ProgressMessage {
  readonly type: 'progress'
  readonly runId: number
  readonly stepsDone: number
  readonly stepCount: number
}

/** Step records completed since the last snapshot, in order. */
export interface SnapshotMessage {
  readonly type: 'snapshot'
  readonly runId: number
  readonly steps: StepRecord[]
}

/** The run finished. */
export interface DoneMessage {
  readonly type: 'done'
  readonly runId: number
  readonly summary: RunSummary
}

/** The scenario was invalid or the run failed; nothing more comes for this run. */
export interface FailedMessage {
  readonly type: 'failed'
  readonly runId: number
  readonly errors: readonly ScenarioError[]
}

/** The run was cancelled. */
export interface CancelledMessage {
  readonly type: 'cancelled'
  readonly runId: number
}

/**
 * Checks a scenario file's text (JSON syntax, schema, references) in the worker, so a large
 * world's validation never holds the page; the worker answers `parsed` with the same id.
 */
export interface ParseScenarioCommand {
  readonly type: 'parseScenario'
  readonly requestId: number
  readonly text: string
}

/** The outcome of a `parseScenario` command: the scenario, or every problem with its path. */
export interface ParsedMessage {
  readonly type: 'parsed'
  readonly requestId: number
  readonly result: ParseResult
}

/** What the worker sends. */
export type WorkerMessage =
  | StartedMessage
  | ProgressMessage
  | SnapshotMessage
  | DoneMessage
  | FailedMessage
  | CancelledMessage

/**
 * Runs replications of one scenario (the replication pool's command, and what the pool gives each
 * of its workers one task at a time). `scenario` is untrusted JSON data: the worker validates it
 * and answers `replicationsFailed` when it is not valid. Summaries are deterministic per task, so
 * a set is the same whatever worker ran which task.
 */
export interface ReplicateCommand {
  readonly type: 'replicate'
  /** Names the set: every message about it carries this id. */
  readonly setId: number
  readonly scenario: unknown
  /** The replications to run (seed, index, and optionally a policy to run instead). */
  readonly tasks: readonly ReplicationTask[]
}

/** Stops a set: tasks not yet started are dropped and late summaries ignored. Unknown ids are ignored. */
export interface CancelReplicationsCommand {
  readonly type: 'cancelReplications'
  readonly setId: number
}

/** What the main thread sends the replication pool (and the pool its workers). */
export type ReplicationCommand = ReplicateCommand | CancelReplicationsCommand

/** One replication finished: `done` of the set's `total` have finished so far. */
export interface ReplicatedMessage {
  readonly type: 'replicated'
  readonly setId: number
  readonly summary: ReplicationSummary
  readonly done: number
  readonly total: number
}

/** Every replication of the set has finished (each was posted as `replicated` first). */
export interface ReplicationsDoneMessage {
  readonly type: 'replicationsDone'
  readonly setId: number
  readonly total: number
}

/**
 * The set stopped: its scenario was invalid, a replication failed, or a worker died or went
 * silent. `message` is a plain sentence for the page. Nothing more comes for this set.
 */
export interface ReplicationsFailedMessage {
  readonly type: 'replicationsFailed'
  readonly setId: number
  readonly message: string
}

/** What the replication pool (and each of its workers) sends. */
export type ReplicationMessage =
  ReplicatedMessage | ReplicationsDoneMessage | ReplicationsFailedMessage
