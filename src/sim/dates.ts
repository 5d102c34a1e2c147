/**
 * Calendar dates and UTC times as scenario files write them, and the one conversion to
 * milliseconds since 1970 (negative before). Their validation is in date-schemas.ts, apart from
 * these conversions so the engine does not load zod.
 */

/** Days in a month of the proleptic Gregorian calendar (`month` 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Milliseconds since 1970 of UTC midnight on a valid calendar date (YYYY-MM-DD): the one place
 * a date becomes an instant. Text that is not a date (an empty field, say) gives NaN.
 */
export function utcDayMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

/** Milliseconds since 1970 of a valid time as `isoTimeSchema` (date-schemas.ts) accepts it. */
export function utcTimeMs(at: string): number {
  return at.length === 10 ? utcDayMs(at) : Date.parse(at)
}
