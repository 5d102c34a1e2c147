import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { POLICY_IDS } from '../../src/sim/routing'
import type { PolicyId, RunResult } from '../../src/sim/model'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import type { ScenarioInput } from '../../src/sim/scenario'
import { withRunChoices } from '../../src/sim/run-choices'
import { preset, resolve, run, runWithSeries } from './helpers'
import { finishWithSeries } from './series'
import { lossSystem } from './loss-system'

/** Erlang-B blocking probability for `servers` servers and offered load `erlangs`. */
function erlangB(servers: number, erlangs: number): number {
  let b = 1
  for (let k = 1; k <= servers; k++) b = (erlangs * b) / (k + erlangs * b)
  return b
}

const CHINA_SITES = new Set(
  WORLD_2020.sites.filter((s) => s.jurisdiction === 'CN').map((s) => s.id),
)
const CITY_COUNTRY = new Map(WORLD_2020.cities.map((c) => [c.id, c.country]))

/** Key deliveries from a China site to a participant outside China, over the whole run. */
function chinaKeysOutsideChina(result: RunResult): number {
  return result.flows
    .filter((f) => CHINA_SITES.has(f.keySiteId) && CITY_COUNTRY.get(f.cityId) !== 'CN')
    .reduce((sum, f) => sum + f.deliveries, 0)
}

describe('engine', () => {
  describe('agreement with queueing theory', () => {
    const cases: [servers: number, erlangs: number][] = [
      [5, 5],
      [10, 8],
      [20, 15],
      [40, 45],
    ]
    it.each(cases)(
      'blocks the Erlang-B fraction with %i slots and %f erlangs under fail-closed',
      (servers, erlangs) => {
        const result = run(lossSystem(servers, erlangs, 10, 40))
        const { offered, blocked, redirected } = result.totals
        const expected = erlangB(servers, erlangs)
        const observed = blocked / offered
        // Blocking events are correlated in time, so allow six binomial standard errors.
        const tolerance = 6 * Math.sqrt((expected * (1 - expected)) / offered) + 0.002
        expect(offered).toBeGreaterThan(20_000)
        expect(redirected).toBe(0)
        expect(Math.abs(observed - expected)).toBeLessThan(tolerance)
      },
    )
  })

  describe('invariants', () => {
    const policies = POLICY_IDS
    const scenarioArb = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      policy: fc.constantFrom(...policies),
      surgeMultiplier: fc.double({ min: 0.3, max: 4, noNaN: true }),
      primaryAttempts: fc.integer({ min: 1, max: 5 }),
      threshold: fc.double({ min: 0.5, max: 1, noNaN: true }),
      startDay: fc.integer({ min: 1, max: 28 }),
      freeShare: fc.double({ min: 0, max: 1, noNaN: true }),
      governmentShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    })
    const scenarioOf = (p: {
      seed: number
      policy: PolicyId
      surgeMultiplier: number
      primaryAttempts: number
      threshold: number
      startDay: number
      freeShare: number
      governmentShare: number
    }): ScenarioInput =>
      preset('surge-march-2020', {
        seed: p.seed,
        policy: p.policy,
        days: 1,
        startDate: `2020-03-${String(p.startDay).padStart(2, '0')}`,
        timeline: [],
        demand: {
          ...preset('surge-march-2020').demand,
          scale: 0.0001,
          surgeMultiplier: p.surgeMultiplier,
        },
        accounts: {
          free: p.freeShare,
          paid: Math.max(0.01, 1 - p.freeShare),
          government: p.governmentShare,
          paidOptInRegions: ['US', 'CA', 'EU'],
        },
        routing: {
          primaryAttempts: p.primaryAttempts,
          secondaryPicks: 2,
          failureCurve: {
            thresholdUtilisation: p.threshold,
            maxFailureProbability: 0.6,
            exponent: 2,
          },
        },
      })

    it('keeps offered = carried + blocked in every step and never fills a site past its capacity', () => {
      fc.assert(
        fc.property(scenarioArb, (p) => {
          const result = runWithSeries(scenarioOf(p))
          const s = result.series
          s.offered.forEach((offered, i) => {
            expect(offered).toBe((s.carried[i] as number) + (s.blocked[i] as number))
          })
          for (const utilisation of s.siteUtilisation)
            for (const u of utilisation) expect(u).toBeLessThanOrEqual(1)
          expect(result.totals.offered).toBe(result.totals.carried + result.totals.blocked)
        }),
        { numRuns: 12 },
      )
    })

    it('keeps every site within its capacity and its occupancy non-negative through outages and capacity cuts', () => {
      const siteIds = WORLD_2020.sites.filter((s) => !s.openFrom).map((s) => s.id)
      const eventArb = fc.record({
        kind: fc.constantFrom('outage' as const, 'restore' as const, 'capacity' as const),
        hour: fc.integer({ min: 0, max: 23 }),
        siteId: fc.constantFrom(...siteIds),
        capacityParticipants: fc.integer({ min: 0, max: 4_000_000 }),
      })
      fc.assert(
        fc.property(scenarioArb, fc.array(eventArb, { maxLength: 8 }), (p, events) => {
          const start = `2020-03-${String(p.startDay).padStart(2, '0')}`
          const timeline = events.map((e) => {
            const at = `${start}T${String(e.hour).padStart(2, '0')}:30Z`
            return e.kind === 'capacity'
              ? { kind: e.kind, at, siteId: e.siteId, capacityParticipants: e.capacityParticipants }
              : { kind: e.kind, at, siteId: e.siteId }
          })
          const steps = createRun(resolve({ ...scenarioOf(p), timeline })).advance(Infinity)
          for (const step of steps) {
            expect(step.offered).toBe(step.carried + step.blocked)
            step.siteUtilisation.forEach((u, i) => {
              expect(u).toBeLessThanOrEqual(1)
              expect(step.siteOccupancy[i]).toBeGreaterThanOrEqual(0)
              expect(step.siteOccupancy[i]).toBeLessThanOrEqual(step.siteCapacity[i] as number)
              if (step.siteDown[i]) expect(step.siteOccupancy[i]).toBe(0)
            })
          }
        }),
        { numRuns: 15 },
      )
    })

    it('never gives a participant outside China a key from China under geofenced or region-control', () => {
      fc.assert(
        fc.property(
          scenarioArb,
          fc.constantFrom<PolicyId>('geofenced', 'region-control'),
          (p, policy) => {
            const result = run(scenarioOf({ ...p, policy, surgeMultiplier: p.surgeMultiplier + 1 }))
            expect(chinaKeysOutsideChina(result)).toBe(0)
            for (const incident of result.incidents) {
              if (CHINA_SITES.has(incident.keySiteId))
                expect(CITY_COUNTRY.get(incident.participantCityId)).toBe('CN')
            }
          },
        ),
        { numRuns: 10 },
      )
    })

    it('redirects nothing under fail-closed', () => {
      fc.assert(
        fc.property(scenarioArb, (p) => {
          const result = runWithSeries(
            scenarioOf({ ...p, policy: 'fail-closed', surgeMultiplier: p.surgeMultiplier + 1 }),
          )
          expect(result.series.redirected.every((r) => r === 0)).toBe(true)
          expect(result.totals.redirected).toBe(0)
        }),
        { numRuns: 8 },
      )
    })

    it('gives byte-identical results for the same seed, however the run is sliced', () => {
      fc.assert(
        fc.property(scenarioArb, fc.integer({ min: 1, max: 7 }), (p, slice) => {
          const scenario = scenarioOf(p)
          const whole = JSON.stringify(run(scenario))
          const sliced = createRun(resolve(scenario))
          while (!sliced.isDone) sliced.advance(slice)
          expect(JSON.stringify(sliced.finish())).toBe(whole)
          expect(JSON.stringify(run(scenario))).toBe(whole)
        }),
        { numRuns: 6 },
      )
    })
  })

  describe('determinism and identity', () => {
    it('gives the same figures without per-step flows, whose steps then carry none', () => {
      const resolved = resolve(preset('citizenlab-2020', { days: 2, timeline: [] }))
      const withFlows = createRun(resolved).finish()
      const run = createRun(resolved, { isStepFlowsKept: false })
      const steps = run.advance(48)
      const without = run.finish()
      expect(without.totals).toEqual(withFlows.totals)
      expect(without.flows).toEqual(withFlows.flows)
      expect(without.exposurePairs).toEqual(withFlows.exposurePairs)
      expect(without.hash).toBe(withFlows.hash)
      expect(without.stepFlows).toEqual([])
      expect(withFlows.stepFlows.some((flows) => flows.length > 0)).toBe(true)
      expect(steps.every((s) => s.flows.length === 0)).toBe(true)
    })

    it('changes the result and its hash when the seed changes', () => {
      const scenario = preset('citizenlab-2020', { days: 2, timeline: [] })
      const a = run(scenario, { seed: 1 })
      const b = run(scenario, { seed: 2 })
      expect(a.hash).not.toBe(b.hash)
      expect(a.totals).not.toEqual(b.totals)
      expect(a.hash).toMatch(/^[0-9a-f]{16}$/)
      expect(run(scenario, { seed: 1 }).hash).toBe(a.hash)
    })

    it('runs the very same meetings under every policy for the same seed', () => {
      const scenario = preset('citizenlab-2020', { days: 3, timeline: [] })
      const policies = POLICY_IDS
      const results = policies.map((policy) => runWithSeries(scenario, { policy }))
      for (const r of results) {
        expect(r.totals.meetings).toBe(results[0]?.totals.meetings)
        expect(r.totals.offered).toBe(results[0]?.totals.offered)
        expect(r.series.offered).toEqual(results[0]?.series.offered)
      }
      // Only where participants connect differs.
      expect(new Set(results.map((r) => r.totals.redirected)).size).toBeGreaterThan(1)
    })

    it('keeps the incident log within its limit while the totals stay exact', () => {
      const scenario = preset('citizenlab-2020', { incidentLogLimit: 50 })
      const limited = run(scenario)
      const full = runWithSeries(preset('citizenlab-2020', { incidentLogLimit: 100_000 }))
      expect(limited.incidents.length).toBeLessThanOrEqual(50)
      expect(limited.incidents.length).toBeGreaterThan(20)
      expect(limited.totals).toEqual(full.totals)
      const exposures = full.totals.crossBorderExposures + full.totals.concernExposures
      expect(full.incidents.length).toBeGreaterThan(0)
      expect(full.incidents.length).toBeLessThanOrEqual(exposures)
      // With room for every exposure, the log holds exactly the deliveries counted as exposed.
      expect(full.incidents.length).toBe(full.totals.exposedDeliveries)
      expect(full.totals.exposedDeliveries).toBeGreaterThanOrEqual(
        Math.max(full.totals.crossBorderExposures, full.totals.concernExposures),
      )
      expect(full.series.exposedDeliveries.reduce((a, b) => a + b, 0)).toBe(
        full.totals.exposedDeliveries,
      )
      const times = limited.incidents.map((i) => i.timeMinutes)
      expect([...times].sort((a, b) => a - b)).toEqual(times)
    })
  })

  describe('the citizenlab-2020 preset', () => {
    const base = preset('citizenlab-2020')

    it('shows North American keys issued in China under the misconfigured backup list', () => {
      const result = run(base)
      const pairs = result.exposurePairs.filter((p) => p.keyJurisdiction === 'CN')
      expect(pairs.map((p) => p.originJurisdiction).sort()).toEqual(['CA', 'US'])
      expect(chinaKeysOutsideChina(result)).toBeGreaterThan(100)
      const incident = result.incidents.find((i) => CHINA_SITES.has(i.keySiteId))
      if (!incident) throw new Error('no incident with a key from China')
      expect(incident.isConcern).toBe(true)
      // The cause names each primary and what it met once, with how often, then the fallback and
      // the key's site; attemptedPrimaries keeps every attempt in order.
      const cityOf = (id: string) => WORLD_2020.sites.find((s) => s.id === id)?.city ?? id
      const tried = incident.attemptedPrimaries.map((a) => `${cityOf(a.siteId)} ${a.reason}`)
      expect(tried).toHaveLength(incident.primaryAttempts)
      const failed = incident.cause.split(' -> ')[0] ?? ''
      if (new Set(tried).size === 1) {
        expect(failed).toBe(
          `${tried[0]} after ${tried.length} attempt${tried.length > 1 ? 's' : ''}`,
        )
      } else {
        const [head, list] = failed.split(': ') as [string, string]
        expect(head).toBe(`${tried.length} attempts failed`)
        const named = list.split(', ').map((item) => {
          const [, what, times] = /^(.*?)(?: (twice|\d+ times))?$/.exec(item) ?? []
          const count = times === undefined ? 1 : times === 'twice' ? 2 : Number.parseInt(times)
          return { what, count }
        })
        expect(named.map((n) => n.what)).toEqual([...new Set(tried)])
        expect(named.map((n) => n.count)).toEqual(
          [...new Set(tried)].map((t) => tried.filter((x) => x === t).length),
        )
      }
      expect(incident.cause).toMatch(/ -> secondary list( -> connected to .+)? -> key issued in /)
      expect(incident.cause.endsWith(`key issued in ${cityOf(incident.keySiteId)}`)).toBe(true)
    })

    it('names each primary and what it met once in every cause, though clients wrap around', () => {
      const result = run(base)
      const wrapped = result.incidents.filter(
        (i) => new Set(i.attemptedPrimaries.map((a) => a.siteId)).size < i.primaryAttempts,
      )
      expect(wrapped.length).toBeGreaterThan(0)
      for (const i of result.incidents) {
        const failed = i.cause.split(' -> ')[0] ?? ''
        const items = (failed.split(': ')[1] ?? failed).split(', ')
        const named = items.map((item) =>
          item.replace(/ (twice|\d+ times|after \d+ attempts?)$/, ''),
        )
        expect(new Set(named).size, i.cause).toBe(named.length)
      }
    })

    it('gives a run with seed and policy as options the hash of the same scenario written out', () => {
      for (const holdPolicy of [false, true]) {
        const choices = { seed: 99, policy: 'geofenced' as const, holdPolicy }
        const viaOptions = run(base, choices)
        const written = run(withRunChoices(base, choices))
        expect(written.hash).toBe(viaOptions.hash)
        expect(written.totals).toEqual(viaOptions.totals)
      }
      expect(run(base).hash).not.toBe(run(base, { seed: 99, policy: 'geofenced' }).hash)
    })

    it('counts only connected participants as sharing an exposed key', () => {
      const result = run(base)
      expect(result.totals.exposedParticipants).toBeGreaterThanOrEqual(
        result.totals.exposedMeetings,
      )
      expect(result.totals.exposedParticipants).toBeLessThanOrEqual(result.totals.carried)
      for (const i of result.incidents) {
        expect(i.meetingParticipants).toBeGreaterThanOrEqual(1)
        expect(i.meetingCountries.length).toBeGreaterThanOrEqual(1)
      }
    })

    it('shows no key from China under geofenced with the same seed', () => {
      const result = run(base, { policy: 'geofenced' })
      expect(chinaKeysOutsideChina(result)).toBe(0)
      expect(result.totals.concernExposures).toBe(0)
      expect(result.totals.redirected).toBeGreaterThan(0)
    })

    it('shows no exposure at all when there is no congestion', () => {
      const result = run({ ...base, demand: { ...base.demand, surgeMultiplier: 0.05 } })
      expect(result.totals.redirected).toBe(0)
      expect(result.totals.crossBorderExposures + result.totals.concernExposures).toBe(0)
    })

    it('stops keys from China after the 3 April fix on the timeline', () => {
      const result = runWithSeries(base)
      const fixMinutes = result.timeline.find((e) => e.kind === 'list-correction')?.atMinutes ?? 0
      expect(fixMinutes).toBeGreaterThan(0)
      const stepsAfterFix = result.series.startMinutes
        .map((start, i) => ({ start, concern: result.series.concernExposures[i] as number }))
        .filter((s) => s.start >= fixMinutes)
      expect(stepsAfterFix.length).toBeGreaterThan(0)
      expect(stepsAfterFix.every((s) => s.concern === 0)).toBe(true)
    })
  })

  describe('disconnections', () => {
    it('frees a site for newcomers after an outage instead of keeping it falsely full', () => {
      const base = lossSystem(100, 80, 40, 1)
      const timeline = [
        { kind: 'outage' as const, at: '2021-01-04T12:00Z', siteId: 'only-site' },
        { kind: 'restore' as const, at: '2021-01-04T12:10Z', siteId: 'only-site' },
      ]
      const stepMinutes = 10
      const withOutage = createRun(resolve({ ...base, stepMinutes, timeline })).advance(Infinity)
      const without = createRun(resolve({ ...base, stepMinutes })).advance(Infinity)
      // The arrival stream is the same in both runs (no random draw depends on occupancy here).
      expect(withOutage.map((s) => s.offered)).toEqual(without.map((s) => s.offered))
      const outageStep = (12 * 60) / stepMinutes
      expect(withOutage[outageStep]?.disconnected).toBe(without[outageStep - 1]?.siteOccupancy[0])
      // After the restore the site holds only newcomers: with Poisson arrivals and 40-minute
      // meetings it refills as 80 * (1 - exp(-t / 40)), about half full 20-40 minutes later, while
      // the run without the outage stays near 80. A stale count of the disconnected would not.
      const mean = (steps: typeof without) =>
        steps
          .slice(outageStep + 3, outageStep + 6)
          .reduce((sum, s) => sum + (s.siteOccupancy[0] ?? 0), 0) / 3
      expect(mean(withOutage)).toBeLessThan(0.75 * mean(without))
      expect(mean(withOutage)).toBeGreaterThan(0.3 * mean(without))
    })
  })

  describe('per-step outputs', () => {
    it('adds the per-step exposures by jurisdiction pair up to the run totals', () => {
      const resolved = resolve(preset('citizenlab-2020'))
      const r = createRun(resolved)
      const steps = r.advance(Infinity)
      const result = r.finish()
      const sums = new Map<string, number>()
      for (const step of steps) {
        for (const p of step.exposurePairs) {
          const key = `${p.originJurisdiction}>${p.keyJurisdiction}`
          sums.set(key, (sums.get(key) ?? 0) + p.deliveries)
        }
      }
      expect(Object.fromEntries(sums)).toEqual(
        Object.fromEntries(
          result.exposurePairs.map((p) => [
            `${p.originJurisdiction}>${p.keyJurisdiction}`,
            p.deliveries,
          ]),
        ),
      )
      expect(sums.size).toBeGreaterThan(1)
      const flows = steps.flatMap((st) => st.flows)
      expect(flows.reduce((n, f) => n + f.concern, 0)).toBe(result.totals.concernExposures)
      expect(flows.reduce((n, f) => n + f.exposures, 0)).toBe(result.totals.exposedDeliveries)
      expect(flows.every((f) => f.concern <= f.exposures && f.exposures <= f.deliveries)).toBe(true)
    })
  })

  describe('timeline events', () => {
    it('sends nobody to a site while it is down', () => {
      const scenario = preset('surge-march-2020', { days: 2, startDate: '2020-03-23' })
      const resolved = resolve(scenario)
      const result = finishWithSeries(createRun(resolved), resolved.scenario.stepMinutes)
      const ny = resolved.world.sites.findIndex((s) => s.id === 'new-york')
      const outage = result.timeline.find((e) => e.kind === 'outage')
      const restore = result.timeline.find((e) => e.kind === 'restore')
      expect(outage && restore).toBeTruthy()
      const stepMinutes = result.series.stepMinutes
      // Two full steps inside the outage: the site empties as meetings end and takes nobody new.
      const firstFull = Math.ceil((outage?.atMinutes ?? 0) / stepMinutes) + 2
      const lastFull = Math.floor((restore?.atMinutes ?? 0) / stepMinutes) - 1
      const flowsIntoNy = result.stepFlows
        .slice(firstFull, lastFull)
        .flat()
        .filter((f) => f.siteIndex === ny)
      expect(flowsIntoNy).toEqual([])
      // The outage cut everyone off at once: the site holds nobody while down.
      const outageStep = Math.floor((outage?.atMinutes ?? 0) / stepMinutes)
      expect(result.totals.disconnected).toBeGreaterThan(0)
      const steps = createRun(resolved).advance(Infinity)
      expect(steps[outageStep]?.disconnected).toBeGreaterThan(0)
      for (const step of steps.slice(outageStep, lastFull)) {
        expect(step.siteOccupancy[ny]).toBe(0)
        expect(step.siteDown[ny]).toBe(true)
      }
      const after = result.stepFlows
        .slice(lastFull + 2)
        .flat()
        .filter((f) => f.siteIndex === ny)
      expect(after.length).toBeGreaterThan(0)
    })

    it('applies a capacity change from its time on', () => {
      const scenario = preset('baseline-dec-2019', {
        days: 2,
        timeline: [
          { kind: 'capacity', at: '2019-12-03T00:00Z', siteId: 'toronto', capacityParticipants: 0 },
        ],
      })
      const resolved = resolve(scenario)
      const result = createRun(resolved).finish()
      const toronto = resolved.world.sites.findIndex((s) => s.id === 'toronto')
      const day2 = result.stepFlows
        .slice(25)
        .flat()
        .filter((f) => f.siteIndex === toronto)
      const day1 = result.stepFlows
        .slice(0, 24)
        .flat()
        .filter((f) => f.siteIndex === toronto)
      expect(day1.length).toBeGreaterThan(0)
      expect(day2).toEqual([])
    })
  })
})
