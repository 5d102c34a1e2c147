/**
 * Step records (and a finished run's flows and ledgers) on the wire. A busy step of a large world holds tens of thousands of flows, and
 * structured clone rebuilds every one of those objects on the page's main thread: here the flows
 * travel as one transferable Float64Array instead (five numbers a flow, so every value comes back
 * exactly), and the page rebuilds a step's flow objects only when something first reads them.
 */
import type { Flow, StepFlow, StepRecord } from '../sim/model'
import type { DoneMessage, RunSummary } from './protocol'

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
  /**
   * Each step's {@link PlaceTotals}: its sites' numbers from `placeStarts[2i]`, its cities' from
   * `placeStarts[2i + 1]`, up to `placeStarts[2i + 2]`.
   */
  readonly placeStarts: Uint32Array
  readonly places: Float64Array
}

/** Numbers per packed flow: siteIndex, cityIndex, deliveries, exposures, concern. */
export const FIELDS = 5

/** Numbers per place in {@link PlaceTotals}: deliveries, exposures, concern. */
export const PLACE_FIELDS = 3

/**
 * The keys a step delivered by place, summed over its flows that delivered keys:
 * {@link PLACE_FIELDS} numbers a site (by site index, up to the highest a flow names) and a city.
 * The site list, the city list, the labels, the city dots and the legend's peak all read these;
 * worked out once where a step is packed (the worker, for a run's steps), they spare the page's
 * thread a pass over every flow for each of them (passes that run once a step, so before V8 has
 * optimised them).
 */
export interface PlaceTotals {
  readonly sites: Float64Array
  readonly cities: Float64Array
}

// A flow that delivered no key, or has no site or city (a negative index), counts for no place;
// the engine gives neither.
const isPlaced = (flows: Float64Array, i: number): boolean =>
  (flows[i] as number) >= 0 && (flows[i + 1] as number) >= 0 && (flows[i + 2] as number) > 0

// How many sites and cities the place totals of flows `start` to `end` cover.
function placeSpans(flows: Float64Array, start: number, end: number) {
  let sites = 0
  let cities = 0
  for (let i = start * FIELDS; i < end * FIELDS; i += FIELDS) {
    if (!isPlaced(flows, i)) continue
    sites = Math.max(sites, (flows[i] as number) + 1)
    cities = Math.max(cities, (flows[i + 1] as number) + 1)
  }
  return { sites, cities }
}

// Adds the place totals of flows `start` to `end` into `out` from `at`: `sites` sites', then
// the cities'.
function addPlaceTotals(
  flows: Float64Array,
  start: number,
  end: number,
  sites: number,
  out: Float64Array,
  at: number,
): void {
  for (let i = start * FIELDS; i < end * FIELDS; i += FIELDS) {
    if (!isPlaced(flows, i)) continue
    const site = at + PLACE_FIELDS * (flows[i] as number)
    const city = at + PLACE_FIELDS * (sites + (flows[i + 1] as number))
    for (let k = 0; k < PLACE_FIELDS; k++) {
      const n = flows[i + 2 + k] as number
      out[site + k] = (out[site + k] as number) + n
      out[city + k] = (out[city + k] as number) + n
    }
  }
}

/** Packs steps for posting; transfer the buffers {@link transferablesOf} gives with the message. */
export function packSteps(runId: number, steps: readonly StepRecord[]): PackedSnapshotMessage {
  // Each step's flows are read once (a step unpacked here builds them on its first read).
  const heads: StepHead[] = []
  const flowsOfSteps: (readonly StepFlow[])[] = []
  for (const { flows: stepFlows, ...head } of steps) {
    heads.push(head)
    flowsOfSteps.push(stepFlows)
  }
  const flowStarts = new Uint32Array(steps.length + 1)
  let count = 0
  flowsOfSteps.forEach((stepFlows, i) => {
    flowStarts[i] = count
    count += stepFlows.length
  })
  flowStarts[steps.length] = count
  const flows = new Float64Array(count * FIELDS)
  let at = 0
  for (const stepFlows of flowsOfSteps) {
    for (const f of stepFlows) {
      flows[at++] = f.siteIndex
      flows[at++] = f.cityIndex
      flows[at++] = f.deliveries
      flows[at++] = f.exposures
      flows[at++] = f.concern
    }
  }
  const spans = heads.map((_, i) =>
    placeSpans(flows, flowStarts[i] as number, flowStarts[i + 1] as number),
  )
  const placeStarts = new Uint32Array(2 * steps.length + 1)
  let places = 0
  spans.forEach(({ sites, cities }, i) => {
    placeStarts[2 * i] = places
    placeStarts[2 * i + 1] = places += PLACE_FIELDS * sites
    places += PLACE_FIELDS * cities
  })
  placeStarts[2 * steps.length] = places
  const totals = new Float64Array(places)
  spans.forEach(({ sites }, i) => {
    const [from, to] = [flowStarts[i] as number, flowStarts[i + 1] as number]
    addPlaceTotals(flows, from, to, sites, totals, placeStarts[2 * i] as number)
  })
  return { type: 'packedSnapshot', runId, heads, flowStarts, flows, placeStarts, places: totals }
}

/** The buffers of a packed message, to transfer rather than copy. */
export function transferablesOf(message: PackedSnapshotMessage | PackedDoneMessage): ArrayBuffer[] {
  const flows = message.flows.buffer as ArrayBuffer
  if (message.type === 'packedDone') return [flows]
  const { flowStarts, placeStarts, places } = message
  return [flows, ...[flowStarts, placeStarts, places].map((a) => a.buffer as ArrayBuffer)]
}

/** The flows `start` to `end` of packed numbers, as objects. */
export function unpackFlows(flows: Float64Array, start: number, end: number): StepFlow[] {
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

/** A step's flows as they came packed: `FIELDS` numbers a flow, flows `start` to `end`. */
export interface PackedFlows {
  readonly data: Float64Array
  readonly start: number
  readonly end: number
}

/** A step's flows as packed numbers, and its {@link PlaceTotals}. */
export interface StepNumbers {
  readonly flows: PackedFlows
  readonly places: PlaceTotals
}

const numbersOfStep = new WeakMap<StepRecord, StepNumbers>()

// Keeps step `i` of `message`'s numbers for `step`.
function keepNumbers(step: StepRecord, message: PackedSnapshotMessage, i: number): void {
  const { flowStarts, flows, placeStarts, places } = message
  const [sites, cities, next] = [2 * i, 2 * i + 1, 2 * i + 2].map((k) => placeStarts[k] as number)
  numbersOfStep.set(step, {
    flows: { data: flows, start: flowStarts[i] as number, end: flowStarts[i + 1] as number },
    places: { sites: places.subarray(sites, cities), cities: places.subarray(cities, next) },
  })
}

/**
 * The numbers of a step record: those it came with when unpacked here, else (a record made on
 * the page) packed now, the way the worker packs, and kept.
 */
export function stepNumbersOf(step: StepRecord): StepNumbers {
  const known = numbersOfStep.get(step)
  if (known) return known
  keepNumbers(step, packSteps(0, [step]), 0)
  return numbersOfStep.get(step) as StepNumbers
}

/**
 * `target` with `key` as an enumerable property that `build`s its value on first read and keeps
 * it, so JSON, spreads and every reader see the same object as before packing.
 */
function builtOnRead<R>(target: object, key: string, build: () => unknown): R {
  let built: unknown
  let isBuilt = false
  return Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      if (!isBuilt) [built, isBuilt] = [build(), true]
      return built
    },
  }) as R
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
    const step = builtOnRead<StepRecord>({ ...head }, 'flows', () => unpackFlows(flows, start, end))
    keepNumbers(step, message, i)
    return step
  })
}

/**
 * The `done` message with the run's flows packed (a large world has a flow per site and city) and
 * its ledgers as JSON text: the page clones a string in no time, where thousands of nested
 * ledger objects took about 30 ms on its thread, and parses the text only when a view reads them.
 */
export interface PackedDoneMessage {
  readonly type: 'packedDone'
  readonly runId: number
  readonly summary: Omit<RunSummary, 'flows' | 'ledgers'>
  /** `JSON.stringify` of the summary's ledgers (plain data: strings, finite numbers, booleans). */
  readonly ledgers: string
  /** The site ids, then the city ids, the flows name (each flow points into these). */
  readonly siteIds: string[]
  readonly cityIds: string[]
  /** site id index, city id index, deliveries, crossBorder, concern of every flow. */
  readonly flows: Float64Array
}

function indexer(ids: string[]): (id: string) => number {
  const index = new Map<string, number>()
  return (id) => {
    let i = index.get(id)
    if (i === undefined) index.set(id, (i = ids.push(id) - 1))
    return i
  }
}

/** Packs a `done` message for posting; transfer `[flows.buffer]` with it. */
export function packDone(message: DoneMessage): PackedDoneMessage {
  const { flows: runFlows, ledgers, ...summary } = message.summary
  const siteIds: string[] = []
  const cityIds: string[] = []
  const siteAt = indexer(siteIds)
  const cityAt = indexer(cityIds)
  const flows = new Float64Array(runFlows.length * FIELDS)
  let at = 0
  for (const f of runFlows) {
    flows[at++] = siteAt(f.keySiteId)
    flows[at++] = cityAt(f.cityId)
    flows[at++] = f.deliveries
    flows[at++] = f.crossBorder
    flows[at++] = f.concern
  }
  return {
    type: 'packedDone',
    runId: message.runId,
    summary,
    ledgers: JSON.stringify(ledgers),
    siteIds,
    cityIds,
    flows,
  }
}

/**
 * The `done` message of a packed one; the summary's `flows` and `ledgers` are built on first
 * read and kept.
 */
export function unpackDone(message: PackedDoneMessage): DoneMessage {
  const { siteIds, cityIds, flows, ledgers } = message
  const build = (): Flow[] => {
    const out: Flow[] = new Array<Flow>(flows.length / FIELDS)
    for (let i = 0, at = 0; at < flows.length; i++, at += FIELDS)
      out[i] = {
        keySiteId: siteIds[flows[at] as number] as string,
        cityId: cityIds[flows[at + 1] as number] as string,
        deliveries: flows[at + 2] as number,
        crossBorder: flows[at + 3] as number,
        concern: flows[at + 4] as number,
      }
    return out
  }
  const summary = builtOnRead<RunSummary>({ ...message.summary }, 'flows', build)
  builtOnRead(summary, 'ledgers', () => JSON.parse(ledgers) as unknown)
  return { type: 'done', runId: message.runId, summary }
}
