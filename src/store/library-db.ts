/**
 * The browser database behind the user's library (IndexedDB through Dexie). Every schema the app
 * has shipped stays declared here, oldest first, so a database left by an older version of the
 * app is upgraded in place when a newer one opens it: never add to a shipped version, add one.
 */
import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'

/** The IndexedDB database's name (one per origin). */
export const LIBRARY_DB_NAME = 'keyroute-library'

/** The schema version this build of the app opens (and upgrades older databases to). */
export const LIBRARY_DB_VERSION = 2

/** What an item of the library is; `observed` is kept for observed data sets to come. */
export const LIBRARY_KINDS = ['scenario', 'briefing', 'observed'] as const
export type LibraryKind = (typeof LIBRARY_KINDS)[number]

/** One item as stored: the file's text exactly as the user had it, so it re-imports the same. */
export interface LibraryRow {
  readonly id: string
  readonly kind: LibraryKind
  readonly name: string
  readonly text: string
  /** Milliseconds since 1970 (UTC). */
  readonly createdMs: number
  readonly updatedMs: number
  /** Bytes of `text` as UTF-8 (added in version 2). */
  readonly sizeBytes: number
}

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

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

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
