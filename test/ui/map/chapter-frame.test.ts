import { describe, expect, it } from 'vitest'
import { leafletBoundsOf } from '../../../src/ui/map/chapter-frame'

describe('chapter frame', () => {
  it('passes a frame within one turn to Leaflet as it is', () => {
    expect(
      leafletBoundsOf([
        [15, -135],
        [62, -50],
      ]),
    ).toEqual([
      [15, -135],
      [62, -50],
    ])
  })

  it('frames across the antimeridian when west is east of east, its middle within ±180°', () => {
    const [[south, west], [north, east]] = leafletBoundsOf([
      [10, 95],
      [62, -55],
    ])
    expect([south, north]).toEqual([10, 62])
    // Beijing (116° E) and Boston (71° W) are both inside, over the Pacific, not the Atlantic.
    expect(west).toBe(-265)
    expect(east).toBe(-55)
    expect(116 - 360).toBeGreaterThan(west)
    expect(-71).toBeLessThan(east)
    expect(Math.abs((west + east) / 2)).toBeLessThanOrEqual(180)
  })
})
