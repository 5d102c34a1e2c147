/**
 * What the map's legend says, as data: per layer, its entries with their swatches (shapes in a
 * 34x18 box, coloured by palette keys) and notes. The on-screen legend renders them as SVG and
 * the exported picture draws them on its canvas, so both explain the map with the same entries.
 */
import type { MapLayer } from '../../sim/briefing'
import { CONGESTED_UTILISATION, EXPOSED_TINT } from './map-scales'
import type { MapPalette } from './map-theme'

/** A swatch colour: a palette key, or a fixed colour. */
export type SwatchColour = keyof MapPalette | { readonly fixed: string }

interface Paint {
  readonly fill?: SwatchColour
  readonly fillOpacity?: number
  readonly stroke?: SwatchColour
  readonly strokeWidth?: number
  readonly strokeOpacity?: number
  readonly dash?: readonly number[]
  readonly lineCap?: 'butt' | 'round'
  readonly opacity?: number
}

/** One shape of a swatch, in the swatch's 34x18 box. */
export type SwatchShape =
  | ({
      readonly kind: 'circle'
      readonly cx: number
      readonly cy: number
      readonly r: number
    } & Paint)
  | ({ readonly kind: 'arc' } & Paint)
  | ({
      readonly kind: 'line'
      readonly x1: number
      readonly y1: number
      readonly x2: number
      readonly y2: number
    } & Paint)
  | ({
      readonly kind: 'rect'
      readonly x: number
      readonly y: number
      readonly width: number
      readonly height: number
    } & Paint)

/** The curve every arc swatch draws: a quadratic curve from, through control, to. */
export const ARC_SWATCH = { from: [2, 13], control: [17, 2], to: [32, 13] } as const

/** {@link ARC_SWATCH} as SVG path data. */
export const ARC_SWATCH_PATH = `M${ARC_SWATCH.from.join(' ')} Q${ARC_SWATCH.control.join(' ')} ${ARC_SWATCH.to.join(' ')}`

/** One legend entry: its swatch and words. */
export interface LegendItem {
  readonly swatch: readonly SwatchShape[]
  readonly text: string
}

/** The utilisation scale of the data centers. */
export interface LegendScale {
  readonly caption: string
  readonly ticks: readonly string[]
  /** What the gradient shows, for screen readers. */
  readonly description: string
}

/** The entries that explain one layer. */
export interface LegendGroup {
  readonly layer: MapLayer
  readonly label: string
  readonly scale?: LegendScale
  readonly items: readonly LegendItem[]
  readonly notes: readonly string[]
}

const SYMBOL: Paint = { fill: 'exposed', fillOpacity: 0.75, stroke: 'fg', strokeWidth: 1.5 }

/**
 * The legend's groups. `period` is "hour" or "step"; `concernList` names the jurisdictions of
 * concern ("China").
 */
export function legendGroupsOf(period: string, concernList: string): LegendGroup[] {
  return [
    {
      layer: 'sites',
      label: 'Data centers',
      scale: {
        caption: `Utilisation this ${period}`,
        ticks: ['0%', '50%', '100%'],
        description: `from dark purple (idle) through green to yellow (full); above ${Math.round(CONGESTED_UTILISATION * 100)}% counts as congested`,
      },
      items: [
        {
          swatch: [
            { kind: 'circle', cx: 8, cy: 9, r: 4, fill: 'fg', opacity: 0.8 },
            { kind: 'circle', cx: 24, cy: 9, r: 8, fill: 'fg', opacity: 0.8 },
          ],
          text: 'Size: capacity',
        },
        {
          swatch: [
            { kind: 'circle', cx: 17, cy: 9, r: 4.5, fill: { fixed: '#21918c' }, stroke: 'fg' },
            { kind: 'circle', cx: 17, cy: 9, r: 8, stroke: 'exposed', strokeWidth: 2 },
          ],
          text: `Ring: jurisdiction of concern (${concernList})`,
        },
        {
          swatch: [
            { kind: 'circle', cx: 17, cy: 9, r: 6, stroke: 'fg', strokeWidth: 1.5, dash: [3, 3] },
          ],
          text: 'Hollow, dashed: down',
        },
      ],
      notes: [],
    },
    {
      layer: 'cities',
      label: 'Participant cities',
      items: [
        {
          swatch: [
            { kind: 'circle', cx: 7, cy: 9, r: 2.5, fill: 'accent' },
            { kind: 'circle', cx: 22, cy: 9, r: 6, fill: 'accent' },
          ],
          text: `Size: joins this ${period}`,
        },
      ],
      notes: [],
    },
    {
      layer: 'flows',
      label: 'Key paths',
      items: [
        {
          swatch: [{ kind: 'arc', stroke: 'normalPath', strokeWidth: 1.5 }],
          text: 'Solid: key from an allowed site',
        },
        {
          swatch: [
            { kind: 'arc', stroke: 'exposed', strokeOpacity: 0.5, strokeWidth: 4 },
            { kind: 'arc', stroke: 'fg', strokeWidth: 1, dash: [6, 10] },
          ],
          text: `Strong band, moving dashes: key from a jurisdiction of concern (${concernList}); dashes move site → city`,
        },
        {
          swatch: [
            { kind: 'arc', stroke: 'crossBorder', strokeWidth: 3, lineCap: 'round', dash: [0, 7] },
          ],
          text: 'Dotted, still: key from another country, not of concern (cross-border only)',
        },
        {
          swatch: [
            { kind: 'line', x1: 2, y1: 5, x2: 32, y2: 5, stroke: 'normalPath', strokeWidth: 1 },
            { kind: 'line', x1: 2, y1: 13, x2: 32, y2: 13, stroke: 'normalPath', strokeWidth: 4 },
          ],
          text: `Width: keys this ${period}`,
        },
        {
          swatch: [
            {
              kind: 'line',
              x1: 2,
              y1: 9,
              x2: 32,
              y2: 9,
              stroke: 'accent',
              strokeWidth: 2,
              dash: [6, 5],
            },
            { kind: 'circle', cx: 4, cy: 9, r: 3.5, fill: 'accent', stroke: 'fg' },
          ],
          text: 'Open meeting (ledger): dashed, participant → the site that relays its media',
        },
        {
          swatch: [
            { kind: 'arc', stroke: 'bg', strokeWidth: 9 },
            { kind: 'arc', stroke: 'exposed', strokeWidth: 5 },
          ],
          text: 'Open meeting: its key paths, haloed; the exposure thickest, on top',
        },
      ],
      notes: [
        'Curves are drawn flattened to stay on the map; distances and delays use the great circle.',
      ],
    },
    {
      layer: 'countries',
      label: 'Exposed countries',
      items: [
        {
          swatch: [
            { kind: 'rect', x: 4, y: 3, width: 26, height: 12, fill: 'land', stroke: 'landStroke' },
            {
              kind: 'rect',
              x: 4,
              y: 3,
              width: 26,
              height: 12,
              fill: 'exposed',
              fillOpacity: EXPOSED_TINT,
            },
          ],
          text: 'Tinted: got exposed keys so far',
        },
        {
          swatch: [
            { kind: 'circle', cx: 8, cy: 11, r: 3, ...SYMBOL },
            { kind: 'circle', cx: 24, cy: 9, r: 8, ...SYMBOL },
          ],
          text: `Circle and number: exposed keys reaching its participants this ${period} (area ∝ count)`,
        },
      ],
      notes: [
        `Named: places that issued or received exposed keys this ${period}, and the selection`,
      ],
    },
  ]
}

/**
 * The observed marks' entry (observed-layer.tsx): imported observations, not a simulated layer,
 * so the legend lists it with its own toggle only while observations are loaded.
 */
export const OBSERVED_LEGEND: Pick<LegendGroup, 'label' | 'items' | 'notes'> = {
  label: 'Observed (imported)',
  items: [
    {
      swatch: [
        { kind: 'line', x1: 2, y1: 9, x2: 32, y2: 9, stroke: 'bg', strokeWidth: 6 },
        { kind: 'line', x1: 2, y1: 9, x2: 32, y2: 9, stroke: 'fg', strokeWidth: 2.5 },
        {
          kind: 'rect',
          x: 20,
          y: 4,
          width: 12,
          height: 10,
          fill: 'bg',
          stroke: 'fg',
          strokeWidth: 2,
        },
      ],
      text: 'Solid line and “observed” label: an observation from your file, server site → participant, from its time on',
    },
  ],
  notes: ['Observed, not simulated: each observation’s source is in the incident table.'],
}
