/**
 * A step's flows per (site, city) pair, summed and in the world: the engine lists a step's flows
 * one per pair, ordered by site then city, so a step as it came is almost always its own answer.
 * The map reads the pairs as packed numbers on every new step (tens of thousands in a large
 * world); building an object per pair there only to copy it into the arc drawn doubled the work
 * and the garbage of that task.
 */
import { FIELDS, flowNumbersOf, flowsOfNumbers, forEachFlowOf } from '../../store/step-flows'
import type { FlowsOrStep, PackedFlows } from '../../store/step-flows'
import type { StepRecord } from '../../sim/model'
import type { PairFlow } from './map-data'

/**
 * Sums a step's flows per (site, city), dropping pairs that point outside the world; ordered by
 * site then city, so the drawing order is stable from step to step.
 */
export function aggregateStepFlows(
  flows: FlowsOrStep,
  siteCount: number,
  cityCount: number,
): PairFlow[] {
  return flowsOfNumbers(stepPairNumbers(flows, siteCount, cityCount))
}

/**
 * The pairs of {@link aggregateStepFlows} as numbers, {@link FIELDS} a pair as flows travel
 * packed: a step's own numbers when its flows are already one per pair, in order and in the
 * world; else the sums, packed.
 */
export function stepPairNumbers(
  flows: FlowsOrStep,
  siteCount: number,
  cityCount: number,
): PackedFlows {
  if (!Array.isArray(flows)) {
    const numbers = flowNumbersOf(flows as StepRecord)
    if (isOnePerPairInWorld(numbers, siteCount, cityCount)) return numbers
  }
  return summedPairs(flows, siteCount, cityCount)
}

function isOnePerPairInWorld(
  { data, start, end }: PackedFlows,
  siteCount: number,
  cityCount: number,
): boolean {
  let last = -1
  for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS) {
    const siteIndex = data[at] as number
    const cityIndex = data[at + 1] as number
    const isInWorld =
      siteIndex >= 0 && siteIndex < siteCount && cityIndex >= 0 && cityIndex < cityCount
    const key = siteIndex * cityCount + cityIndex
    if (!isInWorld || key <= last) return false
    last = key
  }
  return true
}

function summedPairs(flows: FlowsOrStep, siteCount: number, cityCount: number): PackedFlows {
  const byPair = new Map<number, [deliveries: number, exposures: number, concern: number]>()
  forEachFlowOf(flows, (siteIndex, cityIndex, deliveries, exposures, concern) => {
    if (siteIndex < 0 || siteIndex >= siteCount || cityIndex < 0 || cityIndex >= cityCount) return
    const key = siteIndex * cityCount + cityIndex
    const sum = byPair.get(key)
    if (sum) {
      sum[0] += deliveries
      sum[1] += exposures
      sum[2] += concern
    } else byPair.set(key, [deliveries, exposures, concern])
  })
  const keys = [...byPair.keys()].sort((a, b) => a - b)
  const data = new Float64Array(keys.length * FIELDS)
  keys.forEach((key, i) => {
    const [deliveries, exposures, concern] = byPair.get(key) as [number, number, number]
    data.set(
      [Math.floor(key / cityCount), key % cityCount, deliveries, exposures, concern],
      i * FIELDS,
    )
  })
  return { data, start: 0, end: keys.length }
}
