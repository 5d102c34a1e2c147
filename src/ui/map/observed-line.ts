/**
 * Where an observation's line runs on the map (observed-layer.tsx, and the exported picture's
 * scene-observed.ts): from the server's site to the participant's city, the short way round.
 */
import type { World } from '../../sim/model'
import type { PlacedObservation } from '../../sim/observations-place'

/** The line's ends: the participant's longitude moved by a turn where that is the shorter way. */
export function observedLine(
  observation: PlacedObservation,
  world: World,
): [[number, number], [number, number]] | null {
  const site = world.sites.find((s) => s.id === observation.siteId)
  const city = world.cities.find((c) => c.id === observation.cityId)
  if (!site || !city) return null
  const delta = city.lon - site.lon
  const lon = delta > 180 ? city.lon - 360 : delta < -180 ? city.lon + 360 : city.lon
  return [
    [site.lat, site.lon],
    [city.lat, lon],
  ]
}
