/**
 * Pure derivations of the store's state for the views: the run the map shows, and where a time
 * falls among its steps. Charts are in chart-selectors.ts, sites in site-selectors.ts, incidents
 * and key paths in incident-selectors.ts. A run's step list grows in place as snapshots arrive
 * (runs-slice.ts), so anything memoised on it keys on its length as well.
 */
import type { StepRecord } from '../sim/model'
import { POLICIES } from '../sim/routing'
import type { AppState, RunState } from './store'

/**
 * Splits `length` items into at most `maxBuckets` contiguous buckets; returns each bucket's
 * [start, end) index pair.
 */
export function buckets(length: number, maxBuckets: number): Array<readonly [number, number]> {
  const count = Math.min(length, Math.max(1, Math.floor(maxBuckets)))
  const out: Array<readonly [number, number]> = []
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * length) / count)
    const end = Math.floor(((b + 1) * length) / count)
    if (end > start) out.push([start, end])
  }
  return out
}

/** Minutes at which the run (as far as it has been received) ends. */
export function receivedEndMinutes(run: RunState | null): number {
  if (!run || run.steps.length === 0) return 0
  const last = run.steps[run.steps.length - 1] as StepRecord
  return last.startMinutes + run.stepMinutes
}

/** Minutes at which the whole run ends (known once it has started). */
export function runEndMinutes(run: RunState | null): number {
  return run ? run.stepCount * run.stepMinutes : 0
}

/** Index of the received step that contains `minutes`, or -1 before any step arrived. */
export function stepIndexAt(run: RunState | null, minutes: number): number {
  if (!run || run.steps.length === 0) return -1
  const index = Math.floor(minutes / run.stepMinutes)
  return Math.max(0, Math.min(run.steps.length - 1, index))
}

/** The received step that contains `minutes`. */
export function currentStep(run: RunState | null, minutes: number): StepRecord | null {
  const index = stepIndexAt(run, minutes)
  return index < 0 ? null : ((run as RunState).steps[index] ?? null)
}

/** Minutes at which the received step containing `minutes` ends; null before any step arrived. */
export function shownStepEndMinutes(run: RunState | null, minutes: number): number | null {
  const step = currentStep(run, minutes)
  return step ? step.startMinutes + (run as RunState).stepMinutes : null
}

/** Whether a step delivered any key outside the allowed regions or from a jurisdiction of concern. */
export function hasExposure(step: StepRecord): boolean {
  return step.exposedDeliveries > 0
}

/** Start of the first step after the one at `minutes` that has an exposure, or null. */
export function nextExposureMinutes(run: RunState | null, minutes: number): number | null {
  if (!run) return null
  const from = stepIndexAt(run, minutes) + 1
  for (let i = Math.max(0, from); i < run.steps.length; i++) {
    const step = run.steps[i] as StepRecord
    if (hasExposure(step)) return step.startMinutes
  }
  return null
}

/**
 * The run the map draws: the compared one when compare is on and the user chose it. Every panel
 * that shows run data beside the map (selection, incidents, figures, charts) reads this one.
 */
export function selectMapRun(state: Pick<AppState, 'run' | 'compare' | 'mapRun'>): RunState | null {
  return state.mapRun === 'compare' && state.compare ? state.compare : state.run
}

/**
 * While comparing, the label of the policy whose run the panels show, e.g. "Geofenced"; null
 * when there is only one run.
 */
export function shownPolicyLabel(
  state: Pick<AppState, 'run' | 'compare' | 'mapRun' | 'comparePolicy'>,
): string | null {
  if (!state.comparePolicy || !state.compare) return null
  const run = selectMapRun(state)
  return run ? POLICIES[run.policy].label : null
}
