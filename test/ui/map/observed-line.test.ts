import { describe, expect, it } from 'vitest'
import { readObservations } from '../../../src/sim/observations'
import { placeObservations } from '../../../src/sim/observations-place'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import { observedLine } from '../../../src/ui/map/observed-line'

const placed = (participant: string, server: string) =>
  placeObservations(
    readObservations(
      `time,participant,server,seen\n2020-04-02,${participant},${server},key-delivered`,
    ).rows,
    WORLD_2020,
  ).observations[0]!

describe('observedLine', () => {
  it('runs from Beijing to Toronto across the Pacific, the short way round', () => {
    const [[, siteLon], [cityLat, cityLon]] = observedLine(
      placed('Toronto', 'beijing'),
      WORLD_2020,
    )!
    expect(siteLon).toBeCloseTo(116.4, 0)
    expect(cityLat).toBeCloseTo(43.65, 1)
    // Toronto at -79.4 moved a turn east: 281 - 116 is under half a turn.
    expect(cityLon).toBeCloseTo(-79.38 + 360, 1)
  })

  it('leaves a line that does not cross the antimeridian as it is', () => {
    const [, [, cityLon]] = observedLine(placed('Toronto', 'san-jose'), WORLD_2020)!
    expect(cityLon).toBeCloseTo(-79.38, 1)
  })
})
