/**
 * The engine's only source of randomness: a seeded sfc32 generator, independent streams
 * expanded from one seed, and the distributions built on them. Same seed, same sequence, on every machine (only 32-bit integer arithmetic and IEEE
 * double operations whose results JavaScript defines exactly).
 */

/** The largest seed a scenario, a link or the CLI takes: seeds are 32-bit unsigned integers. */
export const SEED_MAX = 4294967295

/** A seeded stream of uniform numbers in [0, 1). */
export interface Random {
  /** Next uniform number in [0, 1), 32 bits of resolution. */
  next(): number
}

/**
 * The sfc32 generator of PractRand (Chris Doty-Humphrey, public domain) from a given state:
 * `a`, `b`, `c` and a counter. Hand-written rather than taken from a package: it is a dozen lines
 * of integer arithmetic, the engine's determinism rests on its exact bits, and a test checks it
 * against PractRand's published output. Each number is a 32-bit output divided by 2^32, exactly.
 */
export function sfc32(a: number, b: number, c: number, counter: number): Random {
  return new Sfc32(a, b, c, counter)
}

/** Uniforms a generator makes at a time (see {@link Sfc32}). */
const BUFFERED = 64

/**
 * A class rather than a closure: every generator shares one method, so the engine's call sites
 * stay monomorphic across runs. Numbers are made {@link BUFFERED} at a time in a tight loop
 * (the state in local 32-bit integers) and handed out from a Float64Array: `next` is then a
 * read small enough for the engine's hot loops to inline, where a call that returns a double
 * would box it. The sequence is the generator's own, one number after the other, as before.
 */
class Sfc32 implements Random {
  private readonly state: Int32Array
  private readonly buffer = new Float64Array(BUFFERED)
  private used = BUFFERED

  constructor(a: number, b: number, c: number, counter: number) {
    this.state = Int32Array.of(a, b, c, counter)
  }

  next(): number {
    if (this.used === BUFFERED) this.refill()
    return this.buffer[this.used++] as number
  }

  private refill(): void {
    const state = this.state
    const buffer = this.buffer
    let a = state[0] as number
    let b = state[1] as number
    let c = state[2] as number
    let d = state[3] as number
    for (let i = 0; i < BUFFERED; i++) {
      const t = (((a + b) | 0) + d) | 0
      d = (d + 1) | 0
      a = b ^ (b >>> 9)
      b = (c + (c << 3)) | 0
      c = (((c << 21) | (c >>> 11)) + t) | 0
      buffer[i] = (t >>> 0) / 4294967296
    }
    state[0] = a
    state[1] = b
    state[2] = c
    state[3] = d
    this.used = 0
  }
}

/**
 * Creates the generator for a seed (any integer; non-integers are truncated). The seed is
 * expanded with splitmix32 so that nearby seeds give unrelated streams.
 */
export function createRandom(seed: number): Random {
  let s = Math.trunc(seed) >>> 0
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  const a = splitmix()
  const b = splitmix()
  const c = splitmix()
  const random = sfc32(a, b, c, splitmix())
  // The first outputs of a fresh sfc32 state are weakly mixed: discard a few.
  for (let i = 0; i < 12; i++) random.next()
  return random
}

/**
 * The seed of one of several independent streams expanded from a run's seed (stream 0, 1, …),
 * so that parts of a model can draw without shifting each other's sequences.
 */
export function streamSeed(seed: number, stream: number): number {
  let z = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/**
 * Walker's alias table for drawing an index with probability proportional to its weight in
 * O(1). Build once per set of weights ({@link buildAliasTable}), draw many times. A class, so
 * that the engine's hot loop calls its draws as methods.
 */
export class AliasTable {
  /**
   * @param probability per index, the chance of keeping it rather than its alias
   * @param alias per index, the index drawn instead
   * @param totalWeight sum of the weights the table was built from
   */
  constructor(
    readonly probability: Float64Array,
    readonly alias: Int32Array,
    public totalWeight: number,
  ) {}

  get size(): number {
    return this.probability.length
  }

  /** Draws an index (consumes one uniform). */
  draw(random: Random): number {
    const x = random.next() * this.probability.length
    const i = x | 0
    return x - i < (this.probability[i] ?? 1) ? i : (this.alias[i] ?? i)
  }

  /**
   * Draws an index with the uniform `u` in [0, 1), and writes to `rest[0]` what is left of `u`:
   * a uniform in [0, 1), independent of the index, with about 32 - log2(size) bits of
   * resolution: enough to choose among a few (an account kind) without another uniform.
   */
  drawFrom(u: number, rest: Float64Array): number {
    const x = u * this.probability.length
    const i = x | 0
    const f = x - i
    const p = this.probability[i] ?? 1
    if (f < p) {
      rest[0] = f / p
      return i
    }
    rest[0] = (f - p) / (1 - p)
    return this.alias[i] ?? i
  }
}

/** Work arrays of {@link buildAliasTable}, kept between builds: a build never re-enters. */
let scaledWork = new Float64Array(0)
let smallWork = new Int32Array(0)
let largeWork = new Int32Array(0)

/**
 * Builds an alias table. Weights must be finite and non-negative with a positive sum. A table
 * of the same size passed as `reuse` is overwritten and returned (the arrival process rebuilds
 * its table every rate interval): the build then allocates nothing.
 */
export function buildAliasTable(weights: ArrayLike<number>, reuse?: AliasTable | null): AliasTable {
  const n = weights.length
  let total = 0
  for (let i = 0; i < n; i++) total += weights[i] ?? 0
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new Error('alias table needs weights with a positive, finite sum')
  }
  const table =
    reuse?.size === n ? reuse : new AliasTable(new Float64Array(n), new Int32Array(n), total)
  table.totalWeight = total
  const { probability, alias } = table
  if (scaledWork.length < n) {
    scaledWork = new Float64Array(n)
    smallWork = new Int32Array(n)
    largeWork = new Int32Array(n)
  }
  const scaled = scaledWork
  // Stacks (last in, first out), as the arrays the table was first built with.
  const small = smallWork
  const large = largeWork
  let smallCount = 0
  let largeCount = 0
  for (let i = 0; i < n; i++) {
    const x = ((weights[i] ?? 0) * n) / total
    scaled[i] = x
    if (x < 1) small[smallCount++] = i
    else large[largeCount++] = i
  }
  while (smallCount > 0 && largeCount > 0) {
    const s = small[--smallCount] as number
    const l = large[--largeCount] as number
    probability[s] = scaled[s] as number
    alias[s] = l
    const rest = (scaled[l] as number) + (scaled[s] as number) - 1
    scaled[l] = rest
    if (rest < 1) small[smallCount++] = l
    else large[largeCount++] = l
  }
  // Every index left keeps itself.
  for (let k = 0; k < largeCount; k++) {
    const i = large[k] as number
    probability[i] = 1
    alias[i] = i
  }
  for (let k = 0; k < smallCount; k++) {
    const i = small[k] as number
    probability[i] = 1
    alias[i] = i
  }
  return table
}

/** Draws an index from an alias table (consumes one uniform). */
export function drawAlias(table: AliasTable, random: Random): number {
  return table.draw(random)
}
