/**
 * Encodes frames drawn one by one into a video file. With WebCodecs each frame gets its exact
 * timestamp (index / fps) whatever the time it took to draw, so a slow machine makes the same
 * clip, only slower; mediabunny muxes the encoded packets into MP4 or WebM. Without WebCodecs
 * the frames go through MediaRecorder in real time (clip-realtime.ts); a GIF through gifenc
 * (clip-gif.ts).
 */
import {
  BufferTarget,
  CanvasSource,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
  canEncodeVideo,
} from 'mediabunny'
import type { VideoCodec } from 'mediabunny'
import { abortError, makeClipCanvas, nextTask } from './clip-canvas'
import type { EncodeRequest, EncodedClip } from './clip-canvas'
import { encodeGif } from './clip-gif'
import { encodeRealTime } from './clip-realtime'
import { avcCodecStrings } from './clip-timing'

interface VideoChoice {
  readonly container: 'mp4' | 'webm'
  readonly codec: VideoCodec
  readonly fullCodecString?: string
}

const WEBM_CODECS: readonly VideoCodec[] = ['vp9', 'vp8']

/** The first codec this browser's VideoEncoder takes at this size and rate, MP4 first if asked. */
async function chooseVideoCodec(
  format: 'mp4' | 'webm',
  width: number,
  height: number,
  fps: number,
): Promise<VideoChoice | null> {
  const options = { width, height, frameRate: fps, quality: QUALITY_HIGH }
  if (format === 'mp4') {
    for (const fullCodecString of avcCodecStrings(width, height, fps)) {
      if (await canEncodeVideo('avc', { ...options, fullCodecString }))
        return { container: 'mp4', codec: 'avc', fullCodecString }
    }
  }
  for (const codec of WEBM_CODECS) {
    if (await canEncodeVideo(codec, options)) return { container: 'webm', codec }
  }
  return null
}

async function encodeWithWebCodecs(
  request: EncodeRequest,
  choice: VideoChoice,
): Promise<{ blob: Blob; codec: string }> {
  const { width, height, fps, frameCount, signal } = request
  const { canvas, ctx } = makeClipCanvas(width, height)
  const target = new BufferTarget()
  let codec = choice.fullCodecString ?? choice.codec
  const output = new Output({
    // In-memory fast start puts the index first: players and slide software start at once.
    format:
      choice.container === 'mp4'
        ? new Mp4OutputFormat({ fastStart: 'in-memory' })
        : new WebMOutputFormat(),
    target,
  })
  const source = new CanvasSource(canvas, {
    codec: choice.codec,
    quality: QUALITY_HIGH,
    latencyMode: 'quality',
    onEncoderConfig: (config) => {
      codec = config.codec
    },
    ...(choice.fullCodecString ? { fullCodecString: choice.fullCodecString } : {}),
  })
  // The frame rate makes the track's timescale a multiple of it: every timestamp stays exact.
  output.addVideoTrack(source, { frameRate: fps })
  try {
    await output.start()
    for (let index = 0; index < frameCount; index++) {
      if (signal?.aborted) throw abortError(signal)
      await request.drawFrame(ctx, index)
      // Seconds: mediabunny hands the encoder index * 1e6 / fps microseconds, 1e6 / fps long.
      await source.add(index / fps, 1 / fps)
      request.onProgress?.(index + 1, frameCount)
      await nextTask()
    }
    if (signal?.aborted) throw abortError(signal)
    await output.finalize()
  } catch (error) {
    // Cancelling closes the encoder and drops what was muxed.
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel()
    throw error
  }
  if (!target.buffer) throw new Error('The clip came out empty.')
  return { blob: new Blob([target.buffer], { type: output.format.mimeType }), codec }
}

const FORMAT_NAMES = { mp4: 'MP4 (H.264)', webm: 'WebM' } as const

/**
 * Draws `frameCount` frames with `drawFrame` and encodes them as `format`: MP4 is H.264, WebM is
 * VP9 or VP8, whichever this browser's VideoEncoder takes at the size and rate. Where it takes no
 * H.264 the clip is WebM and `notes` says so; where the browser has no VideoEncoder the frames are
 * recorded in real time with MediaRecorder. Rejects with an AbortError when `signal` aborts.
 */
export async function encodeClip(request: EncodeRequest): Promise<EncodedClip> {
  const { format, width, height, fps } = request
  if (format === 'gif') {
    return {
      blob: await encodeGif(request),
      extension: 'gif',
      codec: 'gif',
      isRealTime: false,
      notes: [],
    }
  }
  if (typeof VideoEncoder !== 'function') return encodeRealTime(request)
  const choice = await chooseVideoCodec(format, width, height, fps)
  if (!choice) {
    throw new Error(
      `This browser can encode neither H.264 nor VP9/VP8 video at ${width}x${height}, ${fps} fps.`,
    )
  }
  const notes =
    choice.container === format
      ? []
      : [
          `This browser cannot encode ${FORMAT_NAMES[format]} at ${width}x${height}, ${fps} fps: the clip is ${FORMAT_NAMES[choice.container]} instead.`,
        ]
  const { blob, codec } = await encodeWithWebCodecs(request, choice)
  return { blob, extension: choice.container, codec, isRealTime: false, notes }
}
