/**
 * How a country of the basemap is painted: the exposure tint, the selection's outline and the
 * focus fade. The Leaflet layer and the exported image both paint from here, so they agree.
 */
import type { Focus } from './map-data'
import { EXPOSED_TINT } from './map-scales'
import { tint } from './map-theme'
import type { MapPalette } from './map-theme'

/** A country's paint: outline colour and width (pixels), fill, outline opacity. */
export interface CountryPaint {
  readonly stroke: string
  readonly strokeWidthPx: number
  readonly fill: string
  readonly strokeOpacity: number
}

/** What the paint of every country depends on. */
export interface CountryStyleInputs {
  readonly exposed: ReadonlySet<string>
  readonly showExposure: boolean
  readonly focus: Focus | null
  /** The selected country's alpha-2, or null. */
  readonly selected: string | null
  readonly palette: MapPalette
}

/** The paint of the country with alpha-2 `code` ('' for an area without one). */
export function countryPaintOf(code: string, inputs: CountryStyleInputs): CountryPaint {
  const { exposed, showExposure, focus, selected, palette } = inputs
  const isExposed = showExposure && exposed.has(code)
  const isFaded = focus !== null && !focus.countries.has(code)
  return {
    stroke: code === selected ? palette.accent : palette.landStroke,
    strokeWidthPx: code === selected ? 2 : 0.6,
    // A faint tint: the proportional circles carry the counts, not Mercator's areas.
    fill: isExposed
      ? tint(palette.land, palette.exposed, isFaded ? 0.1 : EXPOSED_TINT)
      : palette.land,
    strokeOpacity: isFaded ? 0.5 : 1,
  }
}

/** The paint of each country for `inputs`, each worked out once, as the map and exports ask. */
export function countryPainter(inputs: CountryStyleInputs): (code: string) => CountryPaint {
  const paints = new Map<string, CountryPaint>()
  return (code) => {
    let paint = paints.get(code)
    if (!paint) paints.set(code, (paint = countryPaintOf(code, inputs)))
    return paint
  }
}
