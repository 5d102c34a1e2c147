/// <reference lib="webworker" />
/**
 * Draws the still picture of a large draw list off the main thread (see still-draw-off-thread.ts):
 * stroking 10,000 exposure arcs in software takes half a second, which on the main thread held
 * playback, zoom and idle frames however it was sliced. The page sends a list once (packed,
 * still-pack.ts) and then views of it; each picture comes back as an ImageBitmap, or as dropped
 * when a later view or a cancel came first: the picture is drawn in slices, rastered as it goes,
 * so a zoom that moves on stops the work on the view it left instead of sharing the two cores
 * with it. Runs no engine code: it is the map's, not the simulation's, worker.
 */
import { arcStrokeRuns, clearCanvas, drawCities, strokeRun } from './flow-draw'
import type { FlowDrawList } from './draw-list'
import { unpackStillList } from './still-pack'
import type { DrawCommand, StillCommand, StillMessage } from './still-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
const lists = new Map<number, FlowDrawList>()
const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : null
const ctx = canvas?.getContext('2d') as unknown as CanvasRenderingContext2D | null
// Drawing time between two looks at the messages that came in meanwhile.
const SLICE_MS = 16

let wanted: DrawCommand | null = null
let isDrawing = false

function post(message: StillMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

const nextTask = (): Promise<void> => new Promise((go) => setTimeout(go, 0))

// The picture of `command`, or null when another was asked for (or a cancel came) meanwhile.
async function picture(command: DrawCommand, list: FlowDrawList): Promise<ImageBitmap | null> {
  if (!canvas || !ctx) return null
  const { view, dpr, palette, layers } = command
  canvas.width = Math.max(1, Math.round(view.widthPx * dpr))
  canvas.height = Math.max(1, Math.round(view.heightPx * dpr))
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  clearCanvas(ctx)
  const steps = [
    ...(layers.flows ? arcStrokeRuns(list) : []).map(
      (run) => () => strokeRun(ctx, view, palette, list.arcs, run),
    ),
    ...(layers.cities ? [() => drawCities(ctx, view, palette, list.cities, null)] : []),
  ]
  let began = performance.now()
  for (const step of steps) {
    step()
    // Rastered now, so the slice holds its own cost rather than the final bitmap all of it.
    ctx.getImageData(0, 0, 1, 1)
    if (performance.now() - began < SLICE_MS) continue
    await nextTask()
    if (wanted !== command) return null
    began = performance.now()
  }
  return canvas.transferToImageBitmap()
}

async function drawWanted(): Promise<void> {
  isDrawing = true
  while (wanted) {
    const command = wanted
    const list = lists.get(command.listId)
    if (!canvas || !ctx || !list) {
      wanted = null
      post({ type: 'failed', seq: command.seq })
      break
    }
    const bitmap = await picture(command, list)
    if (wanted === command) wanted = null
    if (bitmap) post({ type: 'drawn', seq: command.seq, bitmap }, [bitmap])
  }
  isDrawing = false
}

scope.onmessage = (event: MessageEvent<StillCommand>) => {
  const command = event.data
  if (command.type === 'list') lists.set(command.listId, unpackStillList(command.packed))
  else if (command.type === 'forget') lists.delete(command.listId)
  else if (command.type === 'cancel') wanted = null
  else {
    wanted = command
    if (!isDrawing) void drawWanted()
  }
}
