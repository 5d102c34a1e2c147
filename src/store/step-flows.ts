/**
 * Reading a step's flows without building them: a busy step of a large world holds tens of
 * thousands, and scans over every step of a streaming run (maxima, first exposures) would build
 * and keep an object for each on the page's thread. Steps that came packed from the worker are
 * read from their numbers; any other step record from its `flows`.
 */
import type { StepFlow, StepRecord } from '../sim/model'
import { FIELDS, packedFlowsOf } from '../worker/step-codec'

/** Where a step that came packed keeps its flows' numbers, for loops that read them directly. */
export { FIELDS, packedFlowsOf }

/** Visits one flow's numbers; the arguments are those of a `StepFlow`. */
export type FlowVisitor = (
  siteIndex: number,
  cityIndex: number,
  deliveries: number,
  exposures: number,
  concern: number,
) => void

/** Calls `visit` for every flow of `step`, in order. */
export function forEachFlow(step: StepRecord, visit: FlowVisitor): void {
  const packed = packedFlowsOf(step)
  if (!packed) {
    for (const f of step.flows)
      visit(f.siteIndex, f.cityIndex, f.deliveries, f.exposures, f.concern)
    return
  }
  const { data, start, end } = packed
  for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS)
    visit(
      data[at] as number,
      data[at + 1] as number,
      data[at + 2] as number,
      data[at + 3] as number,
      data[at + 4] as number,
    )
}

/** A step's flows, or the step itself (read packed when it came packed). */
export type FlowsOrStep = readonly StepFlow[] | StepRecord

/** Calls `visit` for every flow of a flow list, or of a step as {@link forEachFlow} does. */
export function forEachFlowOf(flows: FlowsOrStep, visit: FlowVisitor): void {
  if (!Array.isArray(flows)) return forEachFlow(flows as StepRecord, visit)
  for (const f of flows as readonly StepFlow[])
    visit(f.siteIndex, f.cityIndex, f.deliveries, f.exposures, f.concern)
}
