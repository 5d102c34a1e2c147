/**
 * The map as one picture, composed on a canvas by keyroute itself (no screenshot, so no tainted
 * canvas and no browser chrome): the offline basemap with the exposure shading, the arcs and
 * their dashes, the cities, the country circles, the sites, the labels, the legend, and the words
 * (title, time, simulation mark, run identity, source line). Everything comes from the map's own
 * selectors (draw-list.ts), so the picture shows what the screen shows for the same state, with
 * one difference at scale: it strokes every key path of the step one by one, never the bundles
 * the live map draws where thousands of normal paths overlap (flow-bundles.ts), since a picture
 * is drawn once and may take the half second that 60,000 arcs need.
 *
 * `prepareMapScene` loads the basemap once; after it `drawMapScene` is synchronous, so a clip can
 * draw one frame per simulated instant.
 */
import { callGeometry, findLedger } from '../../store/ledger-selectors'
import { selectMapRun } from '../../store/selectors'
import type { AppState } from '../../store/store'
import { countrySymbolsOf, labelItemsOf, labelMarkersOf } from '../map/annotation-items'
import { drawCall } from '../map/call-draw'
import { countryName } from '../map/country-name'
import { countryPainter } from '../map/country-style'
import {
  selectExposedCountries,
  selectStepDrawList,
  selectMapConcern,
  selectMapFocus,
  selectMapIncident,
  selectMapStep,
  selectMapStepMinutes,
  selectMaxCountryKeys,
  selectSiteItems,
} from '../map/draw-list'
import type { MapState } from '../map/draw-list'
import { unbundled } from '../map/flow-bundles'
import { drawArcs, drawCities } from '../map/flow-draw'
import { DASH_PATTERN, drawAllDashes } from '../map/top-draw'
import type { CanvasView } from '../map/flow-draw'
import type { Box } from '../map/label-placement'
import { legendGroupsOf } from '../map/legend-entries'
import { periodOf } from '../map/map-causes'
import { mercatorU, mercatorV } from '../map/map-scales'
import type { MapPalette } from '../map/map-theme'
import { drawBasemap, loadSceneBasemap, sceneBasemap } from '../map/projected-basemap'
import { drawChrome, layoutChrome, textScaleOf } from './scene-chrome'
import type { FooterExtras } from './scene-chrome'
import { drawLegend, layoutLegend } from './scene-legend'
import type { LegendLayout } from './scene-legend'
import { drawLabels } from './scene-marks'
import { drawCountrySymbols, drawSites } from '../map/mark-draw'
import { drawObservedMarks } from './scene-observed'
import type { SceneObservations } from './scene-observed'
import { sceneTextOf } from './scene-text'
import type { SceneTextState } from './scene-text'

/** Where the picture looks: a centre and Leaflet zoom, or bounds to fit ([[s, w], [n, e]]). */
export type SceneView =
  | { readonly center: readonly [number, number]; readonly zoom: number }
  | {
      readonly bounds: readonly [readonly [number, number], readonly [number, number]]
    }

/** The picture's size in CSS pixels and its device pixels per CSS pixel. */
export interface SceneFrame {
  readonly width: number
  readonly height: number
  readonly pixelRatio: number
}

/** What the picture draws from the store's state. */
export type SceneState = MapState &
  SceneTextState &
  SceneObservations &
  Pick<AppState, 'layers' | 'selection' | 'timeZone'> &
  Partial<Pick<AppState, 'ledgerMeetingId'>>

/** Optional parts of a picture. */
export interface SceneOptions extends FooterExtras {
  /** Draw the legend (default true). */
  readonly legend?: boolean
}

// Leaflet's tile size and the zoom limits the screen's map allows.
const TILE_PX = 256
const MIN_ZOOM = 1
const MAX_ZOOM = 8
const ZOOM_SNAP = 0.25

/** Loads what drawing needs (the basemap); call once before {@link drawMapScene}. */
export async function prepareMapScene(): Promise<void> {
  await loadSceneBasemap()
}

const latOfV = (v: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * v))) * 180) / Math.PI

/**
 * The centre and unsnapped zoom that show exactly `bounds` in a box `width` pixels wide: the
 * screen's own view, from the bounds the map reports.
 */
export function viewOfBounds(
  bounds: {
    readonly south: number
    readonly west: number
    readonly north: number
    readonly east: number
  },
  width: number,
): { readonly center: readonly [number, number]; readonly zoom: number } {
  const du = Math.max(1e-9, mercatorU(bounds.east) - mercatorU(bounds.west))
  const v = (mercatorV(bounds.north) + mercatorV(bounds.south)) / 2
  const lon = (bounds.west + bounds.east) / 2
  return { center: [latOfV(v), lon], zoom: Math.log2(width / (du * TILE_PX)) }
}

/**
 * The canvas view of `view` in a `width` x `height` picture. Bounds are fitted as Leaflet's
 * `fitBounds` does (zoom snapped down to a quarter, padding kept clear), inside `padding`.
 */
export function canvasViewOf(
  view: SceneView,
  width: number,
  height: number,
  padding: { readonly top: number; readonly bottom: number; readonly left?: number } = {
    top: 0,
    bottom: 0,
  },
): CanvasView {
  if ('center' in view) {
    const scale = TILE_PX * 2 ** view.zoom
    const [lat, lon] = view.center
    return {
      widthPx: width,
      heightPx: height,
      originX: mercatorU(lon) * scale - width / 2,
      originY: mercatorV(lat) * scale - height / 2,
      scale,
    }
  }
  const [[south, west], [north, east]] = view.bounds
  const u0 = mercatorU(west)
  const u1 = mercatorU(east < west ? east + 360 : east)
  const v0 = mercatorV(north)
  const v1 = mercatorV(south)
  const padLeft = padding.left ?? 0
  const availW = Math.max(1, width - padLeft)
  const availH = Math.max(1, height - padding.top - padding.bottom)
  const fit = Math.log2(
    Math.min(availW / ((u1 - u0) * TILE_PX), availH / (Math.max(1e-9, v1 - v0) * TILE_PX)),
  )
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor(fit / ZOOM_SNAP) * ZOOM_SNAP))
  const scale = TILE_PX * 2 ** zoom
  const midY = ((v0 + v1) / 2) * scale + (padding.bottom - padding.top) / 2
  return {
    widthPx: width,
    heightPx: height,
    originX: ((u0 + u1) / 2) * scale - padLeft / 2 - width / 2,
    originY: midY - height / 2,
    scale,
  }
}

/**
 * The legend bottom left, or bottom right when fewer data centers would hide under it there (the
 * screen's own view is not fitted round the legend, so a site of concern may sit in a corner).
 */
function legendCorner(
  legend: LegendLayout,
  state: SceneState,
  cv: CanvasView,
  width: number,
): LegendLayout {
  const world = selectMapRun(state)?.world
  if (!world || !state.layers.sites) return legend
  const w = legend.box.right - legend.box.left
  const right = { ...legend.box, left: width - w, right: width }
  const concern = selectMapConcern(state)
  const hidden = (box: Box): number =>
    world.sites.reduce((n, site) => {
      const u = mercatorU(site.lon)
      const x = (u + Math.round((cv.originX + width / 2) / cv.scale - u)) * cv.scale - cv.originX
      const y = mercatorV(site.lat) * cv.scale - cv.originY
      const isInside = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom
      return n + (isInside ? (concern.includes(site.jurisdiction) ? 10 : 1) : 0)
    }, 0)
  return hidden(right) < hidden(legend.box) ? { ...legend, box: right } : legend
}

/**
 * Draws the whole picture of `state` at its shown time into `ctx` (whose canvas is
 * `frame.width * pixelRatio` by `frame.height * pixelRatio`). Synchronous; before the basemap
 * has loaded (see {@link prepareMapScene}) the land is left out.
 */
export function drawMapScene(
  ctx: CanvasRenderingContext2D,
  state: SceneState,
  view: SceneView,
  frame: SceneFrame,
  palette: MapPalette,
  options: SceneOptions = {},
): void {
  const { width, height, pixelRatio } = frame
  const k = textScaleOf(width, height)
  ctx.save()
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0)
  const text = sceneTextOf(state)
  const measure = (t: string, font: string): number => {
    ctx.font = font
    return ctx.measureText(t).width
  }
  const chrome = layoutChrome(text, options, width, height, measure)
  const laidOut =
    options.legend === false
      ? null
      : layoutLegend(
          legendGroupsOf(
            selectMapStepMinutes(state) === 60 ? 'hour' : 'step',
            selectMapConcern(state).map(countryName).join(', '),
          ),
          state.layers,
          0,
          chrome.footer.top,
          chrome.footer.top - chrome.header.bottom,
          k,
          measure,
        )
  // Bounds are fitted beside the legend, as the screen fits them beside its open legend.
  const cv = canvasViewOf(view, width, height, {
    top: chrome.header.bottom,
    bottom: height - chrome.footer.top,
    left: laidOut && 'bounds' in view ? laidOut.box.right : 0,
  })
  const legend = laidOut && 'center' in view ? legendCorner(laidOut, state, cv, width) : laidOut

  ctx.fillStyle = palette.ocean
  ctx.fillRect(0, 0, width, height)
  const basemap = sceneBasemap()
  const focus = selectMapFocus(state)
  if (basemap) {
    const inputs = {
      exposed: new Set(selectExposedCountries(state)),
      showExposure: state.layers.countries,
      focus,
      selected: state.selection?.kind === 'country' ? state.selection.id : null,
      palette,
    }
    drawBasemap(ctx, cv, basemap.countries, countryPainter(inputs))
  }

  // Every key path, none bundled: the picture is drawn once, off screen.
  const list = unbundled(selectStepDrawList(state))
  if (state.layers.flows) {
    drawArcs(ctx, cv, palette, list)
    ctx.setLineDash(DASH_PATTERN as number[])
    ctx.lineDashOffset = 0
    drawAllDashes(ctx, cv, palette, list)
    ctx.setLineDash([])
  }
  if (state.layers.cities) drawCities(ctx, cv, palette, list.cities, null)

  const world = selectMapRun(state)?.world ?? null
  const step = selectMapStep(state)
  const symbols =
    world && step && basemap
      ? countrySymbolsOf(world, step, basemap.anchors, selectMaxCountryKeys(state))
      : []
  if (state.layers.countries) drawCountrySymbols(ctx, cv, palette, symbols)
  if (world && state.layers.sites) {
    const selectedSite = state.selection?.kind === 'site' ? state.selection.id : null
    drawSites(ctx, cv, palette, world, selectSiteItems(state), selectedSite)
  }
  const ledger = findLedger(selectMapRun(state)?.summary, state.ledgerMeetingId ?? null)
  if (ledger && world) drawCall(ctx, cv, palette, callGeometry(ledger, world))

  drawObservedMarks(ctx, cv, palette, state, k)

  const obstacles: Box[] = [chrome.header, chrome.mark, chrome.footer]
  if (legend) obstacles.push(legend.box)
  if (world) {
    const items = labelItemsOf({
      world,
      step,
      concern: selectMapConcern(state),
      selection: state.selection,
      incident: selectMapIncident(state) ?? undefined,
      layers: state.layers,
      symbols,
      period: periodOf(selectMapStepMinutes(state)),
    })
    const inset = 2
    const frameBox = { left: inset, top: inset, right: width - inset, bottom: height - inset }
    const markers = labelMarkersOf(world, state.layers.sites)
    drawLabels(ctx, cv, palette, items, markers, obstacles, frameBox, k)
  }
  if (legend) drawLegend(ctx, legend, palette)
  drawChrome(ctx, chrome, text, palette, k)
  ctx.restore()
}
