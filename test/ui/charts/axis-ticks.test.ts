import { describe, expect, it } from 'vitest'
import { countTicks, dayTicks, tickFormatterFor } from '../../../src/ui/charts/axis-ticks'

describe('axis ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten from zero, never 300 or 600', () => {
    for (const max of [7, 58, 1234, 3524, 4192, 8000, 12_345, 498_230]) {
      const ticks = countTicks(max)
      expect(ticks[0]).toBe(0)
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max)
      const step = (ticks[1] ?? 0) - (ticks[0] ?? 0)
      const mantissa = step / 10 ** Math.floor(Math.log10(step))
      expect([1, 2, 5]).toContain(Math.round(mantissa * 1000) / 1000)
      ticks.forEach((t, i) => expect(t).toBe(i * step))
    }
    expect(countTicks(1234)).toEqual([0, 500, 1000, 1500])
  })

  it('writes every tick of an axis in one notation', () => {
    const small = countTicks(1234)
    expect(small.map(tickFormatterFor(small))).toEqual(['0', '500', '1,000', '1,500'])
    const large = countTicks(48_000)
    expect(large.map(tickFormatterFor(large))).toEqual(['0', '10K', '20K', '30K', '40K', '50K'])
  })

  it('puts date ticks at 00:00 UTC, evenly a whole number of days apart', () => {
    const nine = dayTicks(9 * 1440)
    expect(nine).toEqual([0, 2880, 5760, 8640, 11520])
    const long = dayTicks(120 * 1440)
    const gaps = new Set(long.slice(1).map((t, i) => t - (long[i] ?? 0)))
    expect(gaps.size).toBe(1)
    expect(long.every((t) => t % 1440 === 0)).toBe(true)
    expect(long.length).toBeLessThanOrEqual(6)
  })
})
