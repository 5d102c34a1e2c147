import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LatLon } from '../../src/sim/geo'
import {
  fibreRttMs,
  greatCircleKm,
  greatCirclePath,
  sampleArcPoints,
  splitForWorldCopies,
  wrapLonDeg,
  wrapLonDeltaDeg,
} from '../../src/sim/geo'

const NEW_YORK: LatLon = { lat: 40.7128, lon: -74.006 }
const LONDON: LatLon = { lat: 51.5074, lon: -0.1278 }
const SAO_PAULO: LatLon = { lat: -23.5505, lon: -46.6333 }
const SYDNEY: LatLon = { lat: -33.8688, lon: 151.2093 }
const TOKYO: LatLon = { lat: 35.6762, lon: 139.6503 }
const SAN_JOSE: LatLon = { lat: 37.3382, lon: -121.8863 }
const FRANKFURT: LatLon = { lat: 50.1109, lon: 8.6821 }

// A path over a pole genuinely jumps 180°; allow for rounding in the unwrapped sum.
const JUMP_LIMIT_DEG = 180 + 1e-9

const km = (a: LatLon, b: LatLon): number => greatCircleKm(a.lat, a.lon, b.lat, b.lon)

/** Difference between two longitudes modulo 360, in [0, 180]. */
const lonGap = (a: number, b: number): number => {
  const d = (((a - b) % 360) + 360) % 360
  return Math.min(d, 360 - d)
}

const latLon = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
})

const maxJump = (path: LatLon[]): number => {
  let max = 0
  for (let i = 1; i < path.length; i++) {
    max = Math.max(max, Math.abs((path[i]?.lon ?? 0) - (path[i - 1]?.lon ?? 0)))
  }
  return max
}

describe('geo', () => {
  it('wraps a longitude or a longitude difference into [-180, 180)', () => {
    expect(wrapLonDeg(190)).toBe(-170)
    expect(wrapLonDeg(-190)).toBe(170)
    expect(wrapLonDeg(180)).toBe(-180)
    expect(wrapLonDeg(-180)).toBe(-180)
    expect(wrapLonDeg(540)).toBe(-180)
    expect(wrapLonDeg(-74.01 - 151.21)).toBeCloseTo(134.78, 9)
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (lon) => {
        const wrapped = wrapLonDeg(lon)
        expect(wrapped).toBeGreaterThanOrEqual(-180)
        expect(wrapped).toBeLessThan(180)
        const turns = (lon - wrapped) / 360
        expect(Math.abs(turns - Math.round(turns))).toBeLessThan(1e-6)
      }),
    )
  })

  it('measures New York to London as about 5570 km', () => {
    expect(km(NEW_YORK, LONDON)).toBeGreaterThan(5570 * 0.99)
    expect(km(NEW_YORK, LONDON)).toBeLessThan(5570 * 1.01)
  })

  it('measures zero between a point and itself', () => {
    expect(km(SYDNEY, SYDNEY)).toBe(0)
  })

  it('measures the same distance in both directions', () => {
    fc.assert(
      fc.property(latLon, latLon, (a, b) => {
        expect(km(a, b)).toBeCloseTo(km(b, a), 6)
      }),
    )
  })

  it('never measures more than half the circumference', () => {
    fc.assert(
      fc.property(latLon, latLon, (a, b) => {
        const d = km(a, b)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThanOrEqual(Math.PI * 6371.0088 + 1e-6)
      }),
    )
  })

  it('estimates fibre round-trip time as 2 x distance x 1.5 / 200 ms', () => {
    expect(fibreRttMs(0)).toBe(0)
    expect(fibreRttMs(1000)).toBeCloseTo(15, 10)
  })

  it('draws great-circle paths with no longitude jump over 180 degrees', () => {
    fc.assert(
      fc.property(latLon, latLon, fc.integer({ min: 1, max: 128 }), (a, b, segments) => {
        const path = greatCirclePath(a, b, segments)
        expect(path).toHaveLength(segments + 1)
        expect(maxJump(path)).toBeLessThanOrEqual(JUMP_LIMIT_DEG)
        for (const p of path) {
          expect(Number.isFinite(p.lat) && Number.isFinite(p.lon)).toBe(true)
        }
      }),
    )
  })

  it('starts a path at its origin and ends it at its destination modulo 360', () => {
    fc.assert(
      fc.property(latLon, latLon, (a, b) => {
        const path = greatCirclePath(a, b)
        const first = path[0]
        const last = path[path.length - 1]
        expect(first).toEqual(a)
        expect(last?.lat).toBe(b.lat)
        expect(lonGap(last?.lon ?? NaN, b.lon)).toBeLessThan(1e-9)
      }),
    )
  })

  it('keeps path points on the great circle, evenly spaced', () => {
    const path = greatCirclePath(NEW_YORK, LONDON, 8)
    const step = km(NEW_YORK, LONDON) / 8
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1]
      const b = path[i]
      if (a === undefined || b === undefined) throw new Error('missing point')
      expect(km(a, b)).toBeCloseTo(step, 3)
    }
  })

  it('unwraps São Paulo to Sydney past -180 and copies it to the other side of the map', () => {
    const path = greatCirclePath(SAO_PAULO, SYDNEY)
    expect(Math.min(...path.map((p) => p.lon))).toBeLessThan(-180)
    const copies = splitForWorldCopies(path)
    expect(copies).toHaveLength(2)
    const shifted = copies[1] ?? []
    expect(shifted[shifted.length - 1]?.lon).toBeCloseTo(SYDNEY.lon, 9)
    expect(shifted[0]?.lon).toBeCloseTo(SAO_PAULO.lon + 360, 9)
  })

  it('unwraps Tokyo to San Jose past 180 and copies it to the other side of the map', () => {
    const path = greatCirclePath(TOKYO, SAN_JOSE)
    expect(Math.max(...path.map((p) => p.lon))).toBeGreaterThan(180)
    const copies = splitForWorldCopies(path)
    expect(copies).toHaveLength(2)
    expect(copies[1]?.[copies[1].length - 1]?.lon).toBeCloseTo(SAN_JOSE.lon, 9)
  })

  it('returns a single copy for a path that stays within ±180', () => {
    const path = greatCirclePath(NEW_YORK, FRANKFURT)
    expect(splitForWorldCopies(path)).toEqual([path])
  })

  it('gives every copy the same shape, shifted by a whole turn', () => {
    fc.assert(
      fc.property(latLon, latLon, (a, b) => {
        const path = greatCirclePath(a, b, 16)
        for (const copy of splitForWorldCopies(path)) {
          expect(copy).toHaveLength(path.length)
          copy.forEach((p, i) => {
            expect(p.lat).toBe(path[i]?.lat)
            expect(lonGap(p.lon, path[i]?.lon ?? NaN)).toBeLessThan(1e-9)
          })
        }
      }),
    )
  })

  it('samples the same points into a preallocated array as greatCirclePath', () => {
    const out = new Float64Array(2 * 33)
    const returned = sampleArcPoints(TOKYO, SAN_JOSE, 32, out)
    expect(returned).toBe(out)
    const path = greatCirclePath(TOKYO, SAN_JOSE, 32)
    path.forEach((p, i) => {
      expect(out[2 * i]).toBe(p.lat)
      expect(out[2 * i + 1]).toBe(p.lon)
    })
  })

  it('rejects a non-positive segment count and a too-short buffer', () => {
    expect(() => greatCirclePath(TOKYO, SAN_JOSE, 0)).toThrow(RangeError)
    expect(() => sampleArcPoints(TOKYO, SAN_JOSE, 4, new Float64Array(9))).toThrow(RangeError)
  })

  it('takes a finite route between antipodal points', () => {
    const path = greatCirclePath({ lat: 0, lon: 20 }, { lat: 0, lon: -160 }, 8)
    expect(maxJump(path)).toBeLessThanOrEqual(JUMP_LIMIT_DEG)
    const mid = path[4]
    expect(mid?.lat).toBeCloseTo(90, 6)
  })
})

describe('wrapLonDeltaDeg', () => {
  it('takes the short way across the antimeridian', () => {
    expect(wrapLonDeltaDeg(170, -170)).toBe(20)
    expect(wrapLonDeltaDeg(-170, 170)).toBe(-20)
    expect(wrapLonDeltaDeg(10, 40)).toBe(30)
    expect(wrapLonDeltaDeg(0, 180)).toBe(-180)
  })
})
