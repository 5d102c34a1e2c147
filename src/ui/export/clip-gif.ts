/**
 * An animated GIF of the clip's frames through gifenc, for tools that take no video. Each frame
 * gets its own 256-colour palette: the map's colours change as arcs come and go, and a palette
 * shared from the first frame would band the arcs that appear later.
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc'
import { abortError, makeClipCanvas, nextTask } from './clip-canvas'
import type { EncodeRequest } from './clip-canvas'

/** Encodes the request's frames as a looping GIF; the delay is 1000 / fps ms a frame. */
export async function encodeGif(request: EncodeRequest): Promise<Blob> {
  const { width, height, fps, frameCount, signal } = request
  const { ctx } = makeClipCanvas(width, height, true)
  const gif = GIFEncoder()
  for (let index = 0; index < frameCount; index++) {
    if (signal?.aborted) throw abortError(signal)
    await request.drawFrame(ctx, index)
    const { data } = ctx.getImageData(0, 0, width, height)
    const palette = quantize(data, 256)
    gif.writeFrame(applyPalette(data, palette), width, height, { palette, delay: 1000 / fps })
    request.onProgress?.(index + 1, frameCount)
    await nextTask()
  }
  if (signal?.aborted) throw abortError(signal)
  gif.finish()
  return new Blob([gif.bytes()], { type: 'image/gif' })
}
