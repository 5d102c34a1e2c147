/**
 * The user's library of their own work (imported scenarios, briefings being written, later
 * observed data sets), kept in the browser's database: what an item is, what its storage
 * offers (library-db.ts implements it with Dexie, loaded only when the library opens), and what
 * needs no database (new ids, merging a backup, saying why storage failed). The store's library
 * slice decides when to call them.
 */

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
  /** Bytes of `text` as UTF-8. */
  readonly sizeBytes: number
}

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

/** The library's storage; every method rejects when the browser refuses or runs out of room. */
export interface LibraryStorage {
  /** Every item, newest change first. */
  list(): Promise<LibraryRow[]>
  get(id: string): Promise<LibraryRow | undefined>
  /** The most recently changed item of a kind. */
  latest(kind: LibraryKind): Promise<LibraryRow | undefined>
  /** Adds the row, or replaces the row with its id. */
  put(row: LibraryRow): Promise<void>
  /** Adds or replaces many rows in one transaction: all are kept, or none. */
  putAll(rows: readonly LibraryRow[]): Promise<void>
  delete(id: string): Promise<void>
  close(): void
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A new random id: short enough for a link, unlikely to meet another browser's ids. */
export function newLibraryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')
}

/** Whether two items hold the same work (ids and times aside). */
export const isSameWork = (a: LibraryRow, b: LibraryRow): boolean =>
  a.kind === b.kind && a.name === b.name && a.text === b.text

/**
 * What a backup adds to a library: items the library already holds (same kind, name and text)
 * are skipped; the others keep their id unless the library uses it for something else.
 */
export function mergeBackupRows(
  existing: readonly LibraryRow[],
  incoming: readonly LibraryRow[],
): { readonly added: LibraryRow[]; readonly skipped: number } {
  const all = [...existing]
  const ids = new Set(existing.map((r) => r.id))
  const added: LibraryRow[] = []
  let skipped = 0
  for (const row of incoming) {
    if (all.some((r) => isSameWork(r, row))) {
      skipped++
      continue
    }
    let id = row.id
    while (ids.has(id)) id = newLibraryId()
    const kept = { ...row, id }
    ids.add(id)
    all.push(kept)
    added.push(kept)
  }
  return { added, skipped }
}

const errorName = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''

/** The DOMException a Dexie error wraps (a full disk aborts the transaction with it inside). */
function innermost(error: unknown): unknown {
  let e = error
  for (let i = 0; i < 5 && typeof e === 'object' && e !== null && 'inner' in e && e.inner; i++)
    e = e.inner
  return e
}

/** Whether a storage failure is the browser's storage being full. */
export function isQuotaError(error: unknown): boolean {
  return [errorName(error), errorName(innermost(error))].includes('QuotaExceededError')
}

/** Why storage failed, in words a user can act on, naming the browser's error. */
export function storageProblem(error: unknown): string {
  const name = errorName(innermost(error)) || errorName(error) || 'Error'
  if (isQuotaError(error)) return `the browser’s storage for this site is full (${name})`
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError')
    return `the library was closed, perhaps by a newer keyroute in another tab (${name}); reload this page once your work is downloaded`
  if (name === 'MissingAPIError' || name === 'ReferenceError')
    return `this browser offers no IndexedDB storage here (${name}; private browsing or blocked site data can do this)`
  const message = error instanceof Error ? error.message.slice(0, 160) : String(error)
  return `the browser refused its storage (${name}: ${message}; private browsing or blocked site data can do this)`
}
