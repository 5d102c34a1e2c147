/// <reference lib="webworker" />
/**
 * Draws the still picture of a large draw list off the main thread (see still-draw-off-thread.ts):
 * stroking 10,000 exposure arcs in software takes half a second, which on the main thread held
 * playback, zoom and idle frames however it was sliced. The page sends a list once (packed,
 * still-pack.ts) and then views of it; each picture comes back as an ImageBitmap. Runs no engine
 * code: it is the map's, not the simulation's, worker.
 */
import { arcStrokeRuns, clearCanvas, drawCities, strokeRun } from './flow-draw'
import type { FlowDrawList } from './draw-list'
import { unpackStillList } from './still-pack'
import type { StillCommand, StillMessage } from './still-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
const lists = new Map<number, FlowDrawList>()
const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : null
const ctx = canvas?.getContext('2d') as unknown as CanvasRenderingContext2D | null

function post(message: StillMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

scope.onmessage = (event: MessageEvent<StillCommand>) => {
  const command = event.data
  if (command.type === 'list') {
    lists.set(command.listId, unpackStillList(command.packed))
    return
  }
  if (command.type === 'forget') {
    lists.delete(command.listId)
    return
  }
  const list = lists.get(command.listId)
  if (!canvas || !ctx || !list) {
    post({ type: 'failed', seq: command.seq })
    return
  }
  const { view, dpr, palette, layers } = command
  canvas.width = Math.max(1, Math.round(view.widthPx * dpr))
  canvas.height = Math.max(1, Math.round(view.heightPx * dpr))
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  clearCanvas(ctx)
  if (layers.flows)
    for (const run of arcStrokeRuns(list)) strokeRun(ctx, view, palette, list.arcs, run)
  if (layers.cities) drawCities(ctx, view, palette, list.cities, null)
  const bitmap = canvas.transferToImageBitmap()
  post({ type: 'drawn', seq: command.seq, bitmap }, [bitmap])
}
