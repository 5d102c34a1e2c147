import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  briefingJsonSchema,
  chapterAt,
  parseBriefing,
  parseBriefingText,
} from '../../src/sim/briefing'
import type { BriefingInput, Chapter, ViewRun } from '../../src/sim/briefing'
import {
  chapterFigures,
  figuresAt,
  findFirstExposedMeeting,
  viewRunChoices,
  viewScenario,
} from '../../src/sim/briefing-figures'
import type { ChapterRun } from '../../src/sim/briefing-figures'
import { createRun } from '../../src/sim/engine'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import { MINIMAL_SCENARIO, resolve } from './helpers'

const FILE = 'src/sim/presets/briefing-citizenlab-2020.json'
const builtIn = (): BriefingInput => JSON.parse(readFileSync(FILE, 'utf8')) as BriefingInput
const citizenlab = BRIEFINGS.find((b) => b.id === 'citizenlab-2020')

/** Runs one of a chapter's runs to the end, keeping its steps' figures. */
function runChapter(chapter: Chapter, which: ViewRun): ChapterRun & { incidents: unknown } {
  const run = createRun(resolve(viewScenario(chapter.view)), viewRunChoices(chapter.view, which))
  const steps = run.advance(Number.MAX_SAFE_INTEGER)
  const result = run.finish()
  return { ...result, steps }
}

function chapterOf(n: number): Chapter {
  const found = citizenlab ? chapterAt(citizenlab, n) : { error: 'no briefing' }
  if ('error' in found) throw new Error(found.error)
  return found.chapter
}

/** The built-in briefing with one chapter's view changed. */
function withView(index: number, view: Record<string, unknown>): BriefingInput {
  const data = builtIn()
  return {
    ...data,
    chapters: data.chapters.map((c, i) =>
      i === index ? { ...c, view: { ...c.view, ...view } } : c,
    ),
  }
}

const pathsOf = (data: unknown): string[] => {
  const parsed = parseBriefing(data)
  return parsed.ok ? [] : parsed.errors.map((e) => e.path)
}

describe('briefing files', () => {
  it('accepts the built-in briefing: eight chapters, each saying "simulated" in 2 or 3 sentences', () => {
    const parsed = parseBriefingText(readFileSync(FILE, 'utf8'))
    expect(parsed.ok).toBe(true)
    expect(citizenlab?.chapters).toHaveLength(8)
    for (const chapter of citizenlab?.chapters ?? []) {
      expect(chapter.caption).toMatch(/simulated/)
      const sentences = chapter.caption.split(/(?<=[.!?])\s+(?=[A-Z"{])/)
      expect(sentences.length, chapter.title).toBeGreaterThanOrEqual(2)
      expect(sentences.length, chapter.title).toBeLessThanOrEqual(3)
      for (const s of chapter.sources) if ('sourced' in s) expect(s.ref).toMatch(/^https:\/\//)
    }
  })

  it('reports every problem with its path', () => {
    const data = builtIn()
    const first = data.chapters[0] as Chapter
    data.chapters[0] = { ...first, caption: 'Simulated {noSuchMetric}. Two.' }
    data.chapters[1] = {
      ...(data.chapters[1] as Chapter),
      figures: [{ metric: 'nope', span: 'step' }],
    } as never
    expect(pathsOf(data)).toEqual(['chapters[1].figures[0].metric'])
    data.chapters[1] = builtIn().chapters[1] as never
    expect(pathsOf(data)).toEqual(['chapters[0].caption'])
    const parsed = parseBriefing(data)
    expect(parsed.ok ? '' : parsed.errors[0]?.message).toMatch(/\{noSuchMetric\} is not a metric/)
  })

  it('takes only web addresses as references and makes hidden characters visible', () => {
    const data = builtIn()
    const first = data.chapters[0] as Chapter
    const bad = { ...first, sources: [{ sourced: 'x', ref: 'javascript:alert(1)' }] }
    expect(pathsOf({ ...data, chapters: [bad] })).toEqual(['chapters[0].sources[0].ref'])
    const hidden = { ...first, title: 'Before\u202e the surge' }
    const parsed = parseBriefing({ ...data, chapters: [hidden] })
    expect(parsed.ok && parsed.briefing.chapters[0]?.title).not.toContain('\u202e')
  })

  it('refuses a caption naming a metric the chapter does not call out', () => {
    const data = builtIn()
    data.chapters[0] = { ...(data.chapters[0] as Chapter), caption: 'Simulated {blocked}. Two.' }
    expect(pathsOf(data)).toEqual(['chapters[0].caption'])
  })

  it('refuses a bad time, an unknown preset, a time outside the run and an unknown site', () => {
    expect(pathsOf(withView(2, { time: '2020-04-02T15:00' }))).toEqual(['chapters[2].view.time'])
    expect(pathsOf(withView(2, { time: '2020-02-30T15:00Z' }))).toEqual(['chapters[2].view.time'])
    expect(pathsOf(withView(3, { preset: 'atlantis-2020' }))).toEqual(['chapters[3].view.preset'])
    expect(pathsOf(withView(0, { time: '2020-03-27T14:00Z' }))).toEqual(['chapters[0].view.time'])
    expect(pathsOf(withView(3, { selection: { kind: 'site', id: 'atlantis' } }))).toEqual([
      'chapters[3].view.selection.id',
    ])
    expect(pathsOf(withView(4, { time: '2020-03-28T00:00Z' }))).toEqual(['chapters[4].view'])
  })

  it('runs an embedded scenario and names the path of its problems', () => {
    const data = builtIn()
    const chapter = {
      ...(data.chapters[0] as Chapter),
      caption: 'A simulated day. Nothing more.',
      figures: [],
      view: { scenario: MINIMAL_SCENARIO, time: '2020-03-20T12:00Z' },
    }
    expect(pathsOf({ ...data, chapters: [chapter] })).toEqual([])
    const broken = {
      ...chapter,
      view: {
        scenario: { ...MINIMAL_SCENARIO, siteOverrides: [{ siteId: 'atlantis', isDown: true }] },
        time: '2020-03-21T00:00Z',
      },
    }
    expect(pathsOf({ ...data, chapters: [broken] })).toEqual([
      'chapters[0].view.scenario.siteOverrides[0].siteId',
    ])
    const late = { ...chapter, view: { ...chapter.view, time: '2020-03-21T00:00Z' } }
    expect(pathsOf({ ...data, chapters: [late] })).toEqual(['chapters[0].view.time'])
    const both = { ...chapter, view: { ...chapter.view, preset: 'citizenlab-2020' } }
    expect(pathsOf({ ...data, chapters: [both] })).toEqual(['chapters[0].view'])
  })

  it('refuses bad JSON with its line and column, and a chapter number out of range', () => {
    const parsed = parseBriefingText('{\n  "id": }')
    expect(parsed.ok ? null : parsed.errors[0]).toMatchObject({ path: '(file)', message: /line 2/ })
    if (!citizenlab) throw new Error('no built-in briefing')
    expect(chapterAt(citizenlab, 9)).toMatchObject({ error: /chapters 1 to 8/ })
    expect(chapterAt(citizenlab, 0)).toHaveProperty('error')
    expect(chapterAt(citizenlab, 3)).toMatchObject({ index: 2 })
  })

  it('keeps the committed JSON Schema in step with the zod schema', () => {
    const committed = JSON.parse(readFileSync('briefing.schema.json', 'utf8')) as unknown
    expect(committed).toEqual(briefingJsonSchema())
  })
})

describe('chapter figures', () => {
  it('equal the step record, the sums over the steps up to it, and the totals', () => {
    const chapter = chapterOf(3)
    const run = runChapter(chapter, 'primary')
    const at = figuresAt(run.steps, run.days * 1440, 6 * 1440 + 18 * 60 + 30)
    expect(at?.step).toMatchObject({ redirected: run.steps[at?.stepIndex ?? -1]?.redirected })
    const upTo = run.steps.slice(0, (at?.stepIndex ?? 0) + 1)
    expect(at?.upTo.redirected).toBe(upTo.reduce((a, s) => a + s.redirected, 0))
    expect(at?.upTo.activeParticipants).toBe(Math.max(...upTo.map((s) => s.activeParticipants)))
    const figures = chapterFigures(
      { ...chapter, figures: [...chapter.figures, { metric: 'meetings', span: 'run' }] },
      { primary: run },
    )
    expect(figures.map((f) => f.value)).toEqual([
      at?.step.redirected,
      at?.step.offered,
      run.totals.meetings,
    ])
    expect(figures[0]?.value).toBeGreaterThan(0)
    expect(figuresAt(run.steps, run.days * 1440, run.days * 1440)).toBeNull()
    expect(figuresAt(run.steps, run.days * 1440, run.days * 1440 - 1)?.stepIndex).toBe(
      run.steps.length - 1,
    )
    expect(figuresAt(run.steps.slice(0, 10), run.days * 1440, 10 * 60)).toBeNull()
    expect(figuresAt(run.steps.slice(0, 10), run.days * 1440, 9 * 60 + 59)?.stepIndex).toBe(9)
  })

  it('shows in beat 3 the busiest hour before 3 April, as its caption says: most joins offered and redirected', () => {
    const chapter = chapterOf(3)
    expect(chapter.caption).toContain('the busiest simulated hour before 3 April')
    const run = runChapter(chapter, 'primary')
    const minutesOf = (iso: string) =>
      (Date.parse(iso) - Date.parse(`${run.startDate}T00:00Z`)) / 60_000
    const before = run.steps.filter((s) => s.startMinutes + 60 <= minutesOf('2020-04-03T00:00Z'))
    const shown = before.find((s) => s.startMinutes === minutesOf(chapter.view.time ?? ''))
    expect(shown).toBeDefined()
    expect(shown?.offered).toBe(Math.max(...before.map((s) => s.offered)))
    expect(shown?.redirected).toBe(Math.max(...before.map((s) => s.redirected)))
    // Beat 4 looks at the same hour, which is also the one with the most keys from China.
    expect(chapterOf(4).view.time).toBe(chapter.view.time)
    expect(shown?.concernExposures).toBe(Math.max(...before.map((s) => s.concernExposures)))
  })

  it('compute the counterfactual from the compared run: keys from China N -> 0', () => {
    const chapter = chapterOf(6)
    const figures = chapterFigures(chapter, {
      primary: runChapter(chapter, 'primary'),
      compare: runChapter(chapter, 'compare'),
    })
    const concern = figures.filter((f) => f.metric === 'concernExposures')
    expect(concern.map((f) => f.run)).toEqual(['primary', 'compare'])
    expect(concern[0]?.value).toBeGreaterThan(0)
    expect(concern[1]?.value).toBe(0)
  })

  it('finds the first exposed US-Canada meeting of the citizenlab-2020 run (beat 5)', () => {
    const chapter = chapterOf(5)
    expect(chapter.view.selection).toEqual({
      kind: 'first-exposed-meeting',
      countries: ['US', 'CA'],
    })
    const run = createRun(
      resolve(viewScenario(chapter.view)),
      viewRunChoices(chapter.view, 'primary'),
    ).finish()
    const meeting = findFirstExposedMeeting(run, ['US', 'CA'])
    expect(meeting?.meetingCountries).toEqual(expect.arrayContaining(['US', 'CA']))
    expect(meeting?.isConcern).toBe(true)
    const earlier = run.incidents.filter(
      (i) =>
        i.meetingCountries.includes('US') &&
        i.meetingCountries.includes('CA') &&
        i.timeMinutes < (meeting?.timeMinutes ?? 0),
    )
    expect(earlier).toEqual([])
    expect(findFirstExposedMeeting(run, ['US', 'CA', 'JP'])).toBeNull()
  })
})
