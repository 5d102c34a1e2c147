/**
 * "Download everything": the whole library as one JSON file, versioned, that imports again.
 * Reading one checks it with zod and reports every problem at its path, as scenario files do.
 */
import { z } from '../sim/zod'
import { issueErrors, readJsonText } from '../sim/scenario'
import type { ScenarioError } from '../sim/scenario'
import { LIBRARY_KINDS, utf8Bytes } from './library'
import type { LibraryRow } from './library'

/** What the file says it is, so another JSON file is refused by name rather than by its fields. */
export const BACKUP_FORMAT = 'keyroute-library-backup'
/** The version of the backup file format this app writes and reads. */
export const BACKUP_VERSION = 1
/** Largest backup file read, in UTF-16 code units. */
export const MAX_BACKUP_BYTES = 100_000_000

/** An id as links and backups carry it. */
export const LIBRARY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

const isoTime = z.iso.datetime({ offset: true })

const backupItem = z.strictObject({
  id: z.string().regex(LIBRARY_ID_PATTERN, 'an id is 1 to 64 letters, digits, - or _'),
  kind: z.enum(LIBRARY_KINDS),
  name: z.string().min(1).max(500),
  text: z.string(),
  created: isoTime,
  updated: isoTime,
})

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exported: isoTime,
  items: z.array(backupItem),
})

/** The backup file's text for these rows (newest first, as the panel lists them). */
export function backupText(rows: readonly LibraryRow[], nowMs: number): string {
  const file: z.input<typeof backupSchema> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exported: new Date(nowMs).toISOString(),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      text: r.text,
      created: new Date(r.createdMs).toISOString(),
      updated: new Date(r.updatedMs).toISOString(),
    })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** The rows of a backup file, or every problem with its path. Never throws. */
export function parseBackup(
  text: string,
):
  | { readonly ok: true; readonly rows: readonly LibraryRow[] }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] } {
  const read = readJsonText(text, MAX_BACKUP_BYTES, 'library backups')
  if (!read.ok) return read
  const parsed = backupSchema.safeParse(read.data)
  if (!parsed.success) return { ok: false, errors: issueErrors(parsed.error) }
  return {
    ok: true,
    rows: parsed.data.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      name: item.name,
      text: item.text,
      createdMs: Date.parse(item.created),
      updatedMs: Date.parse(item.updated),
      sizeBytes: utf8Bytes(item.text),
    })),
  }
}
