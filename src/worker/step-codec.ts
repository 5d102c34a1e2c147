/**
 * Step records on the wire. A busy step of a large world holds tens of thousands of flows, and
 * structured clone rebuilds every one of those objects on the page's main thread: here the flows
 * travel as one transferable Float64Array instead (five numbers a flow, so every value comes back
 * exactly), and the page rebuilds a step's flow objects only when something first reads them.
 */
import type { StepFlow, StepRecord } from '../sim/model'

/** A step record without its flows (they travel packed beside it). */
export type StepHead = Omit<StepRecord, 'flows'>

/** Steps of one run as the worker posts them: heads as plain data, flows packed. */
export interface PackedSnapshotMessage {
  readonly type: 'packedSnapshot'
  readonly runId: number
  readonly heads: StepHead[]
  /** Where each step's flows start in `flows`, in flows; one more entry than `heads`. */
  readonly flowStarts: Uint32Array
  /** siteIndex, cityIndex, deliveries, exposures, concern of every flow, step after step. */
  readonly flows: Float64Array
}

const FIELDS = 5

/** Packs steps for posting; transfer `[flowStarts.buffer, flows.buffer]` with the message. */
export function packSteps(runId: number, steps: readonly StepRecord[]): PackedSnapshotMessage {
  const flowStarts = new Uint32Array(steps.length + 1)
  let count = 0
  steps.forEach((step, i) => {
    flowStarts[i] = count
    count += step.flows.length
  })
  flowStarts[steps.length] = count
  const flows = new Float64Array(count * FIELDS)
  const heads: StepHead[] = []
  let at = 0
  for (const step of steps) {
    const { flows: stepFlows, ...head } = step
    heads.push(head)
    for (const f of stepFlows) {
      flows[at++] = f.siteIndex
      flows[at++] = f.cityIndex
      flows[at++] = f.deliveries
      flows[at++] = f.exposures
      flows[at++] = f.concern
    }
  }
  return { type: 'packedSnapshot', runId, heads, flowStarts, flows }
}

/** The buffers of a packed message, to transfer rather than copy. */
export function transferablesOf(message: PackedSnapshotMessage): ArrayBuffer[] {
  return [message.flowStarts.buffer as ArrayBuffer, message.flows.buffer as ArrayBuffer]
}

function unpackFlows(flows: Float64Array, start: number, end: number): StepFlow[] {
  const out: StepFlow[] = new Array<StepFlow>(end - start)
  for (let i = start, at = start * FIELDS; i < end; i++, at += FIELDS)
    out[i - start] = {
      siteIndex: flows[at] as number,
      cityIndex: flows[at + 1] as number,
      deliveries: flows[at + 2] as number,
      exposures: flows[at + 3] as number,
      concern: flows[at + 4] as number,
    }
  return out
}

/**
 * The step records of a packed message. Each record's `flows` is an enumerable property that
 * builds its objects on first read and keeps them, so JSON, spreads and every reader see the
 * same records as before packing.
 */
export function unpackSteps(message: PackedSnapshotMessage): StepRecord[] {
  const { heads, flowStarts, flows } = message
  return heads.map((head, i) => {
    const start = flowStarts[i] as number
    const end = flowStarts[i + 1] as number
    let built: StepFlow[] | null = null
    return Object.defineProperty({ ...head }, 'flows', {
      enumerable: true,
      get: () => (built ??= unpackFlows(flows, start, end)),
    }) as StepRecord
  })
}
