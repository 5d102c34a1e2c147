/**
 * The arithmetic of a clip, with no DOM: which simulated minutes it spans, how many frames that
 * makes at a speed and frame rate, the exact simulated time of each frame, its codec and its file
 * name. The recorder and the dialog both read it, so what the dialog announces is what is made.
 */
import { SLIDE_SIZES, compactUtc } from './scene-text'

export const MINUTES_PER_DAY = 1440

/** Formats a clip can be written in. */
export type ClipFormat = 'mp4' | 'webm' | 'gif'

/** A span of simulated minutes since the run's start, `fromMinutes` < `toMinutes`. */
export interface ClipRange {
  readonly fromMinutes: number
  readonly toMinutes: number
}

/** What decides a clip's frames. */
export interface ClipTiming extends ClipRange {
  /** Simulated minutes per second of clip. */
  readonly minutesPerSecond: number
  readonly fps: number
}

/** The speeds offered, in simulated minutes per second of clip. */
export const CLIP_SPEEDS = [15, 30, 60, 120, 240, 720] as const
export const CLIP_FPS = [24, 30, 60] as const
export const CLIP_SIZES = SLIDE_SIZES

/**
 * A GIF is made smaller and slower than the video (the format stores every pixel's palette index
 * with LZW only): 960x540 at 10 frames a second, whose 100 ms frame delay GIF's centisecond clock
 * holds exactly (30 fps would be rounded to 30 or 40 ms). Its frames are laid out at 1280x720 and
 * drawn at 0.75 scale: laid out at 960x540 the title, legend and footer would crowd the map.
 */
export const GIF_SIZE = { width: 960, height: 540 } as const
export const GIF_FPS = 10
const GIF_LAYOUT = { width: 1280, height: 720 } as const

/**
 * The day shown at `timeMinutes` (00:00 to 24:00 UTC; runs start at midnight UTC), cut to the run;
 * at the run's very end, its last day.
 */
export function defaultClipRange(timeMinutes: number, runEndMinutes: number): ClipRange {
  const end = Math.max(runEndMinutes, 1)
  const dayStart = Math.floor(Math.max(0, timeMinutes) / MINUTES_PER_DAY) * MINUTES_PER_DAY
  const from = dayStart >= end ? Math.max(0, end - MINUTES_PER_DAY) : dayStart
  return { fromMinutes: from, toMinutes: Math.min(end, from + MINUTES_PER_DAY) }
}

/** Simulated minutes between two frames. */
export function frameStepMinutes(timing: ClipTiming): number {
  return timing.minutesPerSecond / timing.fps
}

/**
 * Frames of the clip: enough to cover the range from its first minute, the last frame starting
 * before `toMinutes` (a one-day clip at 60 min/s and 30 fps has 720, the last at 23:58).
 */
export function clipFrameCount(timing: ClipTiming): number {
  const span = timing.toMinutes - timing.fromMinutes
  if (!(span > 0) || !(timing.minutesPerSecond > 0) || !(timing.fps > 0)) return 0
  // A tolerance keeps 1440 / 2 from becoming 721 frames through rounding of the step.
  return Math.max(1, Math.ceil((span * timing.fps) / timing.minutesPerSecond - 1e-9))
}

/** Seconds the clip plays: frames / frame rate, exactly what the container stores. */
export function clipDurationSeconds(timing: ClipTiming): number {
  return clipFrameCount(timing) / timing.fps
}

/** The simulated time of frame `index`: from + index * (minutes per second / fps). */
export function frameTimeMinutes(timing: ClipTiming, index: number): number {
  // Multiplying before dividing keeps times exact where they can be (2 min steps at 60/30).
  return timing.fromMinutes + (index * timing.minutesPerSecond) / timing.fps
}

/** Presentation time of frame `index` in microseconds, as WebCodecs counts it. */
export function frameTimestampMicros(fps: number, index: number): number {
  return (index * 1e6) / fps
}

/**
 * The frame rate and size a format is made at (a GIF is smaller and slower, see GIF_SIZE), and
 * the size in layout pixels the picture is composed at with its device pixels per layout pixel.
 */
export function encodedShape(
  format: ClipFormat,
  size: { width: number; height: number },
  fps: number,
): {
  width: number
  height: number
  fps: number
  layout: { width: number; height: number; pixelRatio: number }
} {
  if (format !== 'gif')
    return { width: size.width, height: size.height, fps, layout: { ...size, pixelRatio: 1 } }
  const pixelRatio = GIF_SIZE.width / GIF_LAYOUT.width
  return { ...GIF_SIZE, fps: GIF_FPS, layout: { ...GIF_LAYOUT, pixelRatio } }
}

/** A run's minute as a `datetime-local` input holds it, in UTC: 2020-03-27T14:00. */
export function clipTimeInput(startDate: string, minutes: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + minutes * 60_000)
    .toISOString()
    .slice(0, 16)
}

/** The run's minute a `datetime-local` value (read as UTC) names, or null when it names none. */
export function minutesOfClipInput(startDate: string, text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return null
  const ms = Date.parse(`${text}:00Z`) - Date.parse(`${startDate}T00:00:00Z`)
  return Number.isFinite(ms) ? ms / 60_000 : null
}

/** Why a range cannot be recorded from a run ending at `runEndMinutes`, or null when it can. */
export function clipRangeProblem(
  startDate: string,
  range: { fromMinutes: number | null; toMinutes: number | null },
  runEndMinutes: number,
): string | null {
  const { fromMinutes: from, toMinutes: to } = range
  if (from === null || to === null) return 'Give the start and the end as a date and a time.'
  if (from < 0 || to > runEndMinutes) {
    const start = clipTimeInput(startDate, 0).replace('T', ' ')
    const end = clipTimeInput(startDate, runEndMinutes).replace('T', ' ')
    return `The run spans ${start} to ${end} UTC: choose a range within it.`
  }
  if (to <= from) return 'The end must come after the start.'
  return null
}

/** What names a run's clip. */
export interface ClipNaming extends ClipRange {
  readonly scenarioId: string
  readonly seed: number
  readonly policy: string
  readonly startDate: string
}

/**
 * keyroute-<scenario>-<policy>-seed<seed>-<from>-<to>.<ext>, times as 20200327T0000Z: the name
 * of an exported image (scene-text.ts) with the range's end added.
 */
export function clipFileName(naming: ClipNaming, extension: string): string {
  const { scenarioId, policy, seed, startDate } = naming
  const from = compactUtc(startDate, naming.fromMinutes)
  const to = compactUtc(startDate, naming.toMinutes)
  return `keyroute-${scenarioId}-${policy}-seed${seed}-${from}-${to}.${extension}`
}

// H.264 levels (ITU-T H.264 table A-1): the level's byte, its largest frame in 16x16 macroblocks,
// and its macroblocks per second.
const AVC_LEVELS: readonly (readonly [number, number, number])[] = [
  [0x1f, 3600, 108_000],
  [0x20, 5120, 216_000],
  [0x28, 8192, 245_760],
  [0x2a, 8704, 522_240],
  [0x33, 36_864, 983_040],
]

/**
 * H.264 codec strings to try for a size and rate, best first: from the lowest level that allows
 * the frame size and macroblock rate upwards (1280x720 at 30 fps: level 3.1; 1920x1080 at 30 fps:
 * level 4.0), High then Constrained Baseline profile at each. Empty when no level allows it.
 */
export function avcCodecStrings(width: number, height: number, fps: number): string[] {
  const frameMacroblocks = Math.ceil(width / 16) * Math.ceil(height / 16)
  return AVC_LEVELS.filter(
    ([, maxFrame, maxRate]) => frameMacroblocks <= maxFrame && frameMacroblocks * fps <= maxRate,
  ).flatMap(([level]) => {
    const hex = level.toString(16).padStart(2, '0')
    return [`avc1.6400${hex}`, `avc1.42e0${hex}`]
  })
}
