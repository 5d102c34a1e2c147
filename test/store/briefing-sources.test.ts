// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withBriefingBlock, withEmptyBriefingBlock } from '../../src/sim/offline-page'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import {
  briefingCatalog,
  briefingLinkOf,
  embeddedBriefing,
  knownBriefings,
  readBriefingLink,
} from '../../src/store/briefing-sources'

const ROOM_TEXT = readFileSync('test/fixtures/briefing-room.json', 'utf8')
const ROOM = JSON.parse(ROOM_TEXT) as { id: string; chapters: { caption: string }[] }
const PAGE = '<!doctype html><html><head></head><body>\n  <div id="root"></div>\n</body></html>'
const BUILT_IN = BRIEFINGS[0]?.id ?? ''

/** A page parsed as the browser parses it, carrying `briefing` in its block (or none). */
const pageWith = (briefing: unknown): Document =>
  new DOMParser().parseFromString(
    withBriefingBlock(withEmptyBriefingBlock(PAGE), briefing),
    'text/html',
  )

describe('briefing sources: the briefing an offline file carries', () => {
  it('reads the block back as written, a caption holding </script> included, and runs none of it', () => {
    const doc = pageWith(ROOM)
    const read = embeddedBriefing(doc)
    expect(read && 'briefing' in read && read.input).toEqual(ROOM)
    expect(read && 'briefing' in read && read.briefing.chapters[1]?.caption).toBe(
      ROOM.chapters[1]?.caption,
    )
    // The caption's <script> stayed text inside the one data block.
    expect(doc.querySelectorAll('script')).toHaveLength(1)
  })

  it('finds none in a page without a block or with an empty one', () => {
    expect(embeddedBriefing(new DOMParser().parseFromString(PAGE, 'text/html'))).toBeNull()
    expect(embeddedBriefing(pageWith(null))).toBeNull()
  })

  it('reports every error of a bad block with its path, and the catalog says so once', () => {
    const bad = { ...ROOM, id: 'Not An Id', chapters: [{ ...ROOM.chapters[0], title: '' }] }
    const read = embeddedBriefing(pageWith(bad))
    expect(read && 'errors' in read && read.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['id', 'chapters[0].title']),
    )
    const catalog = briefingCatalog(read)
    expect(catalog.all.map((k) => k.source)).toEqual(['built-in'])
    expect(catalog.notices).toHaveLength(1)
    expect(catalog.notices[0]).toMatch(/could not be read \(.*chapters\[0\]\.title: /)
  })

  it('reports a block that is not JSON', () => {
    const doc = new DOMParser().parseFromString(
      '<script type="application/json" id="kr-briefing">{oops</script>',
      'text/html',
    )
    expect(embeddedBriefing(doc)).toEqual({ errors: [expect.objectContaining({ path: '(file)' })] })
  })
})

describe('briefing sources: the catalog and its lookup', () => {
  const read = embeddedBriefing(pageWith(ROOM))
  const catalog = briefingCatalog(read)

  it('knows the built-in briefings, and the embedded one first, which is the main one', () => {
    expect(knownBriefings(null).map((k) => [k.briefing.id, k.source])).toEqual(
      BRIEFINGS.map((b) => [b.id, 'built-in']),
    )
    expect(catalog.all.map((k) => [k.briefing.id, k.source])).toEqual([
      ['room-2020', 'embedded'],
      [BUILT_IN, 'built-in'],
    ])
    expect(catalog.main.briefing.id).toBe('room-2020')
    expect(catalog.find('room-2020')?.input).toEqual(ROOM)
    expect(catalog.find(BUILT_IN)?.source).toBe('built-in')
    expect(catalog.find('nope')).toBeUndefined()
    expect(briefingCatalog(null).main.briefing.id).toBe(BUILT_IN)
  })

  it('lets an embedded briefing with a built-in id take its place', () => {
    const own = briefingCatalog(embeddedBriefing(pageWith({ ...ROOM, id: BUILT_IN })))
    expect(own.all.map((k) => [k.briefing.id, k.source])).toEqual([[BUILT_IN, 'embedded']])
    expect(own.find(BUILT_IN)?.briefing.title).toBe('Keys abroad, for one room')
  })

  it('opens #briefing=ID&chapter=N at that chapter, counted from 1, and keeps the view part', () => {
    const link = readBriefingLink('#briefing=room-2020&chapter=2&seed=7', catalog)
    expect(link.found?.known.briefing.id).toBe('room-2020')
    expect(link.found?.chapterIndex).toBe(1)
    expect(link.viewHash).toBe('seed=7')
    expect(link.notices).toEqual([])
    expect(readBriefingLink('#briefing=room-2020', catalog).found?.chapterIndex).toBe(0)
    expect(readBriefingLink('#seed=7', catalog)).toEqual({
      found: null,
      viewHash: 'seed=7',
      notices: [],
      isPresenter: false,
    })
  })

  it('reads presenter=1 as the presenter view of the briefing, and writes links that follow the chapter', () => {
    const link = readBriefingLink('#briefing=room-2020&chapter=2&presenter=1', catalog)
    expect(link.isPresenter).toBe(true)
    expect(link.viewHash).toBe('')
    expect(readBriefingLink('#presenter=1', catalog).isPresenter).toBe(false)
    expect(briefingLinkOf('room-2020', 1)).toBe('briefing=room-2020&chapter=2')
    expect(briefingLinkOf('room-2020', 0, true)).toBe('briefing=room-2020&chapter=1&presenter=1')
    const back = readBriefingLink(`#${briefingLinkOf('room-2020', 1)}`, catalog)
    expect(back.found?.chapterIndex).toBe(1)
  })

  it.each([
    ['#briefing=room-2020&chapter=3', /chapter "3" was ignored: room-2020 has chapters 1 to 2/, 0],
    ['#briefing=room-2020&chapter=0', /chapter "0"/, 0],
    ['#briefing=room-2020&chapter=1e1', /chapter "1e1"/, 0],
    ['#briefing=nope&chapter=2', /briefing "nope" was ignored: .*room-2020, citizenlab-2020/, null],
    ['#chapter=2', /chapter "2" was ignored: it needs a briefing/, null],
  ])('ignores what does not fit in %s, with a notice', (hash, notice, chapterIndex) => {
    const link = readBriefingLink(hash, catalog)
    expect(link.notices).toEqual([expect.stringMatching(notice)])
    expect(link.found?.chapterIndex ?? null).toBe(chapterIndex)
  })
})
