/**
 * The fallback where the browser has no WebCodecs VideoEncoder: frames are drawn on a page canvas
 * at the clip's pace and MediaRecorder records its captured stream. The recorder stamps frames by
 * the wall clock, so the clip takes as long to make as it plays, and frames not drawn in time are
 * skipped.
 */
import { abortError } from './clip-canvas'
import type { ClipContext, EncodeRequest, EncodedClip } from './clip-canvas'

const TYPES = {
  mp4: ['video/mp4;codecs=avc1', 'video/mp4'],
  webm: ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'],
} as const

/** Bits per second for a size: about what mediabunny's high quality gives H.264 at 720p. */
function bitsPerSecond(width: number, height: number): number {
  return Math.round(width * height * 6)
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

/** Records the request's frames in real time (1 / fps s each) with MediaRecorder. */
export async function encodeRealTime(request: EncodeRequest): Promise<EncodedClip> {
  const { width, height, fps, frameCount, signal } = request
  const format = request.format === 'mp4' ? 'mp4' : 'webm'
  if (typeof MediaRecorder !== 'function')
    throw new Error('This browser can record no video: it has neither WebCodecs nor MediaRecorder.')
  const supported = (type: string): boolean => MediaRecorder.isTypeSupported(type)
  const mimeType = TYPES[format].find(supported) ?? TYPES.webm.find(supported)
  if (!mimeType) throw new Error('This browser records neither MP4 nor WebM video.')
  const extension = mimeType.startsWith('video/mp4') ? 'mp4' : 'webm'

  const canvas = Object.assign(document.createElement('canvas'), { width, height })
  const ctx = canvas.getContext('2d', { alpha: false }) as ClipContext | null
  if (!ctx) throw new Error('This browser gives no 2D canvas to draw the clip on.')
  // Frame rate 0: a frame is captured only when asked, right after it is drawn.
  const stream = canvas.captureStream(0)
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined
  const recorder = new MediaRecorder(stream, {
    mimeType,
    videoBitsPerSecond: bitsPerSecond(width, height),
  })
  const chunks: Blob[] = []
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data)
  }
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()))
  try {
    recorder.start()
    const started = performance.now()
    // Each frame is drawn when its time comes; one that is due while another is still being
    // drawn is skipped, so the clip keeps the chosen pace on a slow machine.
    for (let index = 0; index < frameCount;) {
      if (signal?.aborted) throw abortError(signal)
      await request.drawFrame(ctx, index)
      track?.requestFrame()
      request.onProgress?.(index + 1, frameCount)
      const due = Math.floor(((performance.now() - started) * fps) / 1000)
      index = Math.max(index + 1, due)
      await wait(started + (index * 1000) / fps - performance.now())
    }
    if (signal?.aborted) throw abortError(signal)
  } finally {
    if (recorder.state !== 'inactive') recorder.stop()
    await stopped
    for (const t of stream.getTracks()) t.stop()
  }
  const asked = request.format === 'mp4' ? 'MP4' : 'WebM'
  const notes = [
    'This browser has no WebCodecs video encoder: the clip was recorded in real time, so it took as long as it plays, and frames this machine could not draw in time were skipped.',
    ...(extension === request.format
      ? []
      : [`This browser records no ${asked}: the clip is ${extension.toUpperCase()} instead.`]),
  ]
  return {
    blob: new Blob(chunks, { type: mimeType }),
    extension,
    codec: mimeType,
    isRealTime: true,
    notes,
  }
}
