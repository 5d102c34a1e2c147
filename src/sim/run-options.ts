/**
 * The options of one run (engine.ts): what changes a run without editing its scenario. In a
 * module of its own so the engine's file stays about the run itself.
 */
import type { PolicyId } from './model'

/** Options that change a run without editing its scenario. */
export interface RunOptions {
  /** Replaces the scenario's seed. */
  readonly seed?: number
  /**
   * Replaces the scenario's policy. A policy other than the scenario's own replaces its policy
   * history too (its `policy` events are left out); list corrections (the 3 April 2020 fix)
   * still apply to it, unless `holdPolicy` is set.
   */
  readonly policy?: PolicyId
  /**
   * Keeps the policy, as it was at the start, for the whole run: the scenario's `policy` and
   * `list-correction` events are left out.
   */
  readonly holdPolicy?: boolean
  /**
   * Called after each participant's join with its meeting, slot, city index and site index (-1:
   * not connected). For tests that check a ledger against what the engine did; no effect on the run.
   */
  readonly onJoin?: (meetingId: number, slot: number, city: number, site: number) => void
  /**
   * Whether steps carry their flows (default true). A run that reads only figures (a
   * replication) sets false: its steps' `flows` and its result's `stepFlows` are empty, every
   * other figure is the same, and the run neither counts nor scans per-step flows.
   */
  readonly isStepFlowsKept?: boolean
}
