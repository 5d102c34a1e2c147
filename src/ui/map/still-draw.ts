/**
 * The still part of the flow layer (arcs and bundles, exposure bands, city dots), drawn into a
 * back canvas in slices of a few strokes per frame, then handed over whole. At scale one redraw
 * strokes thousands of exposure arcs and takes longer than a frame; in slices no task exceeds
 * about {@link SLICE_BUDGET_MS}, and the map keeps showing the last finished picture (moved or
 * scaled by Leaflet with the pane) until the next one is ready, so nothing flickers.
 */
import type { FlowDrawList } from './draw-list'
import { arcStrokeRuns, clearCanvas, drawCities, strokeRun } from './flow-draw'
import type { ArcStrokeRun, CanvasView } from './flow-draw'
import type { MapPalette } from './map-theme'

/**
 * Time one slice may draw before it yields to the next frame: with the rest of a playback frame
 * (the clock, charts, the dashes) a frame stays near 30 ms.
 */
export const SLICE_BUDGET_MS = 12

/** What a still picture shows. */
export interface StillScene {
  readonly view: CanvasView
  readonly list: FlowDrawList
  readonly palette: MapPalette
  readonly layers: { readonly flows: boolean; readonly cities: boolean }
  readonly dpr: number
}

type Step = ArcStrokeRun | 'cities'

/*
 * Chromium records canvas calls and rasterises them when the frame ends, so a slice that only
 * timed its calls would hand the frame all of their cost at once (frames of 0.5 to 1 s at 60,000
 * paths). Reading one pixel back rasterises what was recorded now, inside the slice's budget.
 */
function rasterNow(ctx: CanvasRenderingContext2D): void {
  if (typeof ctx.getImageData === 'function') ctx.getImageData(0, 0, 1, 1)
}

/**
 * Draws still pictures in slices. `onDone` receives the finished back canvas and its scene, and
 * returns the canvas it replaced (to draw the next picture in) or null to keep drawing in this one:
 * swapping the two costs nothing, where copying a software-rastered canvas costs milliseconds.
 */
export class SlicedStillDraw {
  private back: HTMLCanvasElement | null
  private ctx: CanvasRenderingContext2D | null
  private scene: StillScene | null = null
  private steps: Step[] = []
  private next = 0
  private rafId = 0

  constructor(
    private readonly onDone: (
      back: HTMLCanvasElement | null,
      scene: StillScene,
    ) => HTMLCanvasElement | null,
  ) {
    this.back = typeof document !== 'undefined' ? document.createElement('canvas') : null
    this.ctx = this.back?.getContext('2d') ?? null
  }

  /** Whether a picture is still being drawn. */
  get isBusy(): boolean {
    return this.scene !== null
  }

  /**
   * Starts a picture (dropping one under way). Its first slice is drawn in the next frame, not
   * now: a picture is asked for by the task that took a new step, and its first stroke run and
   * rastering (15-20 ms for a preset-sized list) made that task pass 50 ms.
   */
  start(scene: StillScene): void {
    this.cancel()
    const { back, ctx } = this
    if (!back || !ctx) {
      this.onDone(null, scene)
      return
    }
    const { view, dpr } = scene
    back.width = Math.max(1, Math.round(view.widthPx * dpr))
    back.height = Math.max(1, Math.round(view.heightPx * dpr))
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    clearCanvas(ctx)
    this.scene = scene
    this.steps = [
      ...(scene.layers.flows ? arcStrokeRuns(scene.list) : []),
      ...(scene.layers.cities ? (['cities'] as const) : []),
    ]
    this.next = 0
    if (typeof requestAnimationFrame === 'function') this.rafId = requestAnimationFrame(this.slice)
    else this.slice()
  }

  /** Drops the picture under way, if any. */
  cancel(): void {
    if (this.rafId !== 0) cancelAnimationFrame(this.rafId)
    this.rafId = 0
    this.scene = null
  }

  private readonly slice = (): void => {
    this.rafId = 0
    const { scene, ctx, back } = this
    if (!scene || !ctx || !back) return
    const started = performance.now()
    while (this.next < this.steps.length) {
      const step = this.steps[this.next++] as Step
      if (step === 'cities') drawCities(ctx, scene.view, scene.palette, scene.list.cities, null)
      else strokeRun(ctx, scene.view, scene.palette, scene.list.arcs, step)
      const canYield = typeof requestAnimationFrame === 'function'
      if (canYield && this.next < this.steps.length) {
        rasterNow(ctx)
        if (performance.now() - started >= SLICE_BUDGET_MS) {
          this.rafId = requestAnimationFrame(this.slice)
          return
        }
      }
    }
    this.scene = null
    const replaced = this.onDone(back, scene)
    if (replaced) {
      this.back = replaced
      this.ctx = replaced.getContext('2d')
    }
  }
}
