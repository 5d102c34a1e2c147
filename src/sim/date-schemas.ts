/**
 * Validation of calendar dates and UTC times as scenario files, briefings and the CLI write
 * them. It refuses impossible dates such as 2020-02-30 or 2021-02-29, which `Date.parse` would
 * silently roll over into March.
 */
import { z } from './zod'
import { daysInMonth } from './dates'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** Why the date part (YYYY-MM-DD) of `text` is not a calendar date, in words. */
function calendarProblem(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12)
    return `${match[0]} is not a calendar date: there is no month ${month}`
  const last = daysInMonth(year, month)
  if (day < 1 || day > last)
    return `${match[0]} is not a calendar date: ${MONTHS[month - 1] ?? ''} ${year} has ${last} days`
  return null
}

function inputText(input: unknown): string {
  return typeof input === 'string' ? input : ''
}

/** A calendar date, YYYY-MM-DD (years 0000 to 9999); impossible dates are refused. */
export const isoDateSchema = z.iso.date({
  error: (issue) =>
    calendarProblem(inputText(issue.input)) ?? 'expected a date as YYYY-MM-DD, e.g. 2020-03-27',
})

const minuteTime = z.iso.datetime({ precision: -1 })
const secondTime = z.iso.datetime({ precision: 0 })

/** A UTC time, YYYY-MM-DDTHH:MMZ or YYYY-MM-DDTHH:MM:SSZ, or a date (its midnight, UTC). */
export const isoTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/, {
    error: 'expected a UTC time as YYYY-MM-DDTHH:MMZ (or a date YYYY-MM-DD)',
    abort: true,
  })
  .refine(
    (s) =>
      isoDateSchema.safeParse(s).success ||
      minuteTime.safeParse(s).success ||
      secondTime.safeParse(s).success,
    {
      error: (issue) =>
        calendarProblem(inputText(issue.input)) ??
        `${inputText(issue.input)} is not a time of day (hours 00 to 23, minutes and seconds 00 to 59)`,
    },
  )

/** A UTC time to the minute, YYYY-MM-DDTHH:MMZ (a briefing's time, the CLI's `--at`). */
export const minuteTimeSchema = z.iso.datetime({
  precision: -1,
  error: (issue) =>
    calendarProblem(inputText(issue.input)) ??
    'expected a UTC time to the minute as YYYY-MM-DDTHH:MMZ, e.g. 2020-03-27T14:00Z',
})
