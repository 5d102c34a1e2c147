/**
 * Visual scales of the world map: pure functions from data values to colours, radii and widths,
 * shared by the canvas flow layer, the site markers and the legend so all three agree.
 */
import { interpolateViridis } from 'd3-scale-chromatic'
import type { Site, StepRecord } from '../../sim/model'
import { SECTION_DEFAULTS } from '../../sim/scenario-schema'
import type { MapPalette } from './map-theme'

/**
 * Share of the exposed colour in the land of a country that got exposed keys so far: a faint
 * tint, because on Mercator a country's area says nothing about its count (the circles do).
 */
export const EXPOSED_TINT = 0.16

/** Opacity of everything unrelated to the current selection. */
export const FADED_OPACITY = 0.15

/** Jurisdictions of concern before a run has said which its scenario names. */
export const CONCERN_JURISDICTIONS: readonly string[] = SECTION_DEFAULTS.keys.concernJurisdictions

/** Utilisation above which a site counts as congested in the summary and the legend. */
export const CONGESTED_UTILISATION = 0.9

/** Whether a data center stands in one of the run's jurisdictions of concern. */
export function isConcernSite(
  site: Pick<Site, 'jurisdiction'>,
  concernJurisdictions: readonly string[] = CONCERN_JURISDICTIONS,
): boolean {
  return concernJurisdictions.includes(site.jurisdiction)
}

/**
 * A site's capacity at the end of `step`, in real (unscaled) participants: the step's record
 * when it has one (timeline capacity events change it), else the world's figure.
 */
export function siteCapacityAt(
  site: Pick<Site, 'capacityParticipants'>,
  siteIndex: number,
  step: Pick<StepRecord, 'siteCapacity'> | null,
  scale: number,
): number {
  const scaled = step?.siteCapacity?.[siteIndex]
  // The engine rounds the scaled capacity: an unchanged site keeps the scenario's exact figure.
  if (
    scaled === undefined ||
    !(scale > 0) ||
    scaled === Math.round(site.capacityParticipants * scale)
  )
    return site.capacityParticipants
  return Math.round(scaled / scale)
}

// Viridis from 0.1 to 1 (its darkest tenth vanishes on a dark ocean): perceptually uniform,
// readable in greyscale and by the common colour-vision deficiencies.
const VIRIDIS_FROM = 0.1
const GRADIENT_STOPS = 10

/**
 * Colour of a site's utilisation (0..1; above 1 after a capacity cut counts as 1) on a
 * colour-blind-safe sequential scale, as `#rrggbb`. NaN counts as 0.
 */
export function utilisationColour(utilisation: number): string {
  return sequentialColour(utilisation)
}

/**
 * Colour of a share from 0 to 1 (clamped; NaN counts as 0) on the same colour-blind-safe scale,
 * for any sequential figure (a sweep's heat map). `#rrggbb`.
 */
export function sequentialColour(share: number): string {
  const u = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0
  return interpolateViridis(VIRIDIS_FROM + (1 - VIRIDIS_FROM) * u)
}

/** Stops for a CSS gradient of the utilisation scale (for the legend). */
export function utilisationGradientCss(): string {
  const stops = Array.from({ length: GRADIENT_STOPS }, (_, i) =>
    utilisationColour(i / (GRADIENT_STOPS - 1)),
  )
  return `linear-gradient(to right, ${stops.join(', ')})`
}

/**
 * Square-root scale: `min` at 0, `max` at `reference` and above, so a symbol's area (or a band's
 * ink) grows with the value. Nothing to compare against, or nothing to show, gives `min`.
 */
// d3's clamped scaleSqrt over [0, reference] -> [min, max], written out: the map sizes some
// 60,000 arcs per step with it, and building a d3 scale per call took a sixth of a second.
function sqrtScale(value: number, reference: number, min: number, max: number): number {
  if (!(value > 0) || !(reference > 0)) return min
  const t = Math.max(0, Math.min(1, Math.sqrt(value) / Math.sqrt(reference)))
  return min * (1 - t) + max * t
}

/** Radius in pixels of a site marker for its capacity, against the largest site's capacity. */
export function siteRadiusPx(
  capacityParticipants: number,
  maxCapacityParticipants: number,
): number {
  return sqrtScale(capacityParticipants, maxCapacityParticipants, 4, 13)
}

/** Stroke width in pixels of a key-delivery arc for its count, against the run's largest pair. */
export function flowWidthPx(count: number, maxCount: number): number {
  return sqrtScale(count, maxCount, 0.75, 5)
}

/** Radius in pixels of a country's symbol at its largest count of any step in the run. */
export const COUNTRY_SYMBOL_MAX_RADIUS_PX = 28

/**
 * Radius in pixels of a country's proportional symbol: area proportional to `count` (zero at
 * zero), against the run's largest per-country count of a step.
 */
export function countrySymbolRadiusPx(count: number, maxCount: number): number {
  return sqrtScale(count, maxCount, 0, COUNTRY_SYMBOL_MAX_RADIUS_PX)
}

/** Radius in pixels of a city dot for its joins in the step, against the run's busiest city. */
export function cityRadiusPx(joins: number, maxJoins: number): number {
  return joins > 0 ? sqrtScale(joins, maxJoins, 2, 9) : 1.5
}

const MAX_LAT = 85.0511287798

/** Web Mercator x of a longitude on the unit square (0 at -180°, 1 at 180°; unbounded). */
export function mercatorU(lonDeg: number): number {
  return 0.5 + lonDeg / 360
}

/** Web Mercator y of a latitude on the unit square (0 at the top edge), as Leaflet projects it. */
export function mercatorV(latDeg: number): number {
  const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, latDeg))
  const sin = Math.sin((lat * Math.PI) / 180)
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
}

/** How an arc is drawn: a concern delivery outranks a cross-border one, which outranks none. */
export type ArcKind = 'normal' | 'crossBorder' | 'concern'

const NORMAL_ALPHA = 0.55
const EXPOSED_BAND_ALPHA = 0.5
const CROSS_BORDER_ALPHA = 0.95

/** How an arc of each kind is stroked on the bottom canvas (concern arcs also get moving dashes). */
export interface ArcStroke {
  readonly colour: keyof Pick<MapPalette, 'normalPath' | 'crossBorder' | 'exposed'>
  readonly alpha: number
  /** Canvas line dash for a stroke of this width; empty for a solid line. */
  readonly dash: readonly number[]
  readonly lineCap: CanvasLineCap
  readonly isAnimated: boolean
}

/**
 * The stroke of an arc of `kind` and width: neutral arcs solid and quiet; cross-border-only
 * exposures a still dotted line in a second colour (round dots a width across, gaps of two);
 * keys from a jurisdiction of concern a strong band in the exposed colour under moving dashes.
 */
export function arcStrokeOf(kind: ArcKind, widthPx: number): ArcStroke {
  switch (kind) {
    case 'concern':
      return {
        colour: 'exposed',
        alpha: EXPOSED_BAND_ALPHA,
        dash: [],
        lineCap: 'butt',
        isAnimated: true,
      }
    case 'crossBorder':
      return {
        colour: 'crossBorder',
        alpha: CROSS_BORDER_ALPHA,
        dash: [0, 2 * widthPx + 1],
        lineCap: 'round',
        isAnimated: false,
      }
    case 'normal':
      return {
        colour: 'normalPath',
        alpha: NORMAL_ALPHA,
        dash: [],
        lineCap: 'butt',
        isAnimated: false,
      }
  }
}

/** Minimum stroke width of exposed arcs, so one key still reads. */
export const EXPOSED_MIN_WIDTH_PX: Readonly<Record<ArcKind, number>> = {
  normal: 0,
  crossBorder: 2.5,
  concern: 3,
}
