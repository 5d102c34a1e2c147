/**
 * What the clip encoders share: the request and result types, the canvas frames are drawn on,
 * the pause between frames and the error a cancel rejects with.
 */
import type { ClipFormat } from './clip-timing'

/** A 2D context of the canvas a clip is drawn on (an OffscreenCanvas where the browser has one). */
export type ClipContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

/** What to encode. */
export interface EncodeRequest {
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly frameCount: number
  readonly format: ClipFormat
  /** Draws the whole of frame `index` (nothing of the previous frame is cleared for it). */
  readonly drawFrame: (ctx: ClipContext, index: number) => void | Promise<void>
  readonly onProgress?: (framesDone: number, frameCount: number) => void
  readonly signal?: AbortSignal
}

/** A finished clip and how it was made. */
export interface EncodedClip {
  readonly blob: Blob
  readonly extension: 'mp4' | 'webm' | 'gif'
  /** The codec string used (`avc1.64001f`, `vp09.00.31.08`, `gif`…). */
  readonly codec: string
  /** Whether frames were captured in real time (MediaRecorder): timing then follows the clock. */
  readonly isRealTime: boolean
  /** What differs from what was asked, in words for the user (a format fallback, real time). */
  readonly notes: readonly string[]
}

/** A canvas off the page where the browser has one; MediaRecorder's path makes its own. */
export function makeClipCanvas(
  width: number,
  height: number,
  isReadBack = false,
): { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: ClipContext } {
  const canvas =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height })
  const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: isReadBack })
  if (!ctx) throw new Error('This browser gives no 2D canvas to draw the clip on.')
  return { canvas, ctx }
}

/**
 * Hands the event loop back between frames so clicks, the map and the timeline keep working.
 * `scheduler.yield()` where the browser has it: a hidden tab throttles timers to one a second,
 * not scheduler tasks; elsewhere a zero timeout.
 */
export function nextTask(): Promise<void> {
  if (typeof scheduler !== 'undefined' && typeof scheduler.yield === 'function')
    return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** The error an aborted recording rejects with. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The recording was cancelled.', 'AbortError')
}
