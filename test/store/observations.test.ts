import { readFileSync } from 'node:fs'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { observationErrorText } from '../../src/sim/observations'
import { openLibraryStorage } from '../../src/store/library-db'
import type { IndexedDbSource } from '../../src/store/library-db'
import {
  chapterObservations,
  selectObservations,
  selectReachedObservations,
} from '../../src/store/observation-selectors'
import { createAppStore } from '../../src/store/store'
import type { AppStore } from '../../src/store/store'
import { createSyncClient } from '../ui/sync-client'

const SAMPLE = readFileSync('docs/samples/citizenlab-test-call.csv', 'utf8')
const WITH_BAD_ROW = [
  'time,participant,server,seen,source',
  '2020-04-02T15:00Z,CA,52.81.151.250,key-delivered,Citizen Lab',
  '2020-13-01,US,beijing,key-delivered,',
  '2020-03-30T09:00Z,Atlantis,beijing,media-relayed,',
  '2020-03-30T09:00Z,Toronto,beijing,media-relayed,',
].join('\n')

/** The app with a finished citizenlab-2020 run (and a library when `source` is given). */
async function openApp(source?: IndexedDbSource): Promise<AppStore> {
  const client = createSyncClient()
  const store = createAppStore(client, 'citizenlab-2020', {
    ...(source ? { openLibrary: () => openLibraryStorage(source) } : {}),
  })
  store.getState().rerun()
  client.drain()
  await store.getState().libraryIdle()
  return store
}

const freshDb = (): IndexedDbSource => ({ indexedDB: new IDBFactory(), IDBKeyRange })

describe('observations in the store', () => {
  it('places the Citizen Lab sample on the Beijing site and a Canadian city, on 2 April of the run', async () => {
    const store = await openApp()
    expect(store.getState().importObservations(SAMPLE, 'citizenlab-test-call.csv')).toBe(true)
    const { items, errors } = selectObservations(store.getState())
    expect(errors).toEqual([])
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      observation: { siteId: 'beijing', country: 'CA', serverAddress: '52.81.151.250' },
      // The run starts 2020-03-27: 2 April is 6 days in.
      minutes: 6 * 1440,
      isInRun: true,
    })
  })

  it('lists a bad row and an unplaceable row by line, and loads the rest sorted by time', async () => {
    const store = await openApp()
    store.getState().importObservations(WITH_BAD_ROW, 'mixed.csv')
    const { items, errors } = selectObservations(store.getState())
    expect(errors.map(observationErrorText)).toEqual([
      'line 3: time "2020-13-01" is not a UTC time such as 2020-04-02T15:00Z',
      'line 4: participant "Atlantis" is neither a city nor a country (a code such as CA, or a name such as Canada) of this scenario\'s world',
    ])
    expect(items.map((i) => i.observation.line)).toEqual([5, 2])
    expect(store.getState().observationsFile).toBe('mixed.csv')
  })

  it('shows an observation once the shown time reaches its step', async () => {
    const store = await openApp()
    store.getState().importObservations(WITH_BAD_ROW, 'mixed.csv')
    const at = (minutes: number): number => {
      store.getState().setTime(minutes)
      return selectReachedObservations(store.getState())
    }
    const march30 = 3 * 1440 + 9 * 60
    expect(at(march30 - 60)).toBe(0)
    expect(at(march30)).toBe(1)
    expect(at(6 * 1440 + 15 * 60)).toBe(2)
  })

  it('keeps the shown observations when a file gives no row, and says why', async () => {
    const store = await openApp()
    store.getState().importObservations(SAMPLE, 'sample.csv')
    expect(store.getState().importObservations('time,participant\n', 'broken.csv')).toBe(false)
    const s = store.getState()
    expect(s.isObservationsLoaded).toBe(false)
    expect(s.observationsFile).toBe('broken.csv')
    expect(s.observationRows).toHaveLength(1)
    expect(s.observationReadErrors.map(observationErrorText)).toEqual([
      'line 1: the header lacks the columns server, seen; it needs time, participant, server, seen',
    ])
    s.refuseObservations('huge.csv', 'the file is 9.0 MB; observations files are limited to 1 MB')
    expect(store.getState().observationRows).toHaveLength(1)
  })

  it('finds the observations a chapter covers: its range, or the day of its time', async () => {
    const store = await openApp()
    store.getState().importObservations(WITH_BAD_ROW, 'mixed.csv')
    const { items } = selectObservations(store.getState())
    const lines = (view: Parameters<typeof chapterObservations>[1]) =>
      chapterObservations(items, view).map((o) => o.line)
    expect(lines({ time: '2020-04-02T15:00Z' })).toEqual([2])
    expect(lines({ time: '2020-04-03T11:00Z' })).toEqual([])
    expect(lines({ range: { from: '2020-03-27T00:00Z', to: '2020-04-03T11:00Z' } })).toEqual([5, 2])
    expect(lines({})).toEqual([])
  })

  it('keeps imported observations in the library, so a reload shows them again', async () => {
    const source = freshDb()
    const first = await openApp(source)
    first.getState().importObservations(SAMPLE, 'citizenlab-test-call.csv')
    await first.getState().libraryIdle()
    const item = first.getState().libraryItems.find((e) => e.kind === 'observed')
    expect(item).toMatchObject({ name: 'citizenlab-test-call.csv', isSaved: true })
    expect(first.getState().observationsLibraryId).toBe(item?.id)
    // The same file again is the same item.
    first.getState().importObservations(SAMPLE, 'citizenlab-test-call.csv')
    await first.getState().libraryIdle()
    expect(first.getState().libraryItems.filter((e) => e.kind === 'observed')).toHaveLength(1)

    const reloaded = await openApp(source)
    await reloaded.getState().libraryIdle()
    const s = reloaded.getState()
    expect(s.observationsFile).toBe('citizenlab-test-call.csv')
    expect(s.observationsLibraryId).toBe(item?.id)
    expect(selectObservations(s).items).toHaveLength(1)
  })

  it('opens observations from the library, and removing them deletes the item', async () => {
    const source = freshDb()
    const store = await openApp(source)
    store.getState().importObservations(SAMPLE, 'a.csv')
    await store.getState().libraryIdle()
    const id = store.getState().observationsLibraryId as string
    store.getState().clearObservations()
    await store.getState().libraryIdle()
    expect(store.getState().observationRows).toEqual([])
    expect(store.getState().libraryItems).toEqual([])
    store.getState().undoLibraryDelete()
    await store.getState().libraryIdle()
    expect(await store.getState().openLibraryItem(id)).toBe(true)
    expect(store.getState().observationsLibraryId).toBe(id)
    expect(selectObservations(store.getState()).items).toHaveLength(1)
  })
})
