/**
 * The render command's arguments, kept apart from its driver (build/render.ts) so tests can call
 * them: what to show (a preset or scenario file, or a briefing), at what time, and what to write.
 * Every check that needs no browser happens here, before the app is built or a browser starts.
 */
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import { minuteTimeSchema } from '../sim/date-schemas'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId } from '../sim/model'
import { PRESET_IDS } from '../sim/presets/scenarios'
import { SEED_MAX } from '../sim/random'
import { UsageError, fileProblem, parseWholeNumber, parsedOrUsageError } from './sim-args'

/** What each output extension writes. */
export const RENDER_FORMATS = {
  '.png': 'map image (PNG)',
  '.svg': 'chart image (SVG)',
  '.mp4': 'clip (MP4, H.264)',
  '.webm': 'clip (WebM)',
  '.gif': 'clip (animated GIF)',
  '.zip': "a briefing's chapters as numbered PNGs",
} as const

/** An output file's kind, from its extension. */
export type RenderFormat = keyof typeof RENDER_FORMATS

/**
 * What the app's export controls offer (their lists live with the controls, in src/ui/export;
 * the render driver passes them in, so the command accepts exactly what the buttons offer).
 */
export interface RenderOffer {
  readonly sizes: readonly { readonly width: number; readonly height: number }[]
  readonly fps: readonly number[]
  /** Clip speeds, simulated minutes per second. */
  readonly speeds: readonly number[]
}

/** Usage text, printed by --help and after a usage error. */
export const renderUsage = (
  offer: RenderOffer,
): string => `usage: npm run render -- <preset | file> [--policy P] [--seed N] [--at TIME] [--chart NAME] --out FILE [--size WxH]
       npm run render -- --briefing <id | file> [--chapter N] --out FILE.png|FILE.zip
       npm run render -- <preset | file> --out FILE.mp4|.webm|.gif [--from TIME] [--to TIME] [--fps N]
  <preset>         a built-in scenario: ${PRESET_IDS.join(', ')}
  <file>           a scenario file (JSON)
  --policy P       policy: ${POLICY_IDS.join(', ')}
  --seed N         seed, a whole number from 0 to ${SEED_MAX}
  --at TIME        the time shown, UTC to the minute (2020-03-27T14:00Z); default: the busiest hour
  --briefing B     a built-in briefing id or a briefing file; --chapter N (from 1) picks one
  --chart NAME     with .svg: which chart (default: the first)
  --from, --to     a clip's time range, UTC to the minute; default: the day of the shown time
  --fps N          a clip's frame rate: ${offer.fps.join(', ')} (default 30)
  --speed M        a clip's simulated minutes per second of video: ${offer.speeds.join(', ')}
                   (default 60: an hour a second)
  --out FILE       what to write: ${Object.entries(RENDER_FORMATS)
    .map(([ext, what]) => `${ext} ${what}`)
    .join('; ')}
  --size WxH       ${sizesText(offer)} (default: 1920x1080 for images, 1280x720 for clips)
  --app URL        drive the app served at URL instead of building and serving dist/
  --help, -h       print this help`

/** What to render. */
export interface RenderOptions {
  /** A preset id or a scenario file path; absent with a briefing. */
  readonly source?: string
  readonly briefing?: string
  /** A briefing chapter, counted from 1. */
  readonly chapter?: number
  readonly policy?: PolicyId
  readonly seed?: number
  readonly at?: string
  readonly from?: string
  readonly to?: string
  readonly fps: number
  /** A clip's simulated minutes per second of video. */
  readonly speed: number
  readonly chart?: string
  /** An app already served (its base URL); otherwise dist/ is built if needed and served. */
  readonly appUrl?: string
  readonly out: string
  readonly format: RenderFormat
  readonly width: number
  readonly height: number
  readonly isHelp: boolean
}

const CLIP_FORMATS: readonly RenderFormat[] = ['.mp4', '.webm', '.gif']

/** Whether a format is a clip. */
export function isClipFormat(format: RenderFormat): boolean {
  return CLIP_FORMATS.includes(format)
}

const sizesText = (offer: RenderOffer): string =>
  offer.sizes.map((s) => `${s.width}x${s.height}`).join(' or ')

function minuteTime(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  if (!minuteTimeSchema.safeParse(text).success)
    throw new UsageError(
      `${flag} takes a UTC time to the minute such as 2020-03-27T14:00Z, not "${text}"`,
    )
  return text
}

function formatOf(out: string): RenderFormat {
  const ext = extname(out).toLowerCase()
  if (ext in RENDER_FORMATS) return ext as RenderFormat
  throw new UsageError(
    `--out ${out}: the file must end in ${Object.keys(RENDER_FORMATS).join(', ')}`,
  )
}

/** Parses the render command's arguments (without node and the script); throws UsageError. */
export function parseRenderArgs(argv: readonly string[], offer: RenderOffer): RenderOptions {
  const { values, positionals } = parsedOrUsageError(() => parseOptions(argv))
  const isHelp = values.help === true
  const base = {
    fps: 30,
    speed: 60,
    out: '',
    format: '.png' as RenderFormat,
    width: 1920,
    height: 1080,
  }
  if (isHelp) return { ...base, isHelp }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`)
  const source = positionals[0]
  const { briefing } = values
  if (source === undefined && briefing === undefined)
    throw new UsageError('name a preset, a scenario file or --briefing')
  if (source !== undefined && briefing !== undefined)
    throw new UsageError('give a scenario or --briefing, not both')
  if (source !== undefined && !(PRESET_IDS as readonly string[]).includes(source)) {
    const problem = fileProblem(source)
    if (problem) throw new UsageError(problem)
  }
  if (values.out === undefined || values.out === '')
    throw new UsageError('--out FILE is required: where to write the image or clip')
  const format = formatOf(values.out)
  if (briefing !== undefined && format !== '.png' && format !== '.zip')
    throw new UsageError('--briefing writes a chapter as .png or every chapter as .zip')
  if (briefing === undefined && format === '.zip')
    throw new UsageError('.zip holds a briefing’s chapters: add --briefing')
  if (values.chapter !== undefined && briefing === undefined)
    throw new UsageError('--chapter picks a chapter of --briefing')
  if (values.chart !== undefined && format !== '.svg')
    throw new UsageError('--chart picks the chart of an .svg output')
  const isClip = isClipFormat(format)
  for (const flag of ['from', 'to', 'fps', 'speed'] as const)
    if (values[flag] !== undefined && !isClip)
      throw new UsageError(`--${flag} is for clips (.mp4, .webm, .gif)`)
  const size = values.size ?? (isClip ? '1280x720' : '1920x1080')
  const offered = offer.sizes.find((s) => `${s.width}x${s.height}` === size)
  if (!offered) throw new UsageError(`--size takes ${sizesText(offer)}, not "${size}"`)
  const { width, height } = offered
  const { policy } = values
  if (policy !== undefined && !(POLICY_IDS as readonly string[]).includes(policy))
    throw new UsageError(`unknown policy "${policy}"; policies: ${POLICY_IDS.join(', ')}`)
  const fps = values.fps === undefined ? 30 : parseWholeNumber('--fps', values.fps, 1, 1000)
  if (!offer.fps.includes(fps))
    throw new UsageError(`--fps takes ${offer.fps.join(', ')}, not ${fps}`)
  const speed =
    values.speed === undefined ? 60 : parseWholeNumber('--speed', values.speed, 1, 100_000)
  if (!offer.speeds.includes(speed))
    throw new UsageError(
      `--speed takes ${offer.speeds.join(', ')} simulated minutes per second, not ${speed}`,
    )
  const appUrl = values.app
  if (appUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(appUrl))
    throw new UsageError(`--app takes the http(s) address the app is served at, not "${appUrl}"`)
  const from = minuteTime('--from', values.from)
  const to = minuteTime('--to', values.to)
  if (from !== undefined && to !== undefined && Date.parse(to) <= Date.parse(from))
    throw new UsageError(`--to ${to} must be after --from ${from}`)
  return {
    ...(source === undefined ? {} : { source }),
    ...(briefing === undefined ? {} : { briefing }),
    ...(values.chapter === undefined
      ? {}
      : { chapter: parseWholeNumber('--chapter', values.chapter, 1, 999) }),
    ...(policy === undefined ? {} : { policy: policy as PolicyId }),
    ...(values.seed === undefined
      ? {}
      : { seed: parseWholeNumber('--seed', values.seed, 0, SEED_MAX) }),
    ...(values.at === undefined ? {} : { at: minuteTime('--at', values.at) }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(values.chart === undefined ? {} : { chart: values.chart }),
    ...(appUrl === undefined ? {} : { appUrl: appUrl.endsWith('/') ? appUrl : `${appUrl}/` }),
    fps,
    speed,
    out: values.out,
    format,
    width,
    height,
    isHelp,
  }
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string' },
      seed: { type: 'string' },
      at: { type: 'string' },
      briefing: { type: 'string' },
      chapter: { type: 'string' },
      chart: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      fps: { type: 'string' },
      speed: { type: 'string' },
      app: { type: 'string' },
      out: { type: 'string' },
      size: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
