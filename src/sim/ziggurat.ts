/**
 * Exponential and normal variates by the ziggurat method of G. Marsaglia and W. W. Tsang ("The
 * Ziggurat Method for Generating Random Variables", Journal of Statistical Software 5(8), 2000):
 * about 99 draws in 100 take one uniform, a table lookup and a multiplication, where inversion
 * (-log u) and Box-Muller pay a logarithm, a square root and a sine or cosine. The engine draws
 * one exponential or normal per arrival, meeting size and duration.
 *
 * Each draw reads one 32-bit output of the generator (a uniform times 2^32, exact) and, as J. A.
 * Doornik recommends ("An Improved Ziggurat Method", 2005), takes the layer from its low bits and
 * the position in the layer from the other, independent, bits: the original used the same bits
 * for both. The tables are computed once at load with Math.exp and Math.log, whose last bit V8
 * fixes (see engine.ts on determinism). The rare draws outside a layer's box are exact rejection
 * steps, so the variates have the exact distributions up to the 24 or 25 bits of position.
 */
import type { Random } from './random'

const TWO_32 = 4294967296

/** Bits of position within a layer (the exponential's 24 unsigned, the normal's 24 and a sign). */
const SCALE = 2 ** 24

/** A ziggurat's tables: per layer, the position limit of its box, the width of a step, the density at its top. */
interface Tables {
  readonly k: Int32Array
  readonly w: Float64Array
  readonly f: Float64Array
}

/**
 * Tables of `layers` layers of common area `v` under `density` (decreasing, density(0) = 1),
 * the base layer's edge at `r`; `inverse` undoes the density. Marsaglia and Tsang's set-up.
 */
function buildTables(
  layers: number,
  r: number,
  v: number,
  density: (x: number) => number,
  inverse: (y: number) => number,
): Tables {
  const k = new Int32Array(layers)
  const w = new Float64Array(layers)
  const f = new Float64Array(layers)
  let d = r
  let previous = d
  const q = v / density(d)
  k[0] = Math.floor((d / q) * SCALE)
  k[1] = 0
  w[0] = q / SCALE
  w[layers - 1] = d / SCALE
  f[0] = 1
  f[layers - 1] = density(d)
  for (let i = layers - 2; i >= 1; i--) {
    d = inverse(v / d + density(d))
    k[i + 1] = Math.floor((d / previous) * SCALE)
    previous = d
    f[i] = density(d)
    w[i] = d / SCALE
  }
  return { k, w, f }
}

const EXP_LAYERS = 256
/** Right edge of the exponential's base layer, and the common area of every layer. */
const EXP_R = 7.697117470131487
const {
  k: expK,
  w: expW,
  f: expF,
} = buildTables(
  EXP_LAYERS,
  EXP_R,
  3.949659822581572e-3,
  (x) => Math.exp(-x),
  (y) => -Math.log(y),
)

const NORMAL_LAYERS = 128
const NORMAL_R = 3.442619855899
const {
  k: normalK,
  w: normalW,
  f: normalF,
} = buildTables(
  NORMAL_LAYERS,
  NORMAL_R,
  9.91256303526217e-3,
  (x) => Math.exp(-0.5 * x * x),
  (y) => Math.sqrt(-2 * Math.log(y)),
)

/**
 * Draws a standard exponential variate (mean 1) into `out[slot]`. Written to an array rather
 * than returned: a double returned by a call that the compiler does not inline (its budget runs
 * out in the engine's larger loops) is boxed, an allocation per draw.
 */
export function zigguratExponential(random: Random, out: Float64Array, slot: number): void {
  const bits = (random.next() * TWO_32) >>> 0
  const layer = bits & (EXP_LAYERS - 1)
  const position = bits >>> 8
  if (position < (expK[layer] as number)) out[slot] = position * (expW[layer] as number)
  else exponentialOutside(random, layer, position, out, slot)
}

/** The draws outside a layer's box: the tail past the base, or a rejection test on the curve. */
// prettier-ignore
function exponentialOutside(random: Random, layer: number, position: number, out: Float64Array,
  slot: number): void {
  for (;;) {
    if (layer === 0) {
      out[slot] = EXP_R - Math.log(1 - random.next())
      return
    }
    const x = position * (expW[layer] as number)
    const f = expF[layer] as number
    if (f + random.next() * ((expF[layer - 1] as number) - f) < Math.exp(-x)) {
      out[slot] = x
      return
    }
    const bits = (random.next() * TWO_32) >>> 0
    layer = bits & (EXP_LAYERS - 1)
    position = bits >>> 8
    if (position < (expK[layer] as number)) {
      out[slot] = position * (expW[layer] as number)
      return
    }
  }
}

/** Draws a standard normal variate (mean 0, variance 1) into `out[slot]`, as {@link zigguratExponential}. */
export function zigguratNormal(random: Random, out: Float64Array, slot: number): void {
  const bits = (random.next() * TWO_32) | 0
  const layer = bits & (NORMAL_LAYERS - 1)
  const position = bits >> 7
  const limit = normalK[layer] as number
  if (position < limit && position > -limit) out[slot] = position * (normalW[layer] as number)
  else normalOutside(random, layer, position, out, slot)
}

/** The draws outside a layer's box: the tails past the base, or a rejection test on the curve. */
// prettier-ignore
function normalOutside(random: Random, layer: number, position: number, out: Float64Array,
  slot: number): void {
  for (;;) {
    if (layer === 0) {
      // Marsaglia's tail method: x from an exponential past the edge, kept with probability
      // exp(-x^2 / 2) through a second exponential.
      let x: number
      let y: number
      do {
        x = -Math.log(1 - random.next()) / NORMAL_R
        y = -Math.log(1 - random.next())
      } while (y + y < x * x)
      out[slot] = position > 0 ? NORMAL_R + x : -NORMAL_R - x
      return
    }
    const x = position * (normalW[layer] as number)
    const f = normalF[layer] as number
    if (f + random.next() * ((normalF[layer - 1] as number) - f) < Math.exp(-0.5 * x * x)) {
      out[slot] = x
      return
    }
    const bits = (random.next() * TWO_32) | 0
    layer = bits & (NORMAL_LAYERS - 1)
    position = bits >> 7
    const limit = normalK[layer] as number
    if (position < limit && position > -limit) {
      out[slot] = position * (normalW[layer] as number)
      return
    }
  }
}
