/// <reference lib="webworker" />
/**
 * Moves the dashes over concern arcs off the page's thread (see dash-off-thread.ts): it holds the
 * canvas the page handed over, builds the paths the page traced, and strokes them at a new dash
 * offset on its own animation frames, 30 times a second while they move. Runs no engine code.
 */
import { DASH_FRAME_MS, dashOffsetAt } from './dash-clock'
import type { DashCommand, DashMessage } from './dash-off-thread'
import { drawDashes, strokedDashes } from './top-draw'
import type { StrokedDashes } from './top-draw'

const scope = self as unknown as DedicatedWorkerGlobalScope
let canvas: OffscreenCanvas | null = null
let ctx: OffscreenCanvasRenderingContext2D | null = null
let dashes: StrokedDashes | null = null
let fg = '#000'
let dpr = 1
let isMoving = false
let isReducedMotion = false
let frameId = 0
let lastDrawMs = -Infinity

function draw(nowMs: number): void {
  if (!canvas || !ctx) return
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, canvas.width, canvas.height)
  if (!dashes) return
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  drawDashes(ctx, fg, dashes, dashOffsetAt(nowMs, isReducedMotion))
}

function tick(nowMs: number): void {
  frameId = 0
  if (nowMs - lastDrawMs >= DASH_FRAME_MS) {
    lastDrawMs = nowMs
    draw(nowMs)
  }
  sync()
}

// Runs the frames while there are dashes to move.
function sync(): void {
  const shouldRun = isMoving && dashes !== null
  if (shouldRun && frameId === 0) frameId = scope.requestAnimationFrame(tick)
  else if (!shouldRun && frameId !== 0) {
    scope.cancelAnimationFrame(frameId)
    frameId = 0
  }
}

scope.onmessage = (event: MessageEvent<DashCommand>) => {
  const command = event.data
  if (command.type === 'canvas') {
    canvas = command.canvas
    ctx = canvas.getContext('2d')
  } else if (command.type === 'paths') {
    if (canvas) {
      canvas.width = Math.max(1, Math.round(command.widthPx * command.dpr))
      canvas.height = Math.max(1, Math.round(command.heightPx * command.dpr))
    }
    dpr = command.dpr
    fg = command.fg
    dashes = command.paths && strokedDashes(command.paths)
    draw(performance.now())
    const message: DashMessage = { type: 'shown', seq: command.seq }
    scope.postMessage(message)
  } else {
    isMoving = command.isMoving
    isReducedMotion = command.isReducedMotion
    draw(performance.now())
  }
  sync()
}
