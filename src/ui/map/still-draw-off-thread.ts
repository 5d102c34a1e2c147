/**
 * The still picture of a large draw list, drawn by a worker (still-draw.worker.ts) on an
 * OffscreenCanvas: at 60,000 key paths (some 10,000 exposure arcs, drawn one by one) a picture
 * costs the software rasteriser about half a second, which sliced on the main thread still left
 * frames of 100 to 500 ms (one stroke of wide arcs cannot be cut). Off the thread, the page keeps
 * showing the last picture, moved or scaled by Leaflet, and only copies the finished bitmap in.
 * Small lists (every preset) keep the sliced drawing of still-draw.ts, which is ready sooner; so
 * does a page where the worker cannot start (an offline pack opened from disk).
 */
import type { FlowDrawList } from './draw-list'
import { SlicedStillDraw } from './still-draw'
import type { StillScene } from './still-draw'
import { packStillList, stillListBuffers } from './still-pack'
import type { StillCommand, StillMessage } from './still-protocol'

/**
 * Marks (arcs and city dots) from which a still picture is drawn by the worker: presets draw at
 * most about 1,800 arcs and a few hundred cities. The dots count too, as a step's dots are drawn
 * in one slice: the 5,000 of a large world, before any arc arrived, held the page for 50 ms.
 */
export const OFF_THREAD_MIN_MARKS = 2_500

/**
 * Whether a list's still picture is drawn by the worker (when it can start): one of many marks,
 * or one whose normal paths were bundled however few marks remain, as a bundle is a long, wide
 * stroke: the first 150 of a 60 x 1,000 world's bundles took 25 ms to raster on the page.
 */
export function isLargeList(list: {
  readonly arcs: { readonly length: number }
  readonly cities: { readonly length: number }
  readonly bundles?: number
}): boolean {
  return list.arcs.length + list.cities.length >= OFF_THREAD_MIN_MARKS || (list.bundles ?? 0) > 0
}
// Lists the worker keeps (one per zoom of the shown step): zooming back needs no new list.
const KEPT_LISTS = 4

type OnDone = (back: HTMLCanvasElement | null, scene: StillScene) => HTMLCanvasElement | null

function startWorker(): Worker | null {
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return null
  // The offline pack (build/pack.ts, mode 'pack') allows only its inlined simulation worker.
  if (import.meta.env.MODE === 'pack') return null
  try {
    return new Worker(new URL('./still-draw.worker.ts', import.meta.url), {
      type: 'module',
      name: 'keyroute-map',
    })
  } catch {
    return null
  }
}

/** Draws still pictures in the worker, the latest asked for winning (the worker drops others). */
class OffThreadStillDraw {
  private worker: Worker | null = null
  private isBroken = false
  private readonly sent: Array<{ readonly listId: number; readonly list: FlowDrawList }> = []
  private nextListId = 1
  private nextSeq = 1
  private wanted: { readonly seq: number; readonly scene: StillScene } | null = null
  private back: HTMLCanvasElement | null = null

  constructor(
    private readonly onDone: OnDone,
    private readonly onFail: (scene: StillScene) => void,
  ) {}

  get isBusy(): boolean {
    return this.wanted !== null
  }

  /** Whether the worker can take pictures (false once it failed to start or to draw). */
  get isAvailable(): boolean {
    if (!this.worker && !this.isBroken) {
      this.worker = startWorker()
      if (this.worker) {
        this.worker.onmessage = (e: MessageEvent<StillMessage>) => this.onMessage(e.data)
        this.worker.onerror = () => this.fail()
      } else this.isBroken = true
    }
    return !this.isBroken
  }

  start(scene: StillScene): void {
    const wanted = { seq: this.nextSeq++, scene }
    this.wanted = wanted
    if (this.sent.some((s) => s.list === scene.list)) return this.postDraw(wanted)
    // A new list is packed in a task of its own: the task that asks for its picture has often
    // just bundled it (some 30 ms at 60,000 paths), and packing it too (some 17 ms), with a GC
    // landing in between, made zoom frames of over 100 ms. A later ask or a cancel drops it.
    setTimeout(() => {
      if (this.wanted === wanted) this.postDraw(wanted)
    }, 0)
  }

  private postDraw(wanted: { readonly seq: number; readonly scene: StillScene }): void {
    const { view, dpr, palette, layers, list } = wanted.scene
    this.post({
      type: 'draw',
      seq: wanted.seq,
      listId: this.listIdOf(list),
      view: { ...view },
      dpr,
      palette: { ...palette },
      layers: { flows: layers.flows, cities: layers.cities },
    })
  }

  cancel(): void {
    if (this.wanted) this.post({ type: 'cancel' })
    this.wanted = null
  }

  private post(command: StillCommand, transfer: Transferable[] = []): void {
    this.worker?.postMessage(command, transfer)
  }

  private listIdOf(list: FlowDrawList): number {
    const known = this.sent.find((s) => s.list === list)
    if (known) return known.listId
    const listId = this.nextListId++
    const packed = packStillList(list)
    this.post({ type: 'list', listId, packed }, stillListBuffers(packed))
    this.sent.push({ listId, list })
    if (this.sent.length > KEPT_LISTS) {
      const dropped = this.sent.shift()
      if (dropped) this.post({ type: 'forget', listId: dropped.listId })
    }
    return listId
  }

  private onMessage(message: StillMessage): void {
    const wanted = this.wanted
    if (message.type === 'failed') {
      if (wanted?.seq === message.seq) this.fail()
      return
    }
    const { bitmap } = message
    if (wanted?.seq !== message.seq) {
      bitmap.close()
      return
    }
    this.wanted = null
    this.back ??= document.createElement('canvas')
    const back = this.back
    back.width = bitmap.width
    back.height = bitmap.height
    back.getContext('2d')?.drawImage(bitmap, 0, 0)
    bitmap.close()
    const replaced = this.onDone(back, wanted.scene)
    if (replaced) this.back = replaced
  }

  // The picture asked for is drawn on the main thread instead, and so are all later ones.
  private fail(): void {
    this.isBroken = true
    this.worker?.terminate()
    this.worker = null
    const wanted = this.wanted
    this.wanted = null
    if (wanted) this.onFail(wanted.scene)
  }
}

/**
 * Still pictures drawn where they cost the page least: large lists by the worker, small ones in
 * slices on the main thread ({@link SlicedStillDraw}). Same contract as SlicedStillDraw.
 */
export class StillPainter {
  private readonly sliced: SlicedStillDraw
  private readonly offThread: OffThreadStillDraw

  constructor(onDone: OnDone) {
    this.sliced = new SlicedStillDraw(onDone)
    this.offThread = new OffThreadStillDraw(onDone, (scene) => this.sliced.start(scene))
  }

  /** Whether a picture is still being drawn. */
  get isBusy(): boolean {
    return this.sliced.isBusy || this.offThread.isBusy
  }

  /** Starts a picture (dropping one under way); the first slice of a small one is drawn now. */
  start(scene: StillScene): void {
    this.cancel()
    if (isLargeList(scene.list) && this.offThread.isAvailable) this.offThread.start(scene)
    else this.sliced.start(scene)
  }

  /** Drops the picture under way, if any. */
  cancel(): void {
    this.sliced.cancel()
    this.offThread.cancel()
  }
}
