/**
 * Longitude wrapping for the map: one definition, so the basemap, the arcs, the framing and the
 * symbols agree on which way round the world is the short way.
 */

/** `deg` brought into [-180, 180) by whole turns. */
export function wrapLonDeg(deg: number): number {
  return deg - 360 * Math.floor((deg + 180) / 360)
}

/** The short way from longitude `fromDeg` to `toDeg`, in [-180, 180): east positive. */
export function wrapLonDeltaDeg(fromDeg: number, toDeg: number): number {
  return wrapLonDeg(toDeg - fromDeg)
}
