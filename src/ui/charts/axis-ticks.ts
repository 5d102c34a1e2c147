/**
 * Even axis ticks: round steps of 1, 2 or 5 times a power of ten from zero (d3-scale's nice
 * ticks), one notation for every tick of an axis, and dates at 00:00 UTC a whole number of days
 * apart.
 */
import { scaleLinear } from 'd3-scale'
import { formatCount } from '../panels/format'

/** Ticks from 0 to a round value at or above `max`, about `count` of them. */
export function countTicks(max: number, count = 4): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const ticks = scaleLinear().domain([0, top]).nice(count).ticks(count)
  return ticks.filter((t) => Number.isInteger(t) || top < count)
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** Formats every tick of an axis the same way: "10K, 20K" when the top reaches 10,000, else "1,500". */
export function tickFormatterFor(ticks: readonly number[]): (value: number) => string {
  const top = ticks[ticks.length - 1] ?? 0
  return top >= 10_000 ? (v) => COMPACT.format(v) : (v) => formatCount(v)
}

/** Minutes of the 00:00 UTC instants from 0 to `endMinutes`, every 1, 2, 7, 14 or 28 days to keep under `maxTicks`. */
export function dayTicks(endMinutes: number, maxTicks = 6): number[] {
  const days = Math.floor(Math.max(0, endMinutes) / 1440)
  const every = [1, 2, 7, 14, 28].find((d) => days / d < maxTicks) ?? 28
  const out: number[] = []
  for (let d = 0; d <= days; d += every) out.push(d * 1440)
  return out
}

/** Props of a recharts value axis from 0 to its top tick, every tick shown, in one notation. */
export function evenAxis(ticks: readonly number[]) {
  return {
    domain: [0, ticks[ticks.length - 1] ?? 1] as [number, number],
    ticks: [...ticks],
    interval: 0 as const,
    tickFormatter: tickFormatterFor(ticks),
  }
}
