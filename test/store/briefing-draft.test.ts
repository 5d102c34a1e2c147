import { describe, expect, it } from 'vitest'
import { parseBriefing, parseBriefingText } from '../../src/sim/briefing'
import type { Briefing } from '../../src/sim/briefing'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { frameOfBounds } from '../../src/store/briefing-capture'
import { briefingFileOf, draftProblems, idOfTitle } from '../../src/store/briefing-draft-slice'
import { incidentSelectionOf } from '../../src/store/incident-identity'
import { createAppStore } from '../../src/store/store'
import type { AppStore } from '../../src/store/store'
import { createSyncClient } from '../ui/sync-client'
import type { SyncClient } from '../ui/sync-client'

function finished(): { store: AppStore; client: SyncClient } {
  const client = createSyncClient()
  const store = createAppStore(client)
  store.getState().rerun()
  client.drain()
  return { store, client }
}

/** The draft as a briefing file, validated: the capture must always give one. */
function parsedDraft(store: AppStore): Briefing {
  const draft = store.getState().draft
  if (!draft) throw new Error('no draft')
  const parsed = parseBriefing(draft)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.briefing
}

const BOUNDS = { south: 20, west: -130, north: 60, east: -50 }

describe('capturing the view as a chapter', () => {
  it('captures a preset view with its settings, time, selection, frame and layers, and it parses', () => {
    const { store } = finished()
    const s = store.getState()
    s.setSurgeMultiplier(1.5)
    s.setHoldPolicy(true)
    s.setSiteOverride('toronto', { isDown: true })
    s.setTime(24 * 60 + 30.5)
    s.select({ kind: 'country', id: 'CA' })
    s.toggleLayer('flows')
    s.setMapBounds(BOUNDS)
    s.addChapterFromView()
    const [chapter] = parsedDraft(store).chapters
    expect(chapter?.view).toEqual({
      preset: 'citizenlab-2020',
      policy: 'misconfigured-2020',
      seed: s.settings.seed,
      settings: {
        surgeMultiplier: 1.5,
        holdPolicy: true,
        siteOverrides: { toronto: { isDown: true } },
      },
      time: '2020-03-28T00:30Z',
      selection: { kind: 'country', id: 'CA' },
      frame: {
        bounds: [
          [20, -130],
          [60, -50],
        ],
      },
      layers: ['sites', 'cities', 'countries'],
      mapRun: 'primary',
    })
    expect(chapter?.title).toBe('CA, 28 Mar 2020, 00:30 UTC')
    expect(chapter?.caption).toMatch(/\{concernExposures\}/)
    expect(chapter?.figures).toEqual([
      { metric: 'concernExposures', span: 'step' },
      { metric: 'concernExposures', span: 'upTo' },
    ])
    expect(chapter?.sources).toHaveLength(1)
    expect(chapter?.sources[0]).toHaveProperty('assumption')
    expect(JSON.stringify(chapter?.sources)).toMatch(/simulated/)
    expect(store.getState().draftStatus).toBe('Added chapter 1: CA, 28 Mar 2020, 00:30 UTC.')
  })

  it('captures a comparison with the compared run on the map, and its figures name both runs', () => {
    const { store, client } = finished()
    store.getState().setComparePolicy('geofenced')
    client.drain()
    store.getState().setMapRun('compare')
    store.getState().addChapterFromView()
    const [chapter] = parsedDraft(store).chapters
    expect(chapter?.view).toMatchObject({ comparePolicy: 'geofenced', mapRun: 'compare' })
    expect(chapter?.view.settings).toBeUndefined()
    expect(chapter?.figures.at(-1)).toEqual({
      metric: 'concernExposures',
      span: 'upTo',
      run: 'primary',
    })
  })

  it('embeds an imported scenario, and the chapter parses, with and without compare', () => {
    const { store, client } = finished()
    const custom = { ...PRESETS['baseline-dec-2019'], name: 'My own week', seed: 4 }
    expect(store.getState().importScenario(JSON.stringify(custom), 'mine.json')).toBe(true)
    client.drain()
    store.getState().addChapterFromView()
    store.getState().setComparePolicy('fail-closed')
    client.drain()
    store.getState().addChapterFromView()
    const chapters = parsedDraft(store).chapters
    expect(chapters).toHaveLength(2)
    for (const c of chapters) {
      expect(c.view.preset).toBeUndefined()
      expect(c.view.scenario?.name).toBe('My own week')
      expect(c.view.seed).toBe(4)
      expect(c.title).toMatch(/^My own week, \d+ Dec 2019, \d\d:00 UTC$/)
    }
    expect(chapters[1]?.view.comparePolicy).toBe('fail-closed')
  })

  it('keeps the last minute of the run when the timeline stands at its very end', () => {
    const { store } = finished()
    store.getState().setTime(Number.MAX_SAFE_INTEGER)
    store.getState().addChapterFromView()
    expect(parsedDraft(store).chapters[0]?.view.time).toBe('2020-04-04T23:59Z')
  })

  it('turns a selected exposure into the flow of its key path', () => {
    const { store } = finished()
    const incident = store.getState().run?.summary?.incidents[0]
    if (!incident) throw new Error('the run logged no exposure')
    store.getState().select(incidentSelectionOf(incident))
    store.getState().addChapterFromView()
    expect(parsedDraft(store).chapters[0]?.view.selection).toEqual({
      kind: 'flow',
      siteId: incident.keySiteId,
      cityId: incident.participantCityId,
    })
  })

  it('drops a selected exposure the run has not logged yet, and says so', () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    store.getState().rerun()
    client.step(5)
    store.getState().select({
      kind: 'incident',
      ref: { meetingId: 1, participantCityId: 'toronto', timeMinutes: 5 },
    })
    store.getState().addChapterFromView()
    expect(parsedDraft(store).chapters[0]?.view.selection).toBeUndefined()
    expect(store.getState().draftStatus).toMatch(/no selection was kept/)
  })

  it('frames the map within ±180° whichever world copy it shows', () => {
    expect(frameOfBounds({ south: -10, west: 200, north: 50, east: 300 })).toEqual({
      bounds: [
        [-10, -160],
        [50, -60],
      ],
    })
    expect(frameOfBounds({ south: -95, west: -400, north: 95, east: 400 })).toEqual({
      bounds: [
        [-90, -180],
        [90, 180],
      ],
    })
    expect(frameOfBounds({ south: 0, west: 150, north: 40, east: 230 })).toEqual({
      bounds: [
        [0, -180],
        [40, -130],
      ],
    })
  })
})

describe('editing the draft', () => {
  function withChapters(n: number): AppStore {
    const { store } = finished()
    for (let i = 0; i < n; i++) {
      store.getState().setTime(600 + i * 60)
      store.getState().addChapterFromView()
      store.getState().setChapterTitle(i, `Chapter ${String.fromCharCode(65 + i)}`)
    }
    return store
  }
  const titles = (store: AppStore) => store.getState().draft?.chapters.map((c) => c.title)

  it('moves chapters up and down within the list, and says where', () => {
    const store = withChapters(3)
    store.getState().moveChapter(2, -1)
    expect(titles(store)).toEqual(['Chapter A', 'Chapter C', 'Chapter B'])
    expect(store.getState().draftStatus).toBe('Moved chapter 3 up to 2.')
    store.getState().moveChapter(0, 1)
    expect(titles(store)).toEqual(['Chapter C', 'Chapter A', 'Chapter B'])
    store.getState().moveChapter(0, -1)
    store.getState().moveChapter(2, 1)
    expect(titles(store)).toEqual(['Chapter C', 'Chapter A', 'Chapter B'])
  })

  it('removes a chapter and says which', () => {
    const store = withChapters(3)
    store.getState().removeChapter(1)
    expect(titles(store)).toEqual(['Chapter A', 'Chapter C'])
    expect(store.getState().draftStatus).toBe('Removed chapter 2: Chapter B.')
  })

  it('edits titles, captions and notes, and a caption’s new figure is called out', () => {
    const store = withChapters(1)
    const s = store.getState()
    s.setDraftTitle('Keys in März: a test!')
    s.setDraftAuthor('A. Analyst')
    s.setChapterCaption(0, '{blocked} joins were refused and {meetings} began; {concernExposures}.')
    s.setChapterNotes(0, 'Pause here.')
    const briefing = parsedDraft(store)
    expect(briefing).toMatchObject({ id: 'keys-in-marz-a-test', author: 'A. Analyst' })
    expect(briefing.chapters[0]?.figures.map((f) => [f.metric, f.span])).toEqual([
      ['concernExposures', 'step'],
      ['concernExposures', 'upTo'],
      ['blocked', 'upTo'],
      ['meetings', 'upTo'],
    ])
    expect(briefing.chapters[0]?.notes).toBe('Pause here.')
    s.setChapterNotes(0, '')
    expect(store.getState().draft?.chapters[0]).not.toHaveProperty('notes')
  })

  it('names what keeps a draft from being a file: no chapter, an empty caption', () => {
    const store = withChapters(1)
    store.getState().setChapterCaption(0, '')
    expect(draftProblems(store.getState().draft!)).toEqual([
      expect.objectContaining({ path: 'chapters[0].caption' }),
    ])
    store.getState().newDraft()
    expect(draftProblems(store.getState().draft!)).toEqual([
      { path: 'chapters', message: 'add at least one chapter' },
    ])
    store.getState().clearDraft()
    expect(store.getState().draft).toBeNull()
    expect(idOfTitle('!!!')).toBe('my-briefing')
  })
})

describe('downloading and importing a briefing', () => {
  it('imports what it downloads as the same draft', () => {
    const { store, client } = finished()
    store.getState().setComparePolicy('geofenced')
    client.drain()
    store.getState().setMapBounds(BOUNDS)
    store.getState().addChapterFromView()
    store.getState().setSurgeMultiplier(2)
    store.getState().addChapterFromView()
    store.getState().setChapterNotes(1, 'Second.')
    const before = store.getState().draft!
    const { fileName, text } = briefingFileOf(before)
    expect(fileName).toBe('my-briefing.briefing.json')
    expect(parseBriefingText(text).ok).toBe(true)
    store.getState().clearDraft()
    expect(store.getState().importBriefing(text, fileName)).toBe(true)
    expect(store.getState().draft).toEqual(before)
    expect(store.getState().briefingImport).toEqual({ fileName, errors: [] })
  })

  it('refuses a bad file naming every error with its path, keeping the draft and the view', () => {
    const { store } = finished()
    store.getState().addChapterFromView()
    const draft = store.getState().draft
    const run = store.getState().run
    const good = JSON.parse(briefingFileOf(draft!).text) as {
      chapters: Array<Record<string, unknown>>
    }
    const bad = {
      ...good,
      title: '',
      chapters: [{ ...good.chapters[0], caption: 'See {nope}.' }],
    }
    expect(store.getState().importBriefing(JSON.stringify(bad), 'bad.json')).toBe(false)
    const result = store.getState().briefingImport
    expect(result?.fileName).toBe('bad.json')
    expect(result?.errors.map((e) => e.path)).toEqual(['title'])
    expect(
      store
        .getState()
        .importBriefing('{"id": "x", "title": "t", "author": "a", "chapters": [{}]', 'cut.json'),
    ).toBe(false)
    expect(store.getState().briefingImport?.errors[0]?.path).toBe('cut.json')
    const notBriefing = { ...good, chapters: [{ ...good.chapters[0], caption: 'See {nope}.' }] }
    store.getState().importBriefing(JSON.stringify(notBriefing), 'ref.json')
    const [error, ...others] = store.getState().briefingImport?.errors ?? []
    expect(others).toEqual([])
    expect(error?.path).toBe('chapters[0].caption')
    expect(error?.message).toMatch(/\{nope\} is not a metric/)
    expect(store.getState().draft).toBe(draft)
    expect(store.getState().run).toBe(run)
  })
})

describe('applyChapterView', () => {
  it('shows a captured view again: the same runs, time, selection and layers', () => {
    const a = finished()
    const s = a.store.getState()
    s.setSeed(11)
    s.setAccounts({ free: 0.5, paid: 0.4, government: 0.1 })
    s.setSiteOverride('beijing', { capacityParticipants: 100_000 })
    s.setComparePolicy('geofenced')
    a.client.drain()
    s.setMapRun('compare')
    s.setTime(3000)
    s.select({ kind: 'site', id: 'hong-kong' })
    s.toggleLayer('cities')
    s.addChapterFromView()
    const view = parsedDraft(a.store).chapters[0]!.view

    const b = finished()
    b.store.getState().applyChapterView(view)
    b.client.drain()
    const [sa, sb] = [a.store.getState(), b.store.getState()]
    expect(sb.run?.hash).toBe(sa.run?.hash)
    expect(sb.compare?.hash).toBe(sa.compare?.hash)
    expect(sb.run?.summary?.totals).toEqual(sa.run?.summary?.totals)
    expect(sb.settings).toEqual(sa.settings)
    expect(sb.siteOverrides).toEqual(sa.siteOverrides)
    expect([sb.comparePolicy, sb.mapRun, sb.timeMinutes]).toEqual(['geofenced', 'compare', 3000])
    expect(sb.selection).toEqual({ kind: 'site', id: 'hong-kong' })
    expect(sb.layers).toEqual(sa.layers)
    // One change, one launch: the primary and the compared run.
    expect(b.client.sent.filter((c) => c.type === 'run')).toHaveLength(1 + 2)
  })

  it('shows an embedded scenario as the imported one, with its time', () => {
    const a = finished()
    const custom = { ...PRESETS['baseline-dec-2019'], name: 'Mine' }
    a.store.getState().importScenario(JSON.stringify(custom), 'mine.json')
    a.client.drain()
    a.store.getState().setTime(1500)
    a.store.getState().addChapterFromView()
    const view = parsedDraft(a.store).chapters[0]!.view
    const b = finished()
    b.store.getState().applyChapterView(view)
    b.client.drain()
    expect(b.store.getState().settings.presetId).toBe('custom')
    expect(b.store.getState().customScenario).toMatchObject({ name: 'Mine' })
    expect(b.store.getState().run?.hash).toBe(a.store.getState().run?.hash)
    expect(b.store.getState().timeMinutes).toBe(1500)
  })

  it('keeps an imported scenario when a preset’s view is shown', () => {
    const { store, client } = finished()
    const view = BRIEFINGS[0]!.chapters[0]!.view
    const custom = { ...PRESETS['baseline-dec-2019'], name: 'Mine' }
    store.getState().importScenario(JSON.stringify(custom), 'mine.json')
    store.getState().applyChapterView(view)
    client.drain()
    expect(store.getState().settings.presetId).toBe(view.preset)
    expect(store.getState().customScenario).toMatchObject({ name: 'Mine' })
  })

  it('selects the first exposed meeting of the countries at once when the run on screen is done', () => {
    const chapter = BRIEFINGS[0]!.chapters.find(
      (c) => c.view.selection?.kind === 'first-exposed-meeting',
    )!
    const { store } = finished()
    const run = store.getState().run
    store.getState().applyChapterView(chapter.view)
    // The chapter's run is the one on screen, done: it is kept, not run again.
    expect(store.getState().run).toBe(run)
    expect(store.getState().selection?.kind).toBe('incident')
  })

  it('selects the first exposed meeting of the countries once the run is done', () => {
    const chapter = BRIEFINGS[0]!.chapters.find(
      (c) => c.view.selection?.kind === 'first-exposed-meeting',
    )!
    const client = createSyncClient()
    const store = createAppStore(client)
    store.getState().rerun()
    store.getState().applyChapterView(chapter.view)
    expect(store.getState().selection).toBeNull()
    expect(store.getState().timeMinutes).toBe(7 * 1440 + 11 * 60)
    client.drain()
    const selection = store.getState().selection
    expect(selection?.kind).toBe('incident')
    const incident = store
      .getState()
      .run?.summary?.incidents.find(
        (i) =>
          selection?.kind === 'incident' &&
          'meetingId' in selection.ref &&
          i.meetingId === selection.ref.meetingId,
      )
    expect(incident?.meetingCountries).toEqual(expect.arrayContaining(['US', 'CA']))
  })

  it('forgets a pending first exposed meeting when another view is shown first', () => {
    const chapter = BRIEFINGS[0]!.chapters.find(
      (c) => c.view.selection?.kind === 'first-exposed-meeting',
    )!
    const { store, client } = finished()
    store.getState().applyChapterView(chapter.view)
    store.getState().applyChapterView({ ...chapter.view, selection: undefined })
    client.drain()
    expect(store.getState().selection).toBeNull()
  })
})
