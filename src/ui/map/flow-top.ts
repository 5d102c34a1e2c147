/**
 * What the flow layer shows over its still picture: the moving dashes over concern arcs, drawn by
 * the dash worker on a canvas of their own (dash-off-thread.ts) or, where it cannot start or
 * fails, on the top canvas by the dash clock's loop (dash-clock.ts); and on the top canvas the
 * hovered arc's halo or city's ring. `data-dashes` on the container says which draws the dashes:
 * 'worker' or 'page'.
 */
import L from 'leaflet'
import { DashClock } from './dash-clock'
import { DashPainter } from './dash-off-thread'
import type { FlowDrawList } from './draw-list'
import type { FlowHit } from './flow-draw'
import { dashPathsOf, drawTopPicture, strokedDashes } from './top-draw'
import type { DashPaths, StrokedDashes, TopScene } from './top-draw'

/** The top of the flow layer: dashes and hover. */
export class FlowTop {
  private readonly canvas: HTMLCanvasElement
  private readonly ctx: CanvasRenderingContext2D | null
  private painter: DashPainter | null
  private scene: TopScene | null = null
  private dashes: DashPaths | null = null
  // The dashes as the top canvas strokes them, when the page draws them.
  private stroked: StrokedDashes | null = null
  private hovered: FlowHit | null = null
  private hoverFrame = 0
  private readonly clock = new DashClock(
    (nowMs) => this.draw(nowMs),
    () => this.ctx !== null && (this.dashes?.animated ?? 0) > 0,
  )

  /** Adds the top canvas (and the dash worker's, under it) to `container`. */
  constructor(private readonly container: HTMLElement) {
    this.canvas = L.DomUtil.create('canvas', 'kr-flow-canvas', container)
    this.canvas.style.cssText = 'position:absolute;left:0;top:0'
    this.ctx = this.canvas.getContext('2d')
    this.clock.attach()
    this.painter = DashPainter.start(container, this.canvas, () => this.drawOnPage())
    if (this.painter) this.clock.moveElsewhere((m, r) => this.painter?.setMotion(m, r))
    container.dataset.dashes = this.painter ? 'worker' : 'page'
  }

  /**
   * A new still picture of `list` in `scene`'s view: sizes the canvases to it and traces its
   * dashes, at most `maxArcs` arcs' (none when `list` is null). Returns the dashes traced.
   */
  show(scene: TopScene, dpr: number, list: FlowDrawList | null, maxArcs: number): DashPaths | null {
    const { view } = scene
    this.scene = scene
    this.canvas.width = Math.max(1, Math.round(view.widthPx * dpr))
    this.canvas.height = Math.max(1, Math.round(view.heightPx * dpr))
    this.canvas.style.width = `${view.widthPx}px`
    this.canvas.style.height = `${view.heightPx}px`
    this.ctx?.setTransform(dpr, 0, 0, dpr, 0, 0)
    this.dashes = list && typeof Path2D === 'function' ? dashPathsOf(view, list, maxArcs) : null
    this.painter?.show(view, dpr, scene.palette.fg, this.dashes)
    this.stroked = this.painter || !this.dashes ? null : strokedDashes(this.dashes)
    this.draw(performance.now())
    this.clock.sync()
    return this.dashes
  }

  /**
   * Highlights `hit` (null: nothing) in the next animation frame: not in the pointer's event,
   * which should end soon, and once however many moves come before the frame.
   */
  hover(hit: FlowHit | null): void {
    this.hovered = hit
    if (this.clock.isRunning || this.hoverFrame !== 0) return
    if (typeof requestAnimationFrame !== 'function') return this.draw(performance.now())
    this.hoverFrame = requestAnimationFrame((nowMs) => {
      this.hoverFrame = 0
      this.draw(nowMs)
    })
  }

  /** Holds the dashes still while the map moves, or lets them move again. */
  hold(isHeld: boolean): void {
    this.clock.hold(isHeld)
  }

  /** Stops the dashes and removes the canvases. */
  dispose(): void {
    if (this.hoverFrame !== 0) cancelAnimationFrame(this.hoverFrame)
    this.clock.detach()
    this.painter?.dispose()
    this.painter = null
    this.canvas.remove()
  }

  private draw(nowMs: number): void {
    if (!this.ctx || !this.scene) return
    const dashOffset = this.clock.dashOffset(nowMs)
    drawTopPicture(this.ctx, this.scene, this.stroked, dashOffset, this.hovered)
  }

  // The worker failed: the top canvas draws the dashes from now on.
  private drawOnPage(): void {
    this.painter = null
    this.container.dataset.dashes = 'page'
    this.stroked = this.dashes && strokedDashes(this.dashes)
    this.clock.moveElsewhere(null)
    this.draw(performance.now())
  }
}
