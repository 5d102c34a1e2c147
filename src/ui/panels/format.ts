/** Number and time formatting shared by the panels, charts and timeline. */
import { utcDayMs } from '../../sim/dates'

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const PERCENT = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
})

/** A count with thousands separators: 12,345. */
export function formatCount(n: number): string {
  return COUNT.format(Math.round(n))
}

/** `part` as a percentage of `whole` with one decimal, or an en dash when `whole` is 0. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${PERCENT.format((100 * part) / whole)}%` : '–'
}

/** The instant `minutes` after midnight UTC of `startDate` (YYYY-MM-DD). */
export function instantOf(startDate: string, minutes: number): Date {
  const start = utcDayMs(startDate || '1970-01-01')
  return new Date(start + Math.floor(minutes) * 60_000)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** One formatter per zone and style, made once: building them is slow next to formatting. */
function cachedFormatter(
  timeZone: string,
  style: 'full' | 'zone',
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...options,
    })
    formatters.set(key, f)
  }
  return f
}

const formatterFor = (timeZone: string): Intl.DateTimeFormat =>
  cachedFormatter(timeZone, 'full', { year: 'numeric' })

const zoneFormatterFor = (timeZone: string): Intl.DateTimeFormat =>
  cachedFormatter(timeZone, 'zone', { timeZoneName: 'short' })

/** "Fri 27 Mar 2020, 14:00 UTC". */
export function formatUtc(startDate: string, minutes: number): string {
  return `${formatterFor('UTC').format(instantOf(startDate, minutes))} UTC`
}

/** The same instant in another IANA zone, with the zone's short name: "Thu 26 Mar, 20:00 GMT-4". */
export function formatInZone(startDate: string, minutes: number, timeZone: string): string {
  try {
    return zoneFormatterFor(timeZone).format(instantOf(startDate, minutes))
  } catch {
    return formatUtc(startDate, minutes)
  }
}

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
})
const SHORT_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "27 Mar", for chart axes. */
export function formatShortDate(startDate: string, minutes: number): string {
  return SHORT_DATE.format(instantOf(startDate, minutes))
}

/** "27 Mar, 14:00" (UTC), for tables. */
export function formatShortTime(startDate: string, minutes: number): string {
  return SHORT_TIME.format(instantOf(startDate, minutes))
}

const HOUR_MINUTE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/**
 * The step the map shows, as the clock reads it: "27 Mar, 14:00–15:00 UTC". Figures "so far"
 * include that whole step, so they are labelled with its span, never with its end alone.
 */
export function formatStepSpan(startDate: string, stepStart: number, stepMinutes: number): string {
  const end = HOUR_MINUTE.format(instantOf(startDate, stepStart + stepMinutes)).replace(
    /^00:00$/,
    '24:00',
  )
  return `${formatShortTime(startDate, stepStart)}–${end} UTC`
}

/** A file's size as people read it: 512 B, 4.2 kB, 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${Math.round(bytes / 100) / 10} kB`
  return `${Math.round(bytes / 100_000) / 10} MB`
}
