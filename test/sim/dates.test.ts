import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { daysInMonth, utcDayMs, utcTimeMs } from '../../src/sim/dates'
import { isoDateSchema, isoTimeSchema } from '../../src/sim/date-schemas'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { parseScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'
import { runWithSeries } from './helpers'
import { syntheticScenario } from './synthetic-world'

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const dateText = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`

/** Any real calendar date from year 0001 to 9999. */
const validDate = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

/** A date whose day does not exist in its month (31 April, 29 February 2021, day 0) or month 13. */
const impossibleDate = fc
  .tuple(
    fc.integer({ min: 1, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([y, m, extra]) =>
    extra === 0
      ? dateText(y, m, 0)
      : extra === 3
        ? dateText(y, 13, 1)
        : dateText(y, m, daysInMonth(y, m) + extra),
  )
  .filter((s) => !/^\d{4}-02-(29|30)$/.test(s) || !isoDateSchema.safeParse(s).success)

const base = PRESETS['citizenlab-2020']

/** Where a scenario reads a date, with a scenario that puts `date` there. */
const PLACES: { path: string; put: (date: string) => ScenarioInput }[] = [
  { path: 'startDate', put: (date) => ({ ...base, startDate: date }) },
  {
    path: 'demand.dailyParticipants[1].date',
    put: (date) => ({
      ...base,
      demand: {
        ...base.demand,
        dailyParticipants: [
          { date: '2020-01-01', participants: 1e6 },
          { date, participants: 2e6 },
        ],
      },
    }),
  },
  {
    path: 'timeline[0].at',
    put: (date) => ({ ...base, timeline: [{ kind: 'policy', at: date, policy: 'geofenced' }] }),
  },
  {
    path: 'timeline[0].at',
    put: (date) => ({
      ...base,
      timeline: [{ kind: 'outage', at: `${date}T10:30Z`, siteId: 'toronto' }],
    }),
  },
  {
    path: 'world.sites[0].openFrom',
    put: (date) => {
      const s = syntheticScenario({ sites: 2, cities: 2, days: 1, joinsPerDay: 10 })
      const world = s.world as Exclude<ScenarioInput['world'], 'zoom-2020' | undefined>
      return {
        ...s,
        world: {
          ...world,
          sites: world.sites.map((site, i) => (i === 0 ? { ...site, openFrom: date } : site)),
        },
      }
    },
  },
]

describe('dates', () => {
  it('parses every calendar date and round-trips it through its UTC midnight', () => {
    fc.assert(
      fc.property(validDate, (date) => {
        expect(isoDateSchema.safeParse(date).success).toBe(true)
        expect(isoTimeSchema.safeParse(date).success).toBe(true)
        expect(new Date(utcDayMs(date)).toISOString().slice(0, 10)).toBe(date)
        expect(utcTimeMs(`${date}T13:45Z`) - utcDayMs(date)).toBe((13 * 60 + 45) * 60_000)
      }),
    )
  })

  it('gives UTC midnight of a date, and NaN for text that is not a date', () => {
    expect(utcDayMs('2020-04-03')).toBe(Date.UTC(2020, 3, 3))
    expect(utcDayMs('1969-12-31')).toBe(-86_400_000)
    expect(utcDayMs('')).toBeNaN()
    expect(utcDayMs('soon')).toBeNaN()
  })

  it('refuses every impossible date with its path wherever a scenario reads one', () => {
    fc.assert(
      fc.property(impossibleDate, fc.constantFrom(...PLACES), (date, place) => {
        const parsed = parseScenario(place.put(date))
        expect(parsed.ok).toBe(false)
        if (parsed.ok) return
        expect(parsed.errors).toContainEqual({
          path: place.path,
          message: expect.stringMatching(/is not a calendar date/) as string,
        })
      }),
      { numRuns: 200 },
    )
  })

  it('names the month length of the dates the issue found', () => {
    const messages = ['2020-02-30', '2021-02-29', '2020-04-31'].map(
      (d) => isoDateSchema.safeParse(d).error?.issues[0]?.message,
    )
    expect(messages).toEqual([
      '2020-02-30 is not a calendar date: February 2020 has 29 days',
      '2021-02-29 is not a calendar date: February 2021 has 28 days',
      '2020-04-31 is not a calendar date: April 2020 has 30 days',
    ])
    expect(isoTimeSchema.safeParse('2020-03-27T24:00Z').success).toBe(false)
    expect(isoTimeSchema.safeParse('2020-03-27T23:59:59Z').success).toBe(true)
  })

  it('simulates a run before 1970 exactly like the same run whole weeks after 1970', () => {
    const weeks = (n: number) => n * 7 * 86_400_000
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 2000 }),
        (before, after) => {
          const start = utcDayMs('1969-12-25') - weeks(before)
          const shifted = start + weeks(before + after)
          const at = (ms: number) => new Date(ms).toISOString().slice(0, 10)
          const make = (ms: number): ScenarioInput => ({
            ...syntheticScenario({
              sites: 4,
              cities: 8,
              days: 1,
              joinsPerDay: 400,
              startDate: at(ms),
            }),
            demand: {
              dailyParticipants: [{ date: at(ms), participants: 1_000_000 }],
              scale: 0.0004,
            },
          })
          const early = runWithSeries(make(start))
          const late = runWithSeries(make(shifted))
          expect(early.totals.meetings).toBeGreaterThan(0)
          expect(early.totals).toEqual(late.totals)
          expect(early.series).toEqual(late.series)
        },
      ),
      { numRuns: 8 },
    )
  })
})
