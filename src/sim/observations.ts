/**
 * Observations: what someone saw of real traffic (a key delivered by a server, media relayed),
 * read from a CSV file so it can be set beside the simulation. This module reads the file's
 * rows and checks each field; observations-place.ts places them in a scenario's world. A row
 * with a bad field is reported with its line number and the field, and the other rows still
 * load. Pure and deterministic.
 *
 * The file: a header naming the columns (any order, any case), then one observation per line;
 * a line that starts with `#` is a comment, anywhere. Fields may be quoted ("..." with "" for a quote) and may then
 * hold commas or line breaks; lines end in LF or CRLF.
 *
 * | column       | required | what it holds                                                  |
 * |--------------|----------|----------------------------------------------------------------|
 * | `time`       | yes      | UTC time, `2020-04-02T15:00Z` (seconds optional), or a date    |
 * | `participant`| yes      | a city (id or name, `Toronto`) or a country code (`CA`)        |
 * | `server`     | yes      | a site id (`beijing`) or a known server address (`52.81.151.250`) |
 * | `seen`       | yes      | `key-delivered` or `media-relayed`                             |
 * | `source`     | no       | who saw it, as the caption should name them (`Citizen Lab`)    |
 * | `source_url` | no       | where they said so (http or https)                             |
 * | `note`       | no       | anything else, e.g. which parts are assumptions                |
 */
import { utcTimeMs } from './dates'
import { isoTimeSchema } from './date-schemas'

/** The columns an observations file may have, in the order the sample file writes them. */
export const OBSERVATION_COLUMNS = [
  'time',
  'participant',
  'server',
  'seen',
  'source',
  'source_url',
  'note',
] as const
/** One column of an observations file. */
export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number]

const REQUIRED: readonly ObservationColumn[] = ['time', 'participant', 'server', 'seen']

/** What an observation saw. */
export const OBSERVATION_SEEN = ['key-delivered', 'media-relayed'] as const
/** What an observation saw: a meeting key delivered, or media relayed, by the server. */
export type ObservationSeen = (typeof OBSERVATION_SEEN)[number]

/** Largest observations file accepted, in bytes (UTF-16 code units). */
export const MAX_OBSERVATION_BYTES = 1_000_000
/** Most observations read from one file; rows after these are reported and left out. */
export const MAX_OBSERVATIONS = 2_000
/** Longest field accepted, in characters. */
export const MAX_FIELD_CHARS = 1_000

/**
 * A problem of an observations file: its line (1-based; 0 for the whole file), the column it
 * concerns (null: the whole line or file) and what is wrong, in words.
 */
export interface ObservationError {
  readonly line: number
  readonly field: ObservationColumn | null
  readonly message: string
}

/** One observation as read, its fields checked but not yet placed in a world. */
export interface ObservationRow {
  /** Line of the file the row starts on (1-based). */
  readonly line: number
  /** The time as written. */
  readonly time: string
  /** Milliseconds since 1970, UTC. */
  readonly timeMs: number
  readonly participant: string
  readonly server: string
  readonly seen: ObservationSeen
  /** '' when the file gives none. */
  readonly source: string
  /** An http or https address, or ''. */
  readonly sourceUrl: string
  readonly note: string
}

/** The rows read and every problem found, in line order. */
export interface ObservationsRead {
  readonly rows: readonly ObservationRow[]
  readonly errors: readonly ObservationError[]
}

/** "line 4: time …", or "file: …" for the whole file. */
export function observationErrorText(error: ObservationError): string {
  return `${error.line > 0 ? `line ${error.line}` : 'file'}: ${error.message}`
}

interface CsvRecord {
  readonly line: number
  readonly fields: string[]
}

/**
 * Splits CSV text into records with the line each starts on. An unterminated quote ends the
 * text with an error at the line where its field started.
 */
function csvRecords(text: string): { records: CsvRecord[]; error: ObservationError | null } {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoteLine = 0
  let isQuoted = false
  const endRecord = (): void => {
    fields.push(field)
    records.push({ line: recordLine, fields })
    fields = []
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') isQuoted = false
      else {
        if (ch === '\n') line++
        field += ch
      }
    } else if (ch === '#' && fields.length === 0 && field === '') {
      // A comment line: skipped whole, so its quotes and commas never open a field.
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++
    } else if (ch === '"' && field.trim() === '') {
      field = ''
      isQuoted = true
      quoteLine = line
    } else if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else field += ch
  }
  if (isQuoted)
    return {
      records,
      error: {
        line: quoteLine,
        field: null,
        message:
          'a quoted field is never closed (a " is missing); the rest of the file was not read',
      },
    }
  if (field !== '' || fields.length > 0) endRecord()
  return { records, error: null }
}

const isBlank = (r: CsvRecord): boolean => r.fields.every((f) => f.trim() === '')

/** The seen value as the file may write it: any case, a space or underscore for the hyphen. */
function seenOf(text: string): ObservationSeen | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
  return (OBSERVATION_SEEN as readonly string[]).includes(key) ? (key as ObservationSeen) : null
}

/** Checks one record's fields against the header; a row, or the problems of the line. */
function rowOf(
  record: CsvRecord,
  columns: readonly (ObservationColumn | null)[],
): { row: ObservationRow | null; errors: ObservationError[] } {
  const { line } = record
  const errors: ObservationError[] = []
  const err = (field: ObservationColumn | null, message: string): void => {
    errors.push({ line, field, message })
  }
  if (record.fields.length > columns.length) {
    err(
      null,
      `has ${record.fields.length} fields but the header names ${columns.length} columns (a comma too many, or a field with a comma that is not quoted)`,
    )
    return { row: null, errors }
  }
  const value: Partial<Record<ObservationColumn, string>> = {}
  columns.forEach((column, i) => {
    if (column) value[column] = (record.fields[i] ?? '').trim()
  })
  for (const column of OBSERVATION_COLUMNS) {
    const text = value[column] ?? ''
    if (text.length > MAX_FIELD_CHARS)
      err(column, `${column} has ${text.length} characters; at most ${MAX_FIELD_CHARS}`)
  }
  if (errors.length > 0) return { row: null, errors }
  const time = value.time ?? ''
  const participant = value.participant ?? ''
  const server = value.server ?? ''
  const seenText = value.seen ?? ''
  const sourceUrl = value.source_url ?? ''
  if (time === '') err('time', 'time is empty: give a UTC time such as 2020-04-02T15:00Z')
  else if (!isoTimeSchema.safeParse(time).success)
    err('time', `time "${time}" is not a UTC time such as 2020-04-02T15:00Z`)
  if (participant === '')
    err(
      'participant',
      'participant is empty: give a city (such as Toronto) or a country code (such as CA)',
    )
  if (server === '')
    err('server', 'server is empty: give a site id (such as beijing) or a known server address')
  const seen = seenOf(seenText)
  if (!seen)
    err(
      'seen',
      seenText === ''
        ? `seen is empty: give ${OBSERVATION_SEEN.join(' or ')}`
        : `seen "${seenText}" is not ${OBSERVATION_SEEN.join(' or ')}`,
    )
  if (sourceUrl !== '' && !/^https?:\/\/[^\s]+$/i.test(sourceUrl))
    err('source_url', `source_url "${sourceUrl}" is not an http or https address`)
  if (errors.length > 0 || !seen) return { row: null, errors }
  return {
    row: {
      line,
      time,
      timeMs: utcTimeMs(time),
      participant,
      server,
      seen,
      source: value.source ?? '',
      sourceUrl,
      note: value.note ?? '',
    },
    errors,
  }
}

/** Reads the header: each column's name, or null for a column it does not know (reported). */
function headerOf(record: CsvRecord): {
  columns: (ObservationColumn | null)[]
  errors: ObservationError[]
} {
  const errors: ObservationError[] = []
  const seen = new Set<ObservationColumn>()
  const columns = record.fields.map((raw) => {
    const name = raw
      .replace(/^\ufeff/, '')
      .trim()
      .toLowerCase()
    const column = (OBSERVATION_COLUMNS as readonly string[]).includes(name)
      ? (name as ObservationColumn)
      : null
    if (!column)
      errors.push({
        line: record.line,
        field: null,
        message: `column "${raw.trim()}" is not one of ${OBSERVATION_COLUMNS.join(', ')}; it is ignored`,
      })
    else if (seen.has(column)) {
      errors.push({
        line: record.line,
        field: column,
        message: `column ${column} is named twice; the first one is read`,
      })
      return null
    }
    if (column) seen.add(column)
    return column
  })
  return { columns, errors }
}

/**
 * Reads an observations file. Rows with a bad field are left out with an error naming their
 * line and the field; the other rows are returned. A file over {@link MAX_OBSERVATION_BYTES},
 * or whose header lacks a required column, gives no rows and one error.
 */
export function readObservations(text: string): ObservationsRead {
  if (text.length > MAX_OBSERVATION_BYTES)
    return {
      rows: [],
      errors: [
        {
          line: 0,
          field: null,
          message: `the file has ${text.length.toLocaleString('en-US')} characters; observations files are limited to ${MAX_OBSERVATION_BYTES.toLocaleString('en-US')}`,
        },
      ],
    }
  const { records, error } = csvRecords(text)
  const content = records.filter((r) => !isBlank(r))
  const header = content[0]
  if (!header)
    return {
      rows: [],
      errors: [
        error ?? {
          line: 0,
          field: null,
          message: `the file has no header line; the first line should name the columns, such as ${OBSERVATION_COLUMNS.join(',')}`,
        },
      ],
    }
  const { columns, errors } = headerOf(header)
  const missing = REQUIRED.filter((c) => !columns.includes(c))
  if (missing.length > 0)
    return {
      rows: [],
      errors: [
        ...errors,
        {
          line: header.line,
          field: null,
          message: `the header lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; it needs ${REQUIRED.join(', ')}`,
        },
      ],
    }
  const rows: ObservationRow[] = []
  const body = content.slice(1)
  for (const record of body.slice(0, MAX_OBSERVATIONS)) {
    const result = rowOf(record, columns)
    errors.push(...result.errors)
    if (result.row) rows.push(result.row)
  }
  const over = body[MAX_OBSERVATIONS]
  if (over)
    errors.push({
      line: over.line,
      field: null,
      message: `a file holds at most ${MAX_OBSERVATIONS.toLocaleString('en-US')} observations; this line and the ${body.length - MAX_OBSERVATIONS - 1} after it were not read`,
    })
  if (error) errors.push(error)
  return { rows, errors }
}
