import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { allowedSites, jurisdictionOf, keySiteFor } from '../../src/sim/keys'
import type { MeetingLedger } from '../../src/sim/ledger'
import type { RunResult } from '../../src/sim/model'
import { preset, resolve } from './helpers'

const resolved = resolve(preset('citizenlab-2020'))
const { world } = resolved

/** A run of citizenlab-2020 that also records, through the engine's join hook, the joins of `meetings`. */
function runRecording(meetings: ReadonlySet<number>): {
  result: RunResult
  joins: Map<number, { city: number; site: number }[]>
} {
  const joins = new Map<number, { city: number; site: number }[]>()
  const result = createRun(resolved, {
    onJoin: (meetingId, slot, city, site) => {
      if (!meetings.has(meetingId)) return
      const list = joins.get(meetingId) ?? []
      list[slot] = { city, site }
      joins.set(meetingId, list)
    },
  }).finish()
  return { result, joins }
}

const first = createRun(resolved).finish()
const recorded = runRecording(new Set(first.ledgers.map((l) => l.meetingId)))

describe('meeting ledger', () => {
  it('is written for exactly the meetings of the kept incidents', () => {
    const logged = [...new Set(first.incidents.map((i) => i.meetingId))].sort((a, b) => a - b)
    expect(first.ledgers.length).toBeGreaterThan(100)
    expect(first.ledgers.map((l) => l.meetingId)).toEqual(logged)
  })

  it("names, for every participant, the site the engine connected it to and that site's key site", () => {
    let checked = 0
    for (const ledger of first.ledgers) {
      const joins = recorded.joins.get(ledger.meetingId) ?? []
      expect(joins.length).toBe(ledger.participants.length)
      ledger.participants.forEach((p, slot) => {
        const join = joins[slot] as { city: number; site: number }
        expect(p.cityId).toBe(world.cities[join.city]?.id)
        if (join.site < 0) {
          expect(p.connectedSiteId).toBeNull()
          expect(p.keySiteId).toBeNull()
          expect(p.attempts.every((a) => a.outcome !== 'connected')).toBe(true)
          return
        }
        const key = keySiteFor(world, join.site)
        expect(p.connectedSiteId).toBe(world.sites[join.site]?.id)
        expect(p.keySiteId).toBe(world.sites[key]?.id)
        expect(p.keyJurisdiction).toBe(world.sites[key]?.jurisdiction)
        const last = p.attempts[p.attempts.length - 1]
        expect(last).toEqual({
          siteId: p.connectedSiteId,
          list: p.isViaSecondary ? 'secondary' : 'primary',
          outcome: 'connected',
        })
        checked++
      })
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it('classifies each delivery by the allowed regions and the jurisdictions present', () => {
    const concern = resolved.scenario.keys.concernJurisdictions
    for (const ledger of first.ledgers) {
      const present = new Set(
        ledger.participants
          .filter((p) => p.connectedSiteId !== null)
          .map((p) => jurisdictionOf(world, p.country)),
      )
      for (const p of ledger.participants) {
        if (p.keySiteId === null) continue
        const city = world.cities.findIndex((c) => c.id === p.cityId)
        const key = world.sites.findIndex((s) => s.id === p.keySiteId)
        const mask = allowedSites(world, city, ledger.account, resolved.paidOptInRegions)
        expect(p.isCrossBorder).toBe(mask[key] === 0)
        expect(p.allowedRegions.length).toBeGreaterThan(0)
        if (mask[key] === 1) expect(p.allowedRegions).toContain(world.sites[key]?.region)
        const j = p.keyJurisdiction as string
        expect(p.isConcern).toBe(concern.includes(j) && !present.has(j))
      }
      expect(ledger.participants.some((p) => p.isCrossBorder || p.isConcern)).toBe(true)
    }
  })

  it("agrees with each kept incident's participant, sites and failed primaries", () => {
    const byMeeting = new Map(first.ledgers.map((l) => [l.meetingId, l]))
    for (const incident of first.incidents) {
      const ledger = byMeeting.get(incident.meetingId) as MeetingLedger
      expect(ledger.timeMinutes).toBe(incident.timeMinutes)
      expect(ledger.account).toBe(incident.account)
      expect(ledger.countries).toEqual(incident.meetingCountries)
      // Participants of one city can share a meeting; one of them met exactly these primaries.
      const failedPrimaries = ledger.participants
        .filter(
          (p) =>
            p.cityId === incident.participantCityId &&
            p.connectedSiteId === incident.connectedSiteId &&
            p.keySiteId === incident.keySiteId &&
            p.isCrossBorder === incident.isCrossBorder &&
            p.isConcern === incident.isConcern &&
            p.isViaSecondary === incident.isViaSecondary,
        )
        .map((p) =>
          p.attempts
            .filter((a) => a.list === 'primary' && a.outcome !== 'connected')
            .map(({ siteId, outcome }) => ({ siteId, reason: outcome })),
        )
      expect(failedPrimaries, `meeting ${incident.meetingId}`).toContainEqual(
        incident.attemptedPrimaries,
      )
    }
  })

  it('records the US-Canada meeting keyed from Beijing that Citizen Lab saw', () => {
    const beijing = world.sites.find((s) => s.city === 'Beijing')?.id
    const meeting = first.ledgers.find(
      (l) =>
        l.countries.join('+') === 'CA+US' &&
        l.participants.some((p) => p.keySiteId === beijing && p.isConcern),
    )
    expect(meeting).toBeDefined()
    const exposed = meeting?.participants.find((p) => p.keySiteId === beijing)
    expect(exposed?.keyJurisdiction).toBe('CN')
    expect(exposed?.isViaSecondary).toBe(true)
    expect(exposed?.attempts.some((a) => a.outcome !== 'connected')).toBe(true)
  })

  it('is byte-identical on the same seed and leaves the rest of the result unchanged', () => {
    expect(JSON.stringify(recorded.result)).toBe(JSON.stringify(first))
  })

  it('keeps no more ledgers than the incident log keeps incidents', () => {
    const small = createRun(resolve(preset('citizenlab-2020', { incidentLogLimit: 7 }))).finish()
    expect(small.incidents.length).toBeLessThanOrEqual(7)
    expect(small.ledgers.length).toBeGreaterThan(0)
    expect(small.ledgers.length).toBeLessThanOrEqual(small.incidents.length)
    expect(small.totals).toEqual(first.totals)
    const none = createRun(resolve(preset('citizenlab-2020', { incidentLogLimit: 0 }))).finish()
    expect(none.ledgers).toEqual([])
  })
})
