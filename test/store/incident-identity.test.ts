import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Incident, StepRecord } from '../../src/sim/model'
import {
  findSelectedIncident,
  formatIncidentRef,
  incidentOnStep,
  incidentSelectionOf,
  parseIncidentRef,
  reconcileIncidentSelection,
} from '../../src/store/incident-identity'
import type { IncidentIdentity } from '../../src/store/incident-identity'
import { createAppStore } from '../../src/store/store'
import type { RunState } from '../../src/store/store'
import { parseUrlState } from '../../src/store/url-state'
import { createSyncClient } from '../ui/sync-client'
import { realRun } from './run-fixture'

let misconfigured: RunState
let geofenced: RunState

beforeAll(() => {
  misconfigured = realRun('citizenlab-2020', 'misconfigured-2020')
  geofenced = realRun('citizenlab-2020', 'geofenced')
})

const incidentsOf = (r: RunState): readonly Incident[] => r.summary?.incidents ?? []
const identityOf = (i: Incident): IncidentIdentity => ({
  meetingId: i.meetingId,
  participantCityId: i.participantCityId,
  timeMinutes: i.timeMinutes,
})

describe('incident identity', () => {
  it('re-resolves a selection in another run to the same exposure or clears it with a notice, never to another event', () => {
    const runs = () => [misconfigured, geofenced] as const
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), (pick, fromFixed) => {
        const [from, to] = fromFixed ? [runs()[1], runs()[0]] : runs()
        const log = incidentsOf(from)
        const incident = log[pick % log.length] as Incident
        const selection = incidentSelectionOf(incident)
        const fix = reconcileIncidentSelection(selection, to)
        const there = findSelectedIncident(to.summary, selection)
        if (fix === null) {
          expect(there).not.toBeNull()
          expect(identityOf(there as Incident)).toEqual(identityOf(incident))
        } else {
          expect(there).toBeNull()
          expect(fix.selection).toBeNull()
          expect(fix.notice).toMatch(/has no counterpart under (Geofenced|Misconfigured)/)
        }
        // In the run it was made in, a selection always stays.
        expect(reconcileIncidentSelection(selection, from)).toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it('reads an old log-number link in the run it was made for, then keeps the identity', () => {
    const sixteen = incidentsOf(misconfigured).find((i) => i.seq === 16) as Incident
    const fix = reconcileIncidentSelection({ kind: 'incident', ref: { logSeq: 16 } }, misconfigured)
    expect(fix).toEqual({ selection: incidentSelectionOf(sixteen), notice: null })
    // The same number in the geofenced log is another event; the identity is not in it.
    const other = incidentsOf(geofenced).find((i) => i.seq === 16) as Incident
    expect(identityOf(other)).not.toEqual(identityOf(sixteen))
    const moved = reconcileIncidentSelection(fix?.selection ?? null, geofenced)
    expect(moved?.selection).toBeNull()
    expect(moved?.notice).toContain(`meeting ${sixteen.meetingId}`)
    expect(moved?.notice).toContain('has no counterpart under Geofenced')
  })

  it('gives the key path only at the step the exposure happened in', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (pick, stepPick) => {
        const log = incidentsOf(misconfigured)
        const incident = log[pick % log.length] as Incident
        const selection = incidentSelectionOf(incident)
        const step = misconfigured.steps[stepPick % misconfigured.steps.length] as StepRecord
        const shown = incidentOnStep(misconfigured.summary, selection, step, 60)
        const isThen =
          incident.timeMinutes >= step.startMinutes && incident.timeMinutes < step.startMinutes + 60
        expect(shown === null ? null : identityOf(shown)).toEqual(
          isThen ? identityOf(incident) : null,
        )
      }),
      { numRuns: 300 },
    )
  })

  it('writes the identity into the link and reads it back exactly', () => {
    fc.assert(
      fc.property(
        fc.nat(999_999_999),
        fc.constantFrom('boston', 'new-york', 'st-john-s', 'x1'),
        fc.double({ min: 0, max: 172_799, noNaN: true }).filter((t) => !Object.is(t, -0)),
        (meetingId, participantCityId, timeMinutes) => {
          const ref = { meetingId, participantCityId, timeMinutes }
          expect(parseIncidentRef(formatIncidentRef(ref))).toEqual(ref)
        },
      ),
    )
    expect(parseIncidentRef('16')).toEqual({ logSeq: 16 })
    expect(parseIncidentRef('16:Boston:1')).toBeNull()
  })
})

describe('the store follows the shown run', () => {
  it('clears an incident from the observed link when the map switches to Geofenced, with a notice', () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    const { state, notices } = parseUrlState(
      '#preset=citizenlab-2020&seed=2020&t=897&sel=incident:16&compare=geofenced',
    )
    store.getState().applyUrlState(state, notices)
    client.drain()
    const sixteen = incidentsOf(store.getState().run as RunState).find((i) => i.seq === 16)
    expect(store.getState().selection).toEqual(incidentSelectionOf(sixteen as Incident))
    store.getState().setMapRun('compare')
    expect(store.getState().selection).toBeNull()
    expect(store.getState().notices.at(-1)).toMatch(
      /^The exposure of a Washington participant in meeting \d+ has no counterpart under Geofenced/,
    )
    // Back on the primary run, a selection made there is kept.
    store.getState().setMapRun('primary')
    store.getState().select(incidentSelectionOf(sixteen as Incident))
    store.getState().setTime(5000)
    expect(store.getState().selection).toEqual(incidentSelectionOf(sixteen as Incident))
  })
})
