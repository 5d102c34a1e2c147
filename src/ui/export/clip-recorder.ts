/**
 * Records a clip of the map: the state as it was when recording began, drawn once per frame at
 * that frame's exact simulated time by a frame source, encoded by clip-encoder.ts. Changing the
 * page meanwhile changes nothing in the clip.
 */
import { runEndMinutes, selectMapRun } from '../../store/selectors'
import type { AppState, RunState } from '../../store/store'
import type { ClipContext, EncodedClip } from './clip-canvas'
import { clipFileName, clipFrameCount, encodedShape, frameTimeMinutes } from './clip-timing'
import type { ClipFormat, ClipTiming } from './clip-timing'

/**
 * What draws a frame: the whole picture (basemap, arcs, sites, labels, legend, title, clock and
 * simulation mark) of `state` at its `timeMinutes`, laid out for `frame.width` x `frame.height`
 * and drawn at `frame.pixelRatio` device pixels per layout pixel (the canvas's size).
 */
export interface ClipFrameSource {
  /** Loads what drawing needs (the basemap); called once before the first frame. */
  readonly prepare: () => Promise<void>
  readonly draw: (ctx: ClipContext, state: AppState, frame: ClipFrameLayout) => void
}

/** The size a frame is composed at, and device pixels per layout pixel. */
export interface ClipFrameLayout {
  readonly width: number
  readonly height: number
  readonly pixelRatio: number
}

/** What the user chose in the dialog. */
export interface ClipChoices extends ClipTiming {
  readonly width: number
  readonly height: number
  readonly format: ClipFormat
}

/** A recorded clip with what the dialog tells of it. */
export interface RecordedClip extends EncodedClip {
  readonly fileName: string
  readonly frameCount: number
  readonly width: number
  readonly height: number
  readonly fps: number
  /** Wall time from the first frame to the file, and the part of it spent drawing frames. */
  readonly elapsedMs: number
  readonly drawMs: number
}

/** The finished run a clip can be made of, or why there is none. */
export function clipRunOf(state: AppState): { run: RunState } | { problem: string } {
  const run = selectMapRun(state)
  if (!run || !run.summary || run.status !== 'done')
    return { problem: 'A clip can be recorded once the run is done.' }
  if (runEndMinutes(run) <= 0) return { problem: 'This run has no steps to record.' }
  return { run }
}

/** Options of {@link recordClip}. */
export interface RecordOptions {
  readonly onProgress?: (framesDone: number, frameCount: number) => void
  readonly signal?: AbortSignal
}

/**
 * Records `choices` of the map run in `state` with `frames`: frame i shows the state at
 * from + i * (minutes per second / fps). A GIF is made at its own size and rate (GIF_SIZE, GIF_FPS).
 */
export async function recordClip(
  state: AppState,
  choices: ClipChoices,
  frames: ClipFrameSource,
  options: RecordOptions = {},
): Promise<RecordedClip> {
  const found = clipRunOf(state)
  if ('problem' in found) throw new Error(found.problem)
  const { run } = found
  const summary = run.summary as NonNullable<RunState['summary']>
  const shape = encodedShape(choices.format, choices, choices.fps)
  const timing: ClipTiming = { ...choices, fps: shape.fps }
  const frameCount = clipFrameCount(timing)
  await frames.prepare()
  const started = performance.now()
  let drawMs = 0
  // The encoders (mediabunny, gifenc) load on the first clip, not with the page.
  const { encodeClip } = await import('./clip-encoder')
  const clip = await encodeClip({
    width: shape.width,
    height: shape.height,
    fps: shape.fps,
    frameCount,
    format: choices.format,
    drawFrame(ctx, index) {
      const before = performance.now()
      const at = frameTimeMinutes(timing, index)
      frames.draw(ctx, { ...state, timeMinutes: at }, shape.layout)
      drawMs += performance.now() - before
    },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const fileName = clipFileName(
    {
      scenarioId: summary.scenarioId,
      seed: summary.seed,
      policy: run.policy,
      startDate: run.startDate,
      fromMinutes: choices.fromMinutes,
      toMinutes: choices.toMinutes,
    },
    clip.extension,
  )
  const elapsedMs = performance.now() - started
  const { width, height, fps } = shape
  return { ...clip, fileName, frameCount, width, height, fps, elapsedMs, drawMs }
}
