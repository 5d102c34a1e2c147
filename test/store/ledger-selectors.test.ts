import { describe, expect, it } from 'vitest'
import type { MeetingLedger } from '../../src/sim/ledger'
import {
  callGeometry,
  findLedger,
  ledgersByCountries,
  ledgersForSelection,
  parseCountryQuery,
  participantChanges,
} from '../../src/store/ledger-selectors'
import { realRun } from './run-fixture'

const run = realRun('citizenlab-2020')
const geofenced = realRun('citizenlab-2020', 'geofenced')
const ledgers = run.summary!.ledgers
const world = run.world!

describe('ledger selectors', () => {
  it('reads country searches written in several ways', () => {
    expect(parseCountryQuery('US+CA')).toEqual({ countries: ['CA', 'US'], invalid: [] })
    expect(parseCountryQuery(' us, ca ca ')).toEqual({ countries: ['CA', 'US'], invalid: [] })
    expect(parseCountryQuery('US+Canada')).toEqual({ countries: ['US'], invalid: ['CANADA'] })
  })

  it('finds meetings in exactly, or at least, the searched countries', () => {
    const exactly = ledgersByCountries(ledgers, ['CA', 'US'], 'exactly')
    const atLeast = ledgersByCountries(ledgers, ['CA', 'US'], 'atLeast')
    expect(exactly.length).toBeGreaterThan(0)
    expect(exactly.every((l) => l.countries.join('+') === 'CA+US')).toBe(true)
    expect(atLeast.length).toBeGreaterThanOrEqual(exactly.length)
    expect(atLeast.every((l) => l.countries.includes('CA') && l.countries.includes('US'))).toBe(
      true,
    )
    const withUs = ledgersByCountries(ledgers, ['US'], 'atLeast')
    expect(withUs.length).toBeGreaterThan(ledgersByCountries(ledgers, ['US'], 'exactly').length)
    expect(withUs.some((l) => l.countries.length > 1)).toBe(true)
    expect(ledgersByCountries(ledgers, [], 'atLeast')).toEqual([])
  })

  it('finds a logged meeting by id, and the meetings of a site, a city and an incident', () => {
    const some = ledgers[Math.floor(ledgers.length / 2)]!
    expect(findLedger(run.summary, some.meetingId)).toBe(some)
    expect(findLedger(run.summary, -1)).toBeNull()
    const beijing = ledgersForSelection(ledgers, { kind: 'site', id: 'beijing' })
    expect(beijing.length).toBeGreaterThan(0)
    expect(beijing.every((l) => l.participants.some((p) => p.keySiteId === 'beijing'))).toBe(true)
    const city = some.participants[0]!.cityId
    expect(ledgersForSelection(ledgers, { kind: 'city', id: city })).toContain(some)
    const incident = run.summary!.incidents[0]!
    const ref = {
      meetingId: incident.meetingId,
      participantCityId: incident.participantCityId,
      timeMinutes: incident.timeMinutes,
    }
    expect(ledgersForSelection(ledgers, { kind: 'incident', ref }).map((l) => l.meetingId)).toEqual(
      [incident.meetingId],
    )
  })

  it('sets the same meeting under another policy beside it, participant by participant', () => {
    const both = ledgers.find((l) => findLedger(geofenced.summary, l.meetingId) !== null)
    const shown = (both ?? ledgers[0]) as MeetingLedger
    const other = findLedger(geofenced.summary, shown.meetingId)
    const rows = participantChanges(shown, other)
    expect(rows.map((r) => r.cityId)).toEqual(shown.participants.map((p) => p.cityId))
    if (other) expect(rows.every((r) => r.other?.cityId === r.cityId)).toBe(true)
    const beijingMeeting = ledgers.find((l) =>
      l.participants.some((p) => p.keySiteId === 'beijing'),
    )!
    const underGeofenced = findLedger(geofenced.summary, beijingMeeting.meetingId)
    const changes = participantChanges(beijingMeeting, underGeofenced)
    if (underGeofenced)
      expect(
        changes
          .filter((r) => r.shown.keySiteId === 'beijing')
          .every((r) => r.changes.includes('key site')),
      ).toBe(true)
    else expect(changes.every((r) => r.other === null && r.changes.length === 0)).toBe(true)
  })

  it('draws a call: every city, a link to each connected site and each key path, exposures last', () => {
    const ledger = ledgers.find((l) => l.participants.some((p) => p.isConcern))!
    const call = callGeometry(ledger, world)
    const cityNames = new Set(
      ledger.participants.map((p) => world.cities.find((c) => c.id === p.cityId)!.name),
    )
    expect(new Set(call.places.filter((p) => p.kind === 'city').map((p) => p.name))).toEqual(
      cityNames,
    )
    expect(call.lines.some((l) => l.kind === 'link')).toBe(true)
    const keys = call.lines.filter((l) => l.kind === 'key')
    expect(keys.at(-1)?.exposure).toBe('concern')
    expect(call.lines.findIndex((l) => l.kind === 'key')).toBeGreaterThan(
      call.lines.findLastIndex((l) => l.kind === 'link'),
    )
  })
})
