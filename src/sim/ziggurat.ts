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

/** Layers of the exponential ziggurat and the bits of position within one. */
const EXP_LAYERS = 256
const EXP_SCALE = 2 ** 24
/** Right edge of the base layer, and the common area of every layer. */
const EXP_R = 7.697117470131487
const EXP_V = 3.949659822581572e-3

const expK = new Int32Array(EXP_LAYERS)
const expW = new Float64Array(EXP_LAYERS)
const expF = new Float64Array(EXP_LAYERS)
{
  let d = EXP_R
  let previous = d
  const q = EXP_V / Math.exp(-d)
  expK[0] = Math.floor((d / q) * EXP_SCALE)
  expK[1] = 0
  expW[0] = q / EXP_SCALE
  expW[EXP_LAYERS - 1] = d / EXP_SCALE
  expF[0] = 1
  expF[EXP_LAYERS - 1] = Math.exp(-d)
  for (let i = EXP_LAYERS - 2; i >= 1; i--) {
    d = -Math.log(EXP_V / d + Math.exp(-d))
    expK[i + 1] = Math.floor((d / previous) * EXP_SCALE)
    previous = d
    expF[i] = Math.exp(-d)
    expW[i] = d / EXP_SCALE
  }
}

/** Layers of the normal ziggurat and the bits of position (with sign) within one. */
const NORMAL_LAYERS = 128
const NORMAL_SCALE = 2 ** 24
const NORMAL_R = 3.442619855899
const NORMAL_V = 9.91256303526217e-3

const normalK = new Int32Array(NORMAL_LAYERS)
const normalW = new Float64Array(NORMAL_LAYERS)
const normalF = new Float64Array(NORMAL_LAYERS)
{
  let d = NORMAL_R
  let previous = d
  const q = NORMAL_V / Math.exp(-0.5 * d * d)
  normalK[0] = Math.floor((d / q) * NORMAL_SCALE)
  normalK[1] = 0
  normalW[0] = q / NORMAL_SCALE
  normalW[NORMAL_LAYERS - 1] = d / NORMAL_SCALE
  normalF[0] = 1
  normalF[NORMAL_LAYERS - 1] = Math.exp(-0.5 * d * d)
  for (let i = NORMAL_LAYERS - 2; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(NORMAL_V / d + Math.exp(-0.5 * d * d)))
    normalK[i + 1] = Math.floor((d / previous) * NORMAL_SCALE)
    previous = d
    normalF[i] = Math.exp(-0.5 * d * d)
    normalW[i] = d / NORMAL_SCALE
  }
}

/**
 * A standard exponential variate (mean 1). Small, so that the engine's loops inline it (a
 * double returned by a call that is not inlined is boxed); the rare rest is apart.
 */
export function zigguratExponential(random: Random): number {
  const bits = (random.next() * TWO_32) >>> 0
  const layer = bits & (EXP_LAYERS - 1)
  const position = bits >>> 8
  if (position < (expK[layer] as number)) return position * (expW[layer] as number)
  return exponentialOutside(random, layer, position)
}

/** The draws outside a layer's box: the tail past the base, or a rejection test on the curve. */
function exponentialOutside(random: Random, layer: number, position: number): number {
  for (;;) {
    if (layer === 0) return EXP_R - Math.log(1 - random.next())
    const x = position * (expW[layer] as number)
    const f = expF[layer] as number
    if (f + random.next() * ((expF[layer - 1] as number) - f) < Math.exp(-x)) return x
    const bits = (random.next() * TWO_32) >>> 0
    layer = bits & (EXP_LAYERS - 1)
    position = bits >>> 8
    if (position < (expK[layer] as number)) return position * (expW[layer] as number)
  }
}

/** A standard normal variate (mean 0, variance 1); inlined like {@link zigguratExponential}. */
export function zigguratNormal(random: Random): number {
  const bits = (random.next() * TWO_32) | 0
  const layer = bits & (NORMAL_LAYERS - 1)
  const position = bits >> 7
  if (Math.abs(position) < (normalK[layer] as number)) return position * (normalW[layer] as number)
  return normalOutside(random, layer, position)
}

/** The draws outside a layer's box: the tails past the base, or a rejection test on the curve. */
function normalOutside(random: Random, layer: number, position: number): number {
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
      return position > 0 ? NORMAL_R + x : -NORMAL_R - x
    }
    const x = position * (normalW[layer] as number)
    const f = normalF[layer] as number
    if (f + random.next() * ((normalF[layer - 1] as number) - f) < Math.exp(-0.5 * x * x)) return x
    const bits = (random.next() * TWO_32) | 0
    layer = bits & (NORMAL_LAYERS - 1)
    position = bits >> 7
    if (Math.abs(position) < (normalK[layer] as number))
      return position * (normalW[layer] as number)
  }
}
