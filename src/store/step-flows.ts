/**
 * Reading a step's flows without building them: a busy step of a large world holds tens of
 * thousands, and scans over every step of a streaming run (maxima, first exposures) would build
 * and keep an object for each on the page's thread. Steps that came packed from the worker are
 * read from their numbers; any other step record's `flows` are packed once, the same way.
 */
import type { StepFlow, StepRecord } from '../sim/model'
import { FIELDS, PLACE_FIELDS, stepNumbersOf, unpackFlows } from '../worker/step-codec'
import type { PackedFlows, PlaceTotals } from '../worker/step-codec'

export { FIELDS, PLACE_FIELDS }
export type { PackedFlows, PlaceTotals }

/** Packed flow numbers as flow objects. */
export function flowsOfNumbers({ data, start, end }: PackedFlows): StepFlow[] {
  return unpackFlows(data, start, end)
}

/**
 * A step's flows as numbers, {@link FIELDS} a flow as they travel packed: the packed ones for a
 * step that came packed, else packed here once. Scans that run over every step of a streaming run
 * read these in a plain loop: through a visitor shared by many callers, a busy step of a large
 * world took 6 to 16 ms of the page's thread where the loop takes a fraction of that.
 */
export function flowNumbersOf(step: StepRecord): PackedFlows {
  return stepNumbersOf(step).flows
}

/**
 * The keys `step` delivered by site and by city ({@link PlaceTotals}): those that came with a
 * step from the worker, else summed when the step is packed here, once.
 */
export function placeTotalsOf(step: StepRecord): PlaceTotals {
  return stepNumbersOf(step).places
}

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
  const { data, start, end } = flowNumbersOf(step)
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
