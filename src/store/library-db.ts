/**
 * The browser database behind the user's library (IndexedDB through Dexie). Every schema the app
 * has shipped stays declared here, oldest first, so a database left by an older version of the
 * app is upgraded in place when a newer one opens it: never add to a shipped version, add one.
 */
import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'
import { utf8Bytes } from './library'
import type { LibraryRow, LibraryStorage } from './library'

/** The IndexedDB database's name (one per origin). */
export const LIBRARY_DB_NAME = 'keyroute-library'

/** The schema version this build of the app opens (and upgrades older databases to). */
export const LIBRARY_DB_VERSION = 2

/** Where to find IndexedDB: the browser's by default; tests pass fake-indexeddb's. */
export interface IndexedDbSource {
  readonly indexedDB: IDBFactory
  readonly IDBKeyRange: typeof IDBKeyRange
}

export type LibraryDb = Dexie & { items: EntityTable<LibraryRow, 'id'> }

/** Schema of each version (Dexie's syntax: primary key first, then the indexes). */
export const LIBRARY_SCHEMAS = {
  1: { items: 'id, updatedMs' },
  2: { items: 'id, kind, updatedMs, [kind+updatedMs]' },
} as const

/**
 * The database at every version up to `upTo` (the current one unless a test wants an older app).
 * Opening is lazy: the first query opens it, and fails then if storage is refused.
 */
export function libraryDb(source?: IndexedDbSource, upTo = LIBRARY_DB_VERSION): LibraryDb {
  const db = new Dexie(LIBRARY_DB_NAME, source ? { ...source } : undefined) as LibraryDb
  db.version(1).stores(LIBRARY_SCHEMAS[1])
  if (upTo >= 2)
    // Version 2 lists by kind (the newest scenario for a link, a kind's items in the panel)
    // and shows each item's size, which version 1 did not keep: it is computed for old rows.
    db.version(2)
      .stores(LIBRARY_SCHEMAS[2])
      .upgrade((tx) =>
        tx
          .table<LibraryRow>('items')
          .toCollection()
          .modify((row: { text: string; sizeBytes?: number }) => {
            row.sizeBytes = utf8Bytes(row.text)
          }),
      )
  return db
}

/**
 * Opens the library in the browser's database (`source`: fake-indexeddb in tests). Rejects when
 * storage is refused (no IndexedDB, private mode, blocked site data) or the schema cannot be
 * upgraded; callers then keep the user's work in the page.
 */
export async function openLibraryStorage(source?: IndexedDbSource): Promise<LibraryStorage> {
  const db = libraryDb(source)
  await db.open()
  return {
    list: () => db.items.orderBy('updatedMs').reverse().toArray(),
    get: (id) => db.items.get(id),
    latest: (kind) =>
      db.items.where('[kind+updatedMs]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).last(),
    put: async (row) => {
      await db.items.put(row)
    },
    putAll: async (rows) => {
      await db.transaction('rw', db.items, () => db.items.bulkPut([...rows]))
    },
    delete: (id) => db.items.delete(id),
    close: () => db.close(),
  }
}
