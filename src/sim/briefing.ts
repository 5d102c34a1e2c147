/**
 * Briefing files: a title, an author line and chapters, each chapter a view of a run (scenario,
 * policy, seed, settings, time, selection, map frame, layers, compare) with the words said over
 * it. The figures a chapter calls out are named metrics of {@link METRICS}, computed from the run
 * (briefing-figures.ts), never typed in. Parsing reports every problem with its path, as
 * scenario files do.
 */
import { z } from './zod'
import { utcDayMs, utcTimeMs } from './dates'
import { minuteTimeSchema } from './date-schemas'
import { worldOf } from './scenario-world'
import { withVisibleText } from './display-text'
import { METRICS, metricSpec } from './metrics'
import type { MetricName } from './metrics'
import { PRESETS, PRESET_IDS } from './presets/scenarios'
import { issueErrors, parseScenario, readJsonText } from './scenario'
import type { Scenario, ScenarioError } from './scenario'
import { policyIdSchema, scenarioSchema, seedSchema } from './scenario-schema'
import { countryCodeSchema, finite, idSchema } from './world-schema'

/** Largest briefing text accepted, in bytes (UTF-16 code units). */
export const MAX_BRIEFING_BYTES = 4_000_000

/** Map layers a chapter can show: the ones the map's legend toggles. */
export const MAP_LAYERS = ['sites', 'cities', 'flows', 'countries'] as const

/** One of the map's layers. */
export type MapLayer = (typeof MAP_LAYERS)[number]

/** The runs of a view: its own, and the run of the compared policy. */
export const VIEW_RUNS = ['primary', 'compare'] as const
/** Which run of a view. */
export type ViewRun = (typeof VIEW_RUNS)[number]

/** Over which part of the run a called-out figure is taken. */
export const FIGURE_SPANS = ['step', 'upTo', 'run'] as const

const metricName = z.enum(METRICS.map((m) => m.name) as [MetricName, ...MetricName[]])
const latitude = finite.min(-90).max(90)
const longitude = finite.min(-180).max(180)

const selectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('site'), id: idSchema }),
  z.strictObject({ kind: z.literal('city'), id: idSchema }),
  z.strictObject({ kind: z.literal('country'), id: countryCodeSchema }),
  z.strictObject({ kind: z.literal('flow'), siteId: idSchema, cityId: idSchema }),
  z
    .strictObject({
      kind: z.literal('first-exposed-meeting'),
      countries: z.array(countryCodeSchema).min(1).max(10),
    })
    .describe(
      'The first exposed meeting of the run (earliest exposure) whose participants come from all of these countries; found in the run, not by id.',
    ),
])

const frameSchema = z.union([
  z.strictObject({
    bounds: z
      .tuple([z.tuple([latitude, longitude]), z.tuple([latitude, longitude])])
      .describe(
        'South-west and north-east corners, [lat, lon] each. A west longitude greater than the east one frames across the antimeridian (e.g. [[10, 95], [62, -55]]: China to North America over the Pacific).',
      ),
  }),
  z.strictObject({ center: z.tuple([latitude, longitude]), zoom: finite.min(0).max(18) }),
])

const settingsSchema = z.strictObject({
  surgeMultiplier: finite.positive().max(100).optional(),
  accounts: z
    .strictObject({
      free: finite.min(0).max(1),
      paid: finite.min(0).max(1),
      government: finite.min(0).max(1),
    })
    .optional(),
  holdPolicy: z.boolean().optional(),
  siteOverrides: z
    .record(
      idSchema,
      z.strictObject({
        isDown: z.boolean().optional(),
        capacityParticipants: finite.min(0).optional(),
      }),
    )
    .optional(),
})

const viewSchema = z.strictObject({
  preset: z.enum(PRESET_IDS).optional().describe('A built-in scenario; or give `scenario`.'),
  scenario: scenarioSchema.optional().describe('An embedded scenario; or give `preset`.'),
  policy: policyIdSchema.optional().describe("Initial policy (default: the scenario's)."),
  seed: seedSchema.optional(),
  settings: settingsSchema.optional(),
  time: minuteTimeSchema.optional().describe('The time shown; or give `range`.'),
  range: z
    .strictObject({ from: minuteTimeSchema, to: minuteTimeSchema })
    .optional()
    .describe('A time range the chapter plays; the time shown is its end.'),
  selection: selectionSchema.optional(),
  frame: frameSchema.optional(),
  layers: z
    .array(z.enum(MAP_LAYERS))
    .max(MAP_LAYERS.length)
    .default([...MAP_LAYERS]),
  comparePolicy: policyIdSchema.optional(),
  mapRun: z.enum(VIEW_RUNS).default('primary').describe('Which run the map shows.'),
})

const figureSchema = z.strictObject({
  metric: metricName,
  span: z
    .enum(FIGURE_SPANS)
    .describe('At the shown step, over the run up to the end of that step, or the whole run.'),
  run: z.enum(VIEW_RUNS).optional().describe('Default: the run the map shows.'),
})

const sourceItemSchema = z.union([
  z.strictObject({
    sourced: z.string().min(1).max(1000),
    // Shown as a link: only web addresses, never javascript: or data:.
    ref: z.url({ protocol: /^https?$/, error: 'expected an http or https address' }),
  }),
  z.strictObject({ assumption: z.string().min(1).max(1000) }),
])

const chapterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  caption: z
    .string()
    .min(1)
    .max(1200)
    .describe(
      'Two or three sentences; {metricName} shows the first of the figures called out for that metric.',
    ),
  view: viewSchema,
  figures: z.array(figureSchema).max(6).default([]),
  sources: z.array(sourceItemSchema).min(1).max(20),
  notes: z.string().max(8000).optional(),
})

/** The briefing file schema; briefing.schema.json is written from it (`npm run schema`). */
export const briefingSchema = z.strictObject({
  $schema: z.string().optional(),
  id: idSchema,
  title: z.string().min(1).max(200),
  author: z.string().min(1).max(300),
  chapters: z.array(chapterSchema).min(1).max(100),
})

/** A briefing file as written. */
export type BriefingInput = z.input<typeof briefingSchema>
/** A validated briefing, defaults filled in. */
export type Briefing = z.output<typeof briefingSchema>
/** One chapter of a validated briefing. */
export type Chapter = Briefing['chapters'][number]
/** A chapter's view. */
export type ChapterView = Chapter['view']
/** A called-out figure of a chapter. */
export type ChapterFigure = Chapter['figures'][number]

/** Outcome of parsing a briefing: the briefing, or every problem found. */
export type BriefingParseResult =
  | { readonly ok: true; readonly briefing: Briefing }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] }

/** Parses briefing JSON text. Never throws: every problem comes back with its path. */
export function parseBriefingText(text: string): BriefingParseResult {
  const read = readJsonText(text, MAX_BRIEFING_BYTES, 'briefings')
  return read.ok ? parseBriefing(read.data) : read
}

/** Validates already-parsed JSON data as a briefing. Never throws. */
export function parseBriefing(data: unknown): BriefingParseResult {
  const result = briefingSchema.safeParse(data)
  if (!result.success) return { ok: false, errors: issueErrors(result.error) }
  // Text from a file is shown in big type and read aloud: hidden and direction-changing
  // characters are made visible once, here, as for scenarios.
  const briefing = withVisibleText(result.data)
  const errors = briefing.chapters.flatMap((c, i) => chapterProblems(c, `chapters[${i}]`))
  return errors.length > 0 ? { ok: false, errors } : { ok: true, briefing }
}

/** The scenario a view runs (preset or embedded), validated; its errors under `path`. */
export function viewBaseScenario(
  view: ChapterView,
  path: string,
): { readonly scenario: Scenario } | { readonly errors: ScenarioError[] } {
  if ((view.preset === undefined) === (view.scenario === undefined))
    return { errors: [{ path, message: 'give exactly one of `preset` and `scenario`' }] }
  const parsed = parseScenario(view.preset === undefined ? view.scenario : PRESETS[view.preset])
  if (parsed.ok) return { scenario: parsed.scenario }
  const under = view.preset === undefined ? `${path}.scenario` : `${path}.preset`
  return { errors: parsed.errors.map((e) => ({ ...e, path: `${under}.${e.path}` })) }
}

/** The time a view shows, in UTC ms: its `time`, or the end of its `range`. */
export function viewTimeMs(view: ChapterView): number {
  return utcTimeMs(view.range?.to ?? view.time ?? '')
}

function chapterProblems(chapter: Chapter, at: string): ScenarioError[] {
  const { view } = chapter
  const errors: ScenarioError[] = []
  const add = (path: string, message: string) => errors.push({ path: `${at}.${path}`, message })
  chapter.caption.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    if (!METRICS.some((m) => m.name === name))
      add('caption', `{${name}} is not a metric; known: ${METRICS.map((m) => m.name).join(', ')}`)
    else if (!chapter.figures.some((f) => f.metric === name))
      add('caption', `{${name}} is not among the chapter's figures`)
    return ''
  })
  chapter.figures.forEach((f, i) => {
    const spec = metricSpec(f.metric)
    if (f.span === 'run' ? !spec.isTotal : !spec.isStep)
      add(
        `figures[${i}].span`,
        `${f.metric} has no ${f.span === 'run' ? 'whole-run' : 'per-step'} figure`,
      )
    if (f.run === 'compare' && view.comparePolicy === undefined)
      add(`figures[${i}].run`, 'the view compares no policy')
  })
  if (view.mapRun === 'compare' && view.comparePolicy === undefined)
    add('view.mapRun', 'the map can show the compared run only when the view compares a policy')
  if ((view.time === undefined) === (view.range === undefined))
    add('view', 'give exactly one of `time` and `range`')
  const base = viewBaseScenario(view, `${at}.view`)
  if ('errors' in base) return [...errors, ...base.errors]
  const { scenario } = base
  const startMs = utcDayMs(scenario.startDate)
  const endMs = startMs + scenario.days * 86_400_000
  const inRun = (path: string, time: string) => {
    const ms = utcTimeMs(time)
    if (ms < startMs || ms >= endMs)
      add(path, `${time} lies outside the run (${scenario.startDate} + ${scenario.days} days)`)
  }
  if (view.time !== undefined) inRun('view.time', view.time)
  if (view.range) {
    inRun('view.range.from', view.range.from)
    inRun('view.range.to', view.range.to)
    if (utcTimeMs(view.range.from) >= utcTimeMs(view.range.to))
      add('view.range', 'the range must end after it starts')
  }
  const world = worldOf(scenario)
  const sites = new Set(world.sites.map((s) => s.id))
  const cities = new Set(world.cities.map((c) => c.id))
  const known = (path: string, id: string, ids: ReadonlySet<string>, what: string) => {
    if (!ids.has(id)) add(path, `unknown ${what} id "${id}"`)
  }
  const s = view.selection
  if (s?.kind === 'site') known('view.selection.id', s.id, sites, 'site')
  if (s?.kind === 'city') known('view.selection.id', s.id, cities, 'city')
  if (s?.kind === 'flow') {
    known('view.selection.siteId', s.siteId, sites, 'site')
    known('view.selection.cityId', s.cityId, cities, 'city')
  }
  for (const id of Object.keys(view.settings?.siteOverrides ?? {}))
    known(`view.settings.siteOverrides.${id}`, id, sites, 'site')
  return errors
}

/**
 * The chapter shown for a link's `chapter=N` (counting from 1), or why there is none: a number
 * outside 1 to the number of chapters.
 */
export function chapterAt(
  briefing: Briefing,
  number: number,
): { readonly chapter: Chapter; readonly index: number } | { readonly error: string } {
  const chapter = Number.isInteger(number) ? briefing.chapters[number - 1] : undefined
  if (chapter === undefined || number < 1)
    return {
      error: `chapter ${number} is out of range: ${briefing.id} has chapters 1 to ${briefing.chapters.length}`,
    }
  return { chapter, index: number - 1 }
}

/** JSON Schema of the briefing file (input form, defaults shown), for editors and docs. */
export function briefingJsonSchema(): unknown {
  return z.toJSONSchema(briefingSchema, { io: 'input', unrepresentable: 'any' })
}
