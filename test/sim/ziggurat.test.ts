import { describe, expect, it } from 'vitest'
import { createRandom } from '../../src/sim/random'
import type { Random } from '../../src/sim/random'
import { zigguratExponential, zigguratNormal } from '../../src/sim/ziggurat'

const out = new Float64Array(1)
const exponential = (r: Random): number => {
  zigguratExponential(r, out, 0)
  return out[0] as number
}
const normal = (r: Random): number => {
  zigguratNormal(r, out, 0)
  return out[0] as number
}

/** Kolmogorov-Smirnov statistic times sqrt(n) of `sample` against `cdf`. */
function ks(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort()
  let d = 0
  sorted.forEach((x, i) => {
    const c = cdf(x)
    d = Math.max(d, Math.abs(c - i / sorted.length), Math.abs(c - (i + 1) / sorted.length))
  })
  return d * Math.sqrt(sorted.length)
}

/** The standard normal CDF (Abramowitz and Stegun 26.2.17, error below 1e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x))
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly
  return x >= 0 ? 1 - tail : tail
}

const N = 400_000

function sample(draw: () => number): Float64Array {
  return Float64Array.from({ length: N }, draw)
}

describe('ziggurat', () => {
  // 1.63 is the 99% critical value of the Kolmogorov distribution.
  it('draws standard exponentials: the right distribution, mean and tail', () => {
    const r = createRandom(5)
    const xs = sample(() => exponential(r))
    expect(ks(xs, (x) => 1 - Math.exp(-x))).toBeLessThan(1.63)
    const mean = xs.reduce((a, b) => a + b, 0) / N
    expect(Math.abs(mean - 1)).toBeLessThan(0.01)
    // Past the base layer's edge (7.697) lies exp(-7.697) = 0.045% of the mass.
    const tail = xs.filter((x) => x > 7.697117470131487).length / N
    expect(Math.abs(tail - 4.54e-4)).toBeLessThan(1.5e-4)
    expect(xs.every((x) => x >= 0)).toBe(true)
  })

  it('draws standard normals: the right distribution, moments and both tails', () => {
    const r = createRandom(6)
    const xs = sample(() => normal(r))
    expect(ks(xs, normalCdf)).toBeLessThan(1.63)
    const mean = xs.reduce((a, b) => a + b, 0) / N
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / N
    expect(Math.abs(mean)).toBeLessThan(0.006)
    expect(Math.abs(variance - 1)).toBeLessThan(0.01)
    // Past the base layer's edge (3.4426) on each side: 0.0288% of the mass.
    const upper = xs.filter((x) => x > 3.442619855899).length / N
    const lower = xs.filter((x) => x < -3.442619855899).length / N
    for (const tail of [upper, lower]) expect(Math.abs(tail - 2.88e-4)).toBeLessThan(1.2e-4)
  })

  it('repeats its sequence for a seed', () => {
    const a = createRandom(9)
    const b = createRandom(9)
    for (let i = 0; i < 1000; i++) {
      expect(exponential(a)).toBe(exponential(b))
      expect(normal(a)).toBe(normal(b))
    }
  })
})
