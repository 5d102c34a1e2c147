import { describe, expect, it } from 'vitest'
import { settingsForPreset } from '../../../src/store/store'
import type { RunState } from '../../../src/store/store'
import {
  chapterFileName,
  compactUtc,
  exportFileName,
  pngTextOf,
  sceneTextOf,
  slug,
  sourcedFactOf,
  wrapText,
} from '../../../src/ui/export/scene-text'
import type { SceneTextState } from '../../../src/ui/export/scene-text'
import { layoutChrome, textScaleOf } from '../../../src/ui/export/scene-chrome'
import { TILES_LEFT_OUT, sceneNotesOf } from '../../../src/ui/export/export-image'

const run = {
  runId: 1,
  status: 'done',
  policy: 'geofenced',
  startDate: '2020-03-27',
  hash: '0123456789abcdef',
  world: null,
} as unknown as RunState

const state = (over: Partial<SceneTextState> = {}): SceneTextState => ({
  run,
  compare: null,
  mapRun: 'primary',
  timeMinutes: 6 * 1440 + 15 * 60,
  timeZone: 'America/Toronto',
  settings: { ...settingsForPreset('citizenlab-2020'), policy: 'geofenced' },
  customScenario: null,
  ...over,
})

// Every character 10 px wide: layouts become arithmetic.
const measure = (text: string): number => text.length * 10

describe('scene text', () => {
  it('names the file for scenario, policy, seed and the shown UTC minute', () => {
    expect(compactUtc('2020-03-27', 6 * 1440 + 15 * 60 + 7)).toBe('20200402T1507Z')
    expect(exportFileName(state(), 'png')).toBe(
      'keyroute-citizenlab-2020-geofenced-seed2020-20200402T1500Z.png',
    )
    expect(slug('Ünïcode & Spaces — 2020!')).toBe('unicode-spaces-2020')
    expect(chapterFileName(2, 'The backup list held China')).toBe(
      '03-the-backup-list-held-china.png',
    )
  })

  it('gives the title, both clocks, the run identity and the sourced fact with its reference', () => {
    const text = sceneTextOf(state())
    expect(text.title).toMatch(/^Citizen Lab test calls/)
    expect(text.timeUtc).toBe('Thu, 2 Apr 2020, 15:00 UTC')
    expect(text.timeZoned).toMatch(/11:00 GMT-4/)
    expect(text.runLine).toBe(
      'Scenario citizenlab-2020 · Policy: Geofenced backup list · Seed 2020 · Run hash 0123456789abcdef',
    )
    expect(text.sourceLines[0]).toMatch(/^Sourced: "During a test of a Zoom meeting.*\(https:\/\//)
    expect(text.sourceLines.at(-1)).toMatch(/^Assumption: /)
    expect(sceneTextOf(state({ timeZone: 'UTC' })).timeZoned).toBe('')
  })

  it('prefers the fact about who a scenario simulates, then any sourced entry, else none', () => {
    const fact = { kind: 'sourced', ref: 'https://a.example', note: 'who' } as const
    const other = { kind: 'sourced', ref: 'https://b.example', note: 'other' } as const
    const assumed = { kind: 'assumption', note: 'x' } as const
    expect(sourcedFactOf({ a: other, 'population.countries': fact })?.note).toBe('who')
    expect(sourcedFactOf({ a: assumed, b: other })?.ref).toBe('https://b.example')
    expect(sourcedFactOf({ a: assumed })).toBeNull()
  })

  it('puts the run hash and shown time in the PNG description', () => {
    const entries = Object.fromEntries(pngTextOf(sceneTextOf(state())))
    expect(Object.keys(entries)).toEqual(['Title', 'Description', 'Source', 'Software'])
    expect(entries['Description']).toContain('run hash 0123456789abcdef')
    expect(entries['Description']).toContain('Thu, 2 Apr 2020, 15:00 UTC')
    expect(entries['Software']).toMatch(/^keyroute \d+\.\d+\.\d+ \(engine /)
  })
})

describe('footer layout', () => {
  it('wraps at spaces within the width, a long word alone on its line', () => {
    expect(wrapText('aa bb cc dd', 50, measure)).toEqual(['aa bb', 'cc dd'])
    expect(wrapText('abcdefgh ij', 50, measure)).toEqual(['abcdefgh', 'ij'])
    expect(wrapText('  ', 50, measure)).toEqual([])
  })

  it('scales type with the picture, stacks the footer at the bottom and keeps the title clear of the mark', () => {
    expect(textScaleOf(1280, 720)).toBe(1)
    expect(textScaleOf(1920, 1080)).toBe(1.5)
    expect(textScaleOf(400, 300)).toBe(0.85)
    const text = sceneTextOf(state())
    const chapter = { title: 'The counterfactual', caption: 'No key from China.' }
    const layout = layoutChrome(
      text,
      { chapter, notes: ['Online tiles left out'] },
      1920,
      1080,
      measure,
    )
    expect(layout.footer.bottom).toBe(1080)
    expect(layout.footer.left).toBe(0)
    expect(layout.header.right).toBeLessThanOrEqual(layout.mark.left)
    const footerTexts = layout.footerLines.map((l) => l.text)
    expect(footerTexts[0]).toBe('The counterfactual')
    expect(footerTexts.at(-1)).toBe('Online tiles left out')
    const widest = Math.max(...layout.footerLines.map((l) => measure(l.text)))
    expect(widest).toBeLessThanOrEqual(1920)
    expect(layout.headerLines.map((l) => l.text).join(' ')).toContain('UTC')
  })
})

describe('footer notes', () => {
  it('says online tiles were left out only when a valid tile address is on', () => {
    expect(sceneNotesOf({ tileUrl: '' })).toEqual([])
    expect(sceneNotesOf({ tileUrl: 'https://tile.example.org/{z}/{x}/{y}.png' })).toEqual([
      TILES_LEFT_OUT,
    ])
    expect(sceneNotesOf({ tileUrl: 'javascript:alert(1)' })).toEqual([])
  })
})
