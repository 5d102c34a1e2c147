import { describe, expect, it } from 'vitest'
import { buildAliasTable, createRandom, drawAlias, sfc32, streamSeed } from '../../src/sim/random'

describe('random', () => {
  // PractRand pre0.95 `RNG_output sfc32 64 <seed>`: a = 0, b and c the seed's low and high
  // 32 bits, counter 1, 12 outputs discarded (PractRand's own seeding of a 64-bit seed).
  it.each([
    [0n, [0x514676c3, 0x08a809df, 0x30349d2b, 0xfb52c520, 0x38802be1, 0x948279e6]],
    [0x0123456789abcdefn, [0x84712d97, 0xf5a3d9c8, 0x5cd0a295, 0x35e05b54, 0x4c627ca1, 0x33a043e2]],
  ])('sfc32 matches the PractRand reference output for seed %s', (seed, expected) => {
    const random = sfc32(0, Number(seed & 0xffffffffn), Number(seed >> 32n), 1)
    for (let i = 0; i < 12; i++) random.next()
    // Dividing a 32-bit integer by 2^32 is exact, so the raw outputs come back exactly.
    expect(Array.from({ length: expected.length }, () => random.next() * 2 ** 32)).toEqual(expected)
  })

  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const c = createRandom(43)
    const seqA = Array.from({ length: 100 }, () => a.next())
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA)
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA)
  })

  it('stays within [0, 1) and is roughly uniform', () => {
    const r = createRandom(7)
    const bins = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const x = r.next()
      expect(x >= 0 && x < 1).toBe(true)
      bins[Math.floor(x * 10)]! += 1
    }
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })

  it('draws alias indices in proportion to their weights', () => {
    const weights = [1, 0, 3, 6]
    const table = buildAliasTable(weights)
    const r = createRandom(3)
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[drawAlias(table, r)]! += 1
    expect(counts[1]).toBe(0)
    weights.forEach((w, i) =>
      expect(Math.abs((counts[i] as number) / 100_000 - w / 10)).toBeLessThan(0.01),
    )
  })

  it('leaves a uniform independent of the index when it draws from a given uniform', () => {
    const table = buildAliasTable([1, 0, 3, 6])
    const r = createRandom(5)
    const rest = new Float64Array(1)
    const counts = [0, 0, 0, 0]
    const lowRest = [0, 0, 0, 0]
    const n = 100_000
    for (let i = 0; i < n; i++) {
      const index = table.drawFrom(r.next(), rest)
      counts[index]! += 1
      expect(rest[0]).toBeGreaterThanOrEqual(0)
      expect(rest[0]).toBeLessThan(1)
      if ((rest[0] as number) < 0.25) lowRest[index]! += 1
    }
    expect(counts[1]).toBe(0)
    for (const i of [0, 2, 3]) {
      expect(Math.abs((counts[i] as number) / n - [0.1, 0, 0.3, 0.6][i]!)).toBeLessThan(0.01)
      expect(Math.abs((lowRest[i] as number) / (counts[i] as number) - 0.25)).toBeLessThan(0.02)
    }
  })

  it('refuses weights with no positive sum', () => {
    expect(() => buildAliasTable([0, 0])).toThrow(/positive, finite sum/)
  })

  it('expands one seed into distinct, repeatable stream seeds', () => {
    expect(streamSeed(7, 0)).toBe(streamSeed(7, 0))
    expect(streamSeed(7, 0)).not.toBe(streamSeed(7, 1))
    expect(streamSeed(7, 1)).not.toBe(streamSeed(8, 1))
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => streamSeed(i, 1)))
    expect(seeds.size).toBe(1000)
  })
})
