import { describe, expect, it } from 'vitest'
import { wrapLonDeg, wrapLonDeltaDeg } from '../../../src/ui/map/longitude'

describe('longitude', () => {
  it('brings any longitude into [-180, 180) by whole turns', () => {
    expect(wrapLonDeg(0)).toBe(0)
    expect(wrapLonDeg(179.5)).toBe(179.5)
    expect(wrapLonDeg(180)).toBe(-180)
    expect(wrapLonDeg(-180)).toBe(-180)
    expect(wrapLonDeg(190)).toBe(-170)
    expect(wrapLonDeg(-190)).toBe(170)
    expect(wrapLonDeg(720 + 45)).toBe(45)
  })

  it('takes the short way across the antimeridian', () => {
    expect(wrapLonDeltaDeg(170, -170)).toBe(20)
    expect(wrapLonDeltaDeg(-170, 170)).toBe(-20)
    expect(wrapLonDeltaDeg(10, 40)).toBe(30)
  })
})
