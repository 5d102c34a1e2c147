/**
 * The moving dashes over concern arcs and the flow layer's top canvas: the dashes' paths, traced
 * once per picture as numbers (the dash worker of dash-off-thread.ts takes them, or the top canvas
 * strokes them), their drawing at a dash offset, and the hovered arc's halo or city's ring. The
 * exported pictures draw their dashes here too, and the dash clock (dash-clock.ts) moves them by
 * the pattern's period.
 */
import { dashPeriodOf } from './clipped-trace'
import type { PathSink } from './clipped-trace'
import type { ArcItem, FlowDrawList } from './draw-list'
import { clearCanvas, copyOffsets, drawArcHighlight, drawCityRing, tracePath } from './flow-draw'
import type { CanvasView, FlowHit } from './flow-draw'
import type { CityDots } from './city-dots'
import { FADED_OPACITY } from './map-scales'
import type { MapPalette } from './map-theme'

/** Dash and gap, in pixels, of the moving dashes over concern arcs. */
export const DASH_PATTERN: readonly number[] = [6, 10]
/** The length after which the dash pattern repeats. */
export const DASH_PERIOD_PX = dashPeriodOf(DASH_PATTERN)

/**
 * A path traced as numbers, so it can cross to the worker that moves the dashes (a Path2D cannot):
 * x, y per point in canvas pixels, and the point each subpath starts at.
 */
export interface RecordedPath {
  readonly xy: Float32Array
  readonly starts: Uint32Array
}

/** The paths of the moving dashes of concern arcs in a view: faded ones, then the others. */
export interface DashPaths {
  readonly faded: RecordedPath
  readonly shown: RecordedPath
  /** Concern arcs in the view, and how many of them carry moving dashes. */
  readonly inView: number
  readonly animated: number
}

/** The dash paths as a canvas strokes them. */
export interface StrokedDashes {
  readonly faded: Path2D
  readonly shown: Path2D
}

// Records what is traced into it, as a RecordedPath.
class PathRecorder implements PathSink {
  private readonly xy: number[] = []
  private readonly starts: number[] = []

  moveTo(x: number, y: number): void {
    this.starts.push(this.xy.length / 2)
    this.xy.push(x, y)
  }

  lineTo(x: number, y: number): void {
    this.xy.push(x, y)
  }

  done(): RecordedPath {
    return { xy: Float32Array.from(this.xy), starts: Uint32Array.from(this.starts) }
  }
}

/** A recorded path as a Path2D. */
export function path2dOf({ xy, starts }: RecordedPath): Path2D {
  const path = new Path2D()
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k] as number
    const to = k + 1 < starts.length ? (starts[k + 1] as number) : xy.length / 2
    path.moveTo(xy[2 * from] as number, xy[2 * from + 1] as number)
    for (let i = from + 1; i < to; i++) path.lineTo(xy[2 * i] as number, xy[2 * i + 1] as number)
  }
  return path
}

/** The dash paths ready to stroke. */
export const strokedDashes = (paths: Pick<DashPaths, 'faded' | 'shown'>): StrokedDashes => ({
  faded: path2dOf(paths.faded),
  shown: path2dOf(paths.shown),
})

// The copies of the arc being tested: one array for every call below.
const copies: number[] = []

/** Whether any world copy of an arc crosses the view. */
export function isArcInView(view: CanvasView, arc: ArcItem): boolean {
  const g = arc.geometry
  const { scale, originY } = view
  if (g.maxV * scale - originY < 0 || g.minV * scale - originY > view.heightPx) return false
  return copyOffsets(view, g.minU, g.maxU, copies).length > 0
}

/**
 * Traces the concern arcs of `list` in `view` once, so each animation frame strokes two cached
 * paths and moves only the dash offset. Dashing costs the software rasteriser about as much as
 * the dashes' length: past `maxArcs` arcs in view, only the `maxArcs` with most keys of concern
 * (and the focused ones first) carry dashes; the others keep their still band.
 */
export function dashPathsOf(view: CanvasView, list: FlowDrawList, maxArcs = Infinity): DashPaths {
  const faded = new PathRecorder()
  const shown = new PathRecorder()
  let inView: ArcItem[] = []
  for (let i = list.concernStart; i < list.arcs.length; i++) {
    const arc = list.arcs[i] as ArcItem
    if (isArcInView(view, arc)) inView.push(arc)
  }
  const count = inView.length
  if (count > maxArcs) {
    const rank = (a: ArcItem): number => (a.isFaded ? 0 : 1e12) + a.concern
    inView = inView.sort((a, b) => rank(b) - rank(a)).slice(0, maxArcs)
  }
  for (const arc of inView) tracePath(arc.isFaded ? faded : shown, view, arc, DASH_PERIOD_PX)
  return { faded: faded.done(), shown: shown.done(), inView: count, animated: inView.length }
}

/**
 * Every concern arc's dashes at the context's dash offset, traced straight into the context (for
 * a picture drawn once, where caching paths would gain nothing).
 */
export function drawAllDashes(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  list: FlowDrawList,
): void {
  ctx.strokeStyle = palette.fg
  ctx.lineWidth = 1
  for (const isFaded of [true, false]) {
    ctx.globalAlpha = isFaded ? FADED_OPACITY : 1
    ctx.beginPath()
    for (let i = list.concernStart; i < list.arcs.length; i++) {
      const arc = list.arcs[i] as ArcItem
      if (arc.isFaded === isFaded) tracePath(ctx, view, arc, DASH_PERIOD_PX)
    }
    ctx.stroke()
  }
  ctx.globalAlpha = 1
}

/**
 * The moving dashes of concern arcs: one-pixel lines, because the software rasteriser strokes
 * those several times faster than wide ones (measured: 23 vs 60 fps with 330 exposed arcs); the
 * width that encodes the count is the band drawn once underneath.
 */
export function drawDashes(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  fg: string,
  paths: StrokedDashes,
  dashOffset: number,
): void {
  ctx.lineCap = 'butt'
  ctx.lineJoin = 'miter'
  ctx.setLineDash(DASH_PATTERN as number[])
  ctx.lineDashOffset = dashOffset
  ctx.strokeStyle = fg
  ctx.lineWidth = 1
  ctx.globalAlpha = FADED_OPACITY
  ctx.stroke(paths.faded)
  ctx.globalAlpha = 1
  ctx.stroke(paths.shown)
  ctx.setLineDash([])
}

/** What the top canvas shows besides the moving dashes. */
export interface TopScene {
  readonly view: CanvasView
  readonly palette: MapPalette
  readonly layers: { readonly flows: boolean; readonly cities: boolean }
  readonly cities: CityDots
}

/**
 * The top canvas of the flow layer: the moving dashes at `dashOffset` (none when `dashes` is null,
 * as when the dash worker moves them) and the hovered arc's halo or city's ring.
 */
export function drawTopPicture(
  ctx: CanvasRenderingContext2D,
  scene: TopScene,
  dashes: StrokedDashes | null,
  dashOffset: number,
  hovered: FlowHit | null,
): void {
  const { view, palette, layers } = scene
  clearCanvas(ctx)
  if (dashes) drawDashes(ctx, palette.fg, dashes, dashOffset)
  if (hovered?.kind === 'flow' && layers.flows) drawArcHighlight(ctx, view, palette, hovered.arc)
  const city = hovered?.kind === 'city' ? hovered.cityIndex : -1
  if (city >= 0 && city < scene.cities.length && layers.cities)
    drawCityRing(ctx, view, palette, scene.cities, city)
}
