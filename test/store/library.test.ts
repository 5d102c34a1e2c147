import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { readLink } from '../../src/store/link-check'
import { storageProblem } from '../../src/store/library'
import type { LibraryRow, LibraryStorage } from '../../src/store/library'
import { BACKUP_FORMAT, parseBackup } from '../../src/store/library-backup'
import { LIBRARY_DB_VERSION, libraryDb, openLibraryStorage } from '../../src/store/library-db'
import type { IndexedDbSource } from '../../src/store/library-db'
import { LIBRARY_MISSING_NOTICE } from '../../src/store/library-slice'
import { CUSTOM_LINK_NOTICE } from '../../src/store/settings-slice'
import { createAppStore } from '../../src/store/store'
import type { AppStore } from '../../src/store/store'
import { formatUrlState, parseUrlState, urlStateOf } from '../../src/store/url-state'
import { createSyncClient } from '../ui/sync-client'

/** A browser database of its own: what one browser profile holds. */
const freshDb = (): IndexedDbSource => ({ indexedDB: new IDBFactory(), IDBKeyRange })

/** The app opened (or reloaded) in a browser whose database is `source`, at `hash`. */
async function openApp(openLibrary: () => Promise<LibraryStorage>, hash = ''): Promise<AppStore> {
  const store = createAppStore(createSyncClient(), undefined, { openLibrary })
  const { state, notices } = readLink(hash)
  store.getState().applyUrlState(state, notices)
  await store.getState().libraryIdle()
  return store
}

const appIn = (source: IndexedDbSource, hash = '') =>
  openApp(() => openLibraryStorage(source), hash)

/** A scenario file's text as a user might have written it (spacing and all). */
const scenarioText = (name: string): string =>
  JSON.stringify({ ...PRESETS['surge-march-2020'], id: name, name }, null, 4)

const linkOfStore = (store: AppStore): string => formatUrlState(urlStateOf(store.getState()))

describe('library storage', () => {
  it('upgrades a version 1 database: every row kept as it was, and its size added', async () => {
    const source = freshDb()
    const old = libraryDb(source, 1)
    const rows = [
      { id: 'a1', kind: 'scenario', name: 'Mine', text: '{"id":"é"}', createdMs: 1, updatedMs: 5 },
      { id: 'b2', kind: 'briefing', name: 'Talk', text: '{}', createdMs: 2, updatedMs: 9 },
      { id: 'c3', kind: 'scenario', name: 'Older', text: '{ }', createdMs: 3, updatedMs: 4 },
    ]
    await old.table('items').bulkAdd(rows)
    expect(old.verno).toBe(1)
    old.close()

    const storage = await openLibraryStorage(source)
    const listed = await storage.list()
    expect(listed).toEqual([
      { ...rows[1], sizeBytes: 2 },
      { ...rows[0], sizeBytes: 11 },
      { ...rows[2], sizeBytes: 3 },
    ])
    // The index version 2 added answers too.
    expect((await storage.latest('scenario'))?.id).toBe('a1')
    storage.close()
    const reopened = libraryDb(source)
    await reopened.open()
    expect(reopened.verno).toBe(LIBRARY_DB_VERSION)
    reopened.close()
  })
})

describe('library: imported scenarios', () => {
  it('keeps an imported scenario in a task after the import, not in the import’s own', async () => {
    const app = await appIn(freshDb())
    const text = scenarioText('harbour')
    app.getState().importScenario(text, 'harbour.json')
    // Every microtask the import queued has run: the library has not been touched yet.
    for (let i = 0; i < 20; i++) await Promise.resolve()
    expect(app.getState().libraryItems).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 0))
    await app.getState().libraryIdle()
    expect(app.getState().libraryItems).toMatchObject([{ kind: 'scenario', name: 'harbour.json' }])
  })

  it('lists an imported scenario in one task and hands its text to storage in a later one', async () => {
    const source = freshDb()
    const stored: string[][] = []
    const app = await openApp(async () => {
      const storage = await openLibraryStorage(source)
      return {
        ...storage,
        putAll: (rows) => {
          stored.push(rows.map((r) => r.name))
          return storage.putAll(rows)
        },
      }
    })
    app.getState().importScenario(scenarioText('harbour'), 'harbour.json')
    // Each wait is one task: the first in which the item is listed has not stored it.
    for (let i = 0; i < 5 && app.getState().libraryItems.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 0))
    expect(app.getState().libraryItems).toMatchObject([{ name: 'harbour.json', isSaved: false }])
    expect(stored).toEqual([])
    await app.getState().libraryIdle()
    expect(stored).toEqual([['harbour.json']])
    expect(app.getState().libraryItems).toMatchObject([{ name: 'harbour.json', isSaved: true }])
  })

  it('keeps an imported scenario as the file had it, and reopens it from a custom=1 link after a reload', async () => {
    const source = freshDb()
    const app = await appIn(source)
    const text = scenarioText('harbour')
    expect(app.getState().importScenario(text, 'harbour.json')).toBe(true)
    app.getState().setSeed(77)
    app.getState().setSiteOverride('toronto', { isDown: true })
    await app.getState().libraryIdle()
    const [item] = app.getState().libraryItems
    expect(item).toMatchObject({ kind: 'scenario', name: 'harbour.json', isSaved: true })
    expect((await app.getState().readLibraryItem(item?.id ?? ''))?.text).toBe(text)
    const hash = linkOfStore(app)
    expect(parseUrlState(hash).state).toMatchObject({
      isCustomScenario: true,
      libraryId: item?.id,
    })

    // The same file imported again is not a second item.
    app.getState().importScenario(text, 'harbour copy.json')
    await app.getState().libraryIdle()
    expect(app.getState().libraryItems).toHaveLength(1)

    const reloaded = await appIn(source, `#${hash}`)
    const state = reloaded.getState()
    expect(state.settings).toMatchObject({ presetId: 'custom', seed: 77 })
    expect(state.customScenario?.name).toBe('harbour')
    expect(state.siteOverrides).toEqual({ toronto: { isDown: true } })
    expect(state.notices).not.toContain(CUSTOM_LINK_NOTICE)
    expect(state.libraryItemId).toBe(item?.id)
    expect(linkOfStore(reloaded)).toBe(hash)
  })

  it('says so when the link’s item is not in this browser, and keeps the link as it was', async () => {
    const app = await appIn(freshDb())
    app.getState().importScenario(scenarioText('harbour'), 'harbour.json')
    await app.getState().libraryIdle()
    const hash = linkOfStore(app)

    const source = freshDb()
    const opening = createAppStore(createSyncClient(), undefined, {
      openLibrary: () => openLibraryStorage(source),
    })
    const link = readLink(`#${hash}`)
    opening.getState().applyUrlState(link.state, link.notices)
    // Until the library has answered, the link asks for nothing.
    expect(opening.getState().notices).toEqual([])
    await opening.getState().libraryIdle()
    expect(opening.getState().notices).toEqual([LIBRARY_MISSING_NOTICE])

    const elsewhere = await appIn(freshDb(), `#${hash}`)
    expect(elsewhere.getState().settings.presetId).not.toBe('custom')
    expect(elsewhere.getState().notices).toContain(LIBRARY_MISSING_NOTICE)
    expect(elsewhere.getState().notices).not.toContain(CUSTOM_LINK_NOTICE)
    expect(linkOfStore(elsewhere)).toContain(`lib=${app.getState().libraryItemId}`)
  })

  it('opens the most recent imported scenario for a custom=1 link that names no item', async () => {
    const source = freshDb()
    const app = await appIn(source)
    app.getState().importScenario(scenarioText('first'), 'first.json')
    await app.getState().libraryIdle()
    app.getState().importScenario(scenarioText('second'), 'second.json')
    await app.getState().libraryIdle()

    const reloaded = await appIn(source, '#custom=1&seed=5')
    expect(reloaded.getState().customScenario?.name).toBe('second')
    expect(reloaded.getState().settings.seed).toBe(5)
    expect(reloaded.getState().notices.join(' ')).toMatch(/most recently imported.*second\.json/)
  })

  it('asks for the file again when a custom=1 link finds no scenario in the library', async () => {
    const app = await appIn(freshDb(), '#custom=1&seed=5')
    expect(app.getState().notices).toEqual([CUSTOM_LINK_NOTICE])
    expect(app.getState().settings.presetId).not.toBe('custom')
  })

  it('opens a listed scenario as the imported scenario', async () => {
    const app = await appIn(freshDb())
    app.getState().importScenario(scenarioText('first'), 'first.json')
    app.getState().setPreset('citizenlab-2020')
    await app.getState().libraryIdle()
    const id = app.getState().libraryItems[0]?.id ?? ''
    expect(await app.getState().openLibraryItem(id)).toBe(true)
    expect(app.getState().settings.presetId).toBe('custom')
    expect(app.getState().customScenario?.name).toBe('first')
    expect(app.getState().libraryItemId).toBe(id)
    expect(app.getState().libraryStatus).toBe('Opened “first.json”.')
  })
})

describe('library: items other parts of the app save', () => {
  it('saves, updates, renames, deletes and restores an item, and keeps it across reloads', async () => {
    const source = freshDb()
    const app = await appIn(source)
    const id = app.getState().saveLibraryItem({ kind: 'briefing', name: 'Board talk', text: '{}' })
    app.getState().updateLibraryItem(id, { text: '{"chapters":[]}' })
    app.getState().updateLibraryItem(id, { name: 'Board talk, final' })
    await app.getState().libraryIdle()
    expect(app.getState().libraryStatus).toBe('Renamed to “Board talk, final”.')

    const reloaded = await appIn(source)
    expect(reloaded.getState().libraryItems).toEqual([
      expect.objectContaining({ id, kind: 'briefing', name: 'Board talk, final', isSaved: true }),
    ])
    expect((await reloaded.getState().readLibraryItem(id))?.text).toBe('{"chapters":[]}')

    reloaded.getState().deleteLibraryItem(id)
    await reloaded.getState().libraryIdle()
    expect(reloaded.getState().libraryItems).toEqual([])
    expect((await appIn(source)).getState().libraryItems).toEqual([])
    reloaded.getState().undoLibraryDelete()
    await reloaded.getState().libraryIdle()
    expect((await appIn(source)).getState().libraryItems.map((e) => e.name)).toEqual([
      'Board talk, final',
    ])
  })
  it('says when a delete fails and lists the item again, as it is still stored', async () => {
    const source = freshDb()
    const app = await openApp(async () => {
      const storage = await openLibraryStorage(source)
      return {
        ...storage,
        delete: () => Promise.reject(new DOMException('closed', 'InvalidStateError')),
      }
    })
    const id = app.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{}' })
    await app.getState().libraryIdle()
    app.getState().deleteLibraryItem(id)
    await app.getState().libraryIdle()
    expect(app.getState().libraryStatus).toMatch(
      /^“Talk” could not be deleted: .+\. It is still in your library\.$/,
    )
    expect(app.getState().libraryUndo).toBeNull()
    expect(app.getState().libraryItems).toEqual([
      expect.objectContaining({ id, name: 'Talk', isSaved: true }),
    ])
    expect((await appIn(source)).getState().libraryItems.map((e) => e.id)).toEqual([id])
  })
})

describe('library: backup', () => {
  it('downloads everything as one file that imports into another browser, without duplicates', async () => {
    const app = await appIn(freshDb())
    app.getState().importScenario(scenarioText('harbour'), 'harbour.json')
    app.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{"a":1}' })
    await app.getState().libraryIdle()
    const backup = await app.getState().libraryBackup()
    expect(JSON.parse(backup)).toMatchObject({ format: BACKUP_FORMAT, version: 1 })

    const other = await appIn(freshDb())
    other.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{"a":1}' })
    expect(await other.getState().importLibraryBackup(backup, 'backup.json')).toBe(true)
    expect(other.getState().libraryStatus).toBe(
      'Imported 1 item from backup.json; 1 already in your library.',
    )
    expect(await other.getState().importLibraryBackup(backup, 'backup.json')).toBe(true)
    await other.getState().libraryIdle()
    const rows = parseBackup(await other.getState().libraryBackup())
    const original = parseBackup(backup)
    if (!rows.ok || !original.ok) throw new Error('the backups do not read')
    const work = (r: LibraryRow) => `${r.kind} ${r.name} ${r.text}`
    expect(rows.rows.map(work).sort()).toEqual(original.rows.map(work).sort())
    expect(other.getState().libraryItems.every((e) => e.isSaved)).toBe(true)
  })

  it('refuses a bad backup naming every problem by its path, and changes nothing', async () => {
    const app = await appIn(freshDb())
    const bad = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      exported: '2026-01-01T00:00:00Z',
      items: [{ id: 'x', kind: 'poem', name: '', text: 1, created: 'yesterday', updated: 0 }],
    })
    expect(await app.getState().importLibraryBackup(bad, 'bad.json')).toBe(false)
    expect(
      app
        .getState()
        .backupResult?.errors.map((e) => e.path)
        .sort(),
    ).toEqual([
      'items[0].created',
      'items[0].kind',
      'items[0].name',
      'items[0].text',
      'items[0].updated',
    ])
    expect(await app.getState().importLibraryBackup('{"format":', 'cut.json')).toBe(false)
    expect(app.getState().backupResult?.errors[0]?.message).toMatch(/not valid JSON/)
    expect(app.getState().libraryItems).toEqual([])
  })
})

describe('library: storage refused or full', () => {
  it('keeps the imported scenario running and in the page, and says what failed, when storage is refused', async () => {
    const app = await openApp(() =>
      Promise.reject(new DOMException('A mutation operation was attempted', 'InvalidStateError')),
    )
    expect(app.getState().libraryState).toBe('refused')
    expect(app.getState().notices).toEqual([])
    expect(app.getState().importScenario(scenarioText('harbour'), 'harbour.json')).toBe(true)
    await app.getState().libraryIdle()
    expect(app.getState().settings.presetId).toBe('custom')
    expect(app.getState().libraryItems).toEqual([
      expect.objectContaining({ name: 'harbour.json', isSaved: false }),
    ])
    expect(app.getState().notices.join(' ')).toMatch(
      /“harbour\.json” could not be saved in your library: the browser refused its storage \(InvalidStateError.*stays in this page until you download it.*imported scenario keeps running/,
    )
    const backup = parseBackup(await app.getState().libraryBackup())
    expect(backup.ok && backup.rows.map((r) => r.name)).toEqual(['harbour.json'])
  })

  it('treats a library that opens but cannot be read as refused, and still takes new work', async () => {
    const storage = await openLibraryStorage(freshDb())
    const app = await openApp(() =>
      Promise.resolve({
        ...storage,
        list: () => Promise.reject(new DOMException('gone', 'UnknownError')),
      }),
    )
    expect(app.getState().libraryState).toBe('refused')
    app.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{}' })
    await app.getState().libraryIdle()
    expect(app.getState().libraryItems).toEqual([expect.objectContaining({ isSaved: false })])
    expect(app.getState().notices.join(' ')).toMatch(/“Talk” could not be saved.*UnknownError/)
  })

  it('says the storage is full, keeps the work in the page, and stores it once there is room', async () => {
    const source = freshDb()
    let isFull = true
    const app = await openApp(async () => {
      const storage = await openLibraryStorage(source)
      return {
        ...storage,
        putAll: (rows) =>
          isFull
            ? Promise.reject(new DOMException('quota', 'QuotaExceededError'))
            : storage.putAll(rows),
      }
    })
    const id = app.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{}' })
    await app.getState().libraryIdle()
    expect(app.getState().notices.join(' ')).toMatch(
      /“Talk” could not be saved in your library: the browser’s storage for this site is full \(QuotaExceededError\)\. It stays in this page/,
    )
    expect(app.getState().libraryItems).toEqual([expect.objectContaining({ id, isSaved: false })])
    isFull = false
    app.getState().saveLibraryItem({ kind: 'briefing', name: 'Second', text: '{"b":2}' })
    await app.getState().libraryIdle()
    expect(app.getState().libraryItems.every((e) => e.isSaved)).toBe(true)
    expect(app.getState().libraryProblem).toBeNull()
    expect(
      (await appIn(source))
        .getState()
        .libraryItems.map((e) => e.name)
        .sort(),
    ).toEqual(['Second', 'Talk'])
  })
})

describe('library links', () => {
  it('reads a library id from a link and refuses one that is not an id, saying why', () => {
    expect(parseUrlState('#custom=1&lib=ab-12_x').state.libraryId).toBe('ab-12_x')
    const refused = parseUrlState('#custom=1&lib=../etc')
    expect(refused.state.libraryId).toBeUndefined()
    expect(refused.notices[0]).toMatch(/lib "\.\.\/etc" was ignored: a library item id/)
    expect(formatUrlState({ presetId: 'citizenlab-2020', libraryId: 'ab' })).not.toMatch(/lib=/)
  })
})

describe('storage problems in words', () => {
  it('names a full disk inside a Dexie error, a missing IndexedDB and a library closed by another tab', () => {
    const full = Object.assign(new Error('aborted'), {
      name: 'AbortError',
      inner: new DOMException('quota', 'QuotaExceededError'),
    })
    expect(storageProblem(full)).toBe(
      'the browser’s storage for this site is full (QuotaExceededError)',
    )
    expect(storageProblem(Object.assign(new Error('x'), { name: 'MissingAPIError' }))).toMatch(
      /^this browser offers no IndexedDB storage here \(MissingAPIError/,
    )
    expect(storageProblem(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toMatch(
      /newer keyroute in another tab.*reload this page once your work is downloaded/,
    )
  })
})

describe('the briefing being written, in the library', () => {
  it('is saved as it changes, survives a reload, and opens again as the draft, saved back to its own item', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const source = freshDb()
      const store = await appIn(source)
      store.getState().addChapterFromView()
      store.getState().setDraftTitle('Room briefing')
      vi.advanceTimersByTime(1500)
      await store.getState().libraryIdle()
      store.getState().setChapterTitle(0, 'First look')
      vi.advanceTimersByTime(1500)
      await store.getState().libraryIdle()
      const briefings = store.getState().libraryItems.filter((i) => i.kind === 'briefing')
      expect(briefings.map((i) => i.name)).toEqual(['Room briefing'])

      const reloaded = await appIn(source)
      const [item] = reloaded.getState().libraryItems.filter((i) => i.kind === 'briefing')
      expect(reloaded.getState().draft).toBeNull()
      expect(await reloaded.getState().openLibraryItem(item!.id)).toBe(true)
      expect(reloaded.getState().draft?.chapters[0]?.title).toBe('First look')
      reloaded.getState().setChapterTitle(0, 'Second look')
      vi.advanceTimersByTime(1500)
      await reloaded.getState().libraryIdle()
      const after = reloaded.getState().libraryItems.filter((i) => i.kind === 'briefing')
      expect(after.map((i) => i.id)).toEqual([item!.id])
      const row = await reloaded.getState().readLibraryItem(item!.id)
      expect(row?.text).toContain('Second look')
    } finally {
      vi.useRealTimers()
    }
  })
})
