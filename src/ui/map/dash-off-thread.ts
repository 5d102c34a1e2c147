/**
 * The moving dashes over concern arcs, drawn by a worker (dash.worker.ts) on a canvas of the flow
 * layer handed to it (`transferControlToOffscreen`). A frame trace of preset playback put the
 * dashes' drawing, 30 times a second, among the largest costs of the page's thread: Chromium
 * rasters a canvas's strokes when it hands the canvas to the compositor, some 4 ms a redraw, on
 * that thread. In the worker they are rastered there and reach the compositor without the page,
 * and they keep moving while the page is busy. The page traces the paths once per picture
 * (top-draw.ts) and sends them as numbers; the worker runs its own animation frames.
 *
 * Null where it cannot start (no OffscreenCanvas or workers, or the offline pack opened from disk,
 * which allows only its inlined simulation worker): the flow layer's top canvas draws the dashes.
 */
import type { CanvasView } from './flow-draw'
import type { DashPaths, RecordedPath } from './top-draw'

/** What the page tells the dash worker. */
export type DashCommand =
  | { readonly type: 'canvas'; readonly canvas: OffscreenCanvas }
  | {
      readonly type: 'paths'
      readonly seq: number
      readonly widthPx: number
      readonly heightPx: number
      readonly dpr: number
      readonly fg: string
      /** Null: no dashes to draw. */
      readonly paths: { readonly faded: RecordedPath; readonly shown: RecordedPath } | null
    }
  | { readonly type: 'motion'; readonly isMoving: boolean; readonly isReducedMotion: boolean }

/** What the worker answers: the paths of `seq` are on its canvas. */
export interface DashMessage {
  readonly type: 'shown'
  readonly seq: number
}

function startWorker(): Worker | null {
  if (import.meta.env.MODE === 'pack') return null
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return null
  try {
    return new Worker(new URL('./dash.worker.ts', import.meta.url), {
      type: 'module',
      name: 'keyroute-dashes',
    })
  } catch {
    return null
  }
}

const isSameView = (a: CanvasView | null, b: CanvasView): boolean =>
  a !== null &&
  a.widthPx === b.widthPx &&
  a.heightPx === b.heightPx &&
  a.originX === b.originX &&
  a.originY === b.originY &&
  a.scale === b.scale

/** The dash worker's canvas, and what the page tells the worker. */
export class DashPainter {
  private seq = 0
  private view: CanvasView | null = null

  private constructor(
    /** The canvas the worker draws on, in the flow layer's container. */
    readonly canvas: HTMLCanvasElement,
    private readonly worker: Worker,
    onFail: () => void,
  ) {
    worker.onmessage = (e: MessageEvent<DashMessage>) => {
      if (e.data.seq === this.seq) canvas.style.visibility = ''
    }
    worker.onerror = () => {
      this.dispose()
      onFail()
    }
  }

  /**
   * Starts the worker and hands it a new canvas, put into `container` before `before`; null
   * where that cannot be done. `onFail` hears that the worker failed later (it is then disposed).
   */
  static start(container: HTMLElement, before: Element, onFail: () => void): DashPainter | null {
    const canvas = document.createElement('canvas')
    if (typeof canvas.transferControlToOffscreen !== 'function') return null
    const worker = startWorker()
    if (!worker) return null
    canvas.className = 'kr-dash-canvas'
    canvas.style.cssText = 'position:absolute;left:0;top:0'
    const offscreen = canvas.transferControlToOffscreen()
    const command: DashCommand = { type: 'canvas', canvas: offscreen }
    worker.postMessage(command, [offscreen])
    container.insertBefore(canvas, before)
    return new DashPainter(canvas, worker, onFail)
  }

  /**
   * Shows `dashes` (null: none) traced for `view`. A new view's dashes would stand a frame or two
   * where the last view put them: the canvas is hidden until the worker has drawn them.
   */
  show(view: CanvasView, dpr: number, fg: string, dashes: DashPaths | null): void {
    const seq = ++this.seq
    this.canvas.style.width = `${view.widthPx}px`
    this.canvas.style.height = `${view.heightPx}px`
    if (!isSameView(this.view, view)) this.canvas.style.visibility = 'hidden'
    this.view = { ...view }
    const { widthPx, heightPx } = view
    const paths = dashes && { faded: dashes.faded, shown: dashes.shown }
    this.post({ type: 'paths', seq, widthPx, heightPx, dpr, fg, paths })
  }

  /** Whether the dashes move, and whether they stand still for reduced motion. */
  setMotion(isMoving: boolean, isReducedMotion: boolean): void {
    this.post({ type: 'motion', isMoving, isReducedMotion })
  }

  /** Ends the worker and removes its canvas. */
  dispose(): void {
    this.worker.terminate()
    this.canvas.remove()
  }

  private post(command: DashCommand): void {
    this.worker.postMessage(command)
  }
}
