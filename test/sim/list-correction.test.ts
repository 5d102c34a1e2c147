import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import type { RunOptions } from '../../src/sim/engine'
import { POLICY_IDS } from '../../src/sim/model'
import type { PolicyId, RunResult, StepRecord } from '../../src/sim/model'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { POLICIES, isChangedByListCorrection } from '../../src/sim/routing'
import type { ScenarioInput } from '../../src/sim/scenario'
import { withRunChoices } from '../../src/sim/run-choices'
import { preset, resolve, run, runWithSeries } from './helpers'
import type { ResultWithSeries } from './series'

const base = preset('citizenlab-2020')

/** Minute of the run's first list correction, or -1. */
const fixAt = (r: { timeline: RunResult['timeline'] }): number =>
  r.timeline.find((e) => e.kind === 'list-correction')?.atMinutes ?? -1

/** Sums a per-step figure over the steps that start at or after `from`. */
function sumFrom(
  result: ResultWithSeries,
  figure: 'redirected' | 'crossBorderExposures',
  from: number,
) {
  return result.series.startMinutes
    .map((start, i) => (start >= from ? (result.series[figure][i] as number) : 0))
    .reduce((a, b) => a + b, 0)
}

const concernFrom = (steps: readonly StepRecord[], from: number): number =>
  steps.filter((s) => s.startMinutes >= from).reduce((a, s) => a + s.concernExposures, 0)

/** A run's output without what names the events it ran with (its hash and its timeline). */
function output(result: RunResult): Omit<RunResult, 'hash' | 'timeline'> {
  const { hash: _hash, timeline: _timeline, ...rest } = result
  return rest
}

describe('the 3 April 2020 list correction', () => {
  it('keeps the scenario’s policy and switches to its corrected lists at the fix', () => {
    const steps = createRun(resolve(base)).advance(Infinity)
    const at = fixAt(resolve(base))
    expect(at).toBeGreaterThan(0)
    expect(steps.every((s) => s.policy === 'misconfigured-2020')).toBe(true)
    expect(steps.map((s) => s.isListCorrected)).toEqual(steps.map((s) => s.startMinutes >= at))
    expect(concernFrom(steps, 0)).toBeGreaterThan(0)
    expect(concernFrom(steps, at)).toBe(0)
  })

  it('leaves fail-closed untouched: no redirected join and no cross-border key after the fix', () => {
    // Before the fix was a correction it switched every chosen policy to geofenced: fail-closed
    // then showed 4,590 redirected joins and 85 cross-border keys after 3 April.
    const closed = runWithSeries(base, { policy: 'fail-closed' })
    expect(fixAt(closed)).toBeGreaterThan(0)
    expect(sumFrom(closed, 'redirected', fixAt(closed))).toBe(0)
    expect(sumFrom(closed, 'crossBorderExposures', fixAt(closed))).toBe(0)
    expect(closed.totals.redirected).toBe(0)
  })

  it('takes China off the government carve-out’s lists for free and paid accounts at the fix', () => {
    const resolved = resolve(base)
    const steps = createRun(resolved, { policy: 'government' }).advance(Infinity)
    expect(steps.every((s) => s.policy === 'government')).toBe(true)
    expect(concernFrom(steps, 0)).toBeGreaterThan(0)
    expect(concernFrom(steps, fixAt(resolved))).toBe(0)
  })

  it('says for every policy what the fix changes, and changes only the policies that listed China', () => {
    const changed = POLICY_IDS.filter((p) => isChangedByListCorrection(POLICIES[p]))
    expect(changed).toEqual(['misconfigured-2020', 'government'])
    for (const p of POLICY_IDS) {
      const { change } = POLICIES[p].listCorrection
      expect(change.startsWith('No change:')).toBe(!changed.includes(p))
    }
  })

  it('applies a policy event to the run of the scenario’s own policy and to no chosen policy', () => {
    const toClosed = {
      kind: 'policy' as const,
      at: '2020-03-30T00:00Z',
      policy: 'fail-closed' as const,
    }
    const scenario = { ...base, timeline: [...(base.timeline ?? []), toClosed] }
    const switchAt = 3 * 1440
    const own = createRun(resolve(scenario)).advance(Infinity)
    expect(
      own.filter((s) => s.startMinutes >= switchAt).every((s) => s.policy === 'fail-closed'),
    ).toBe(true)
    expect(own.filter((s) => s.startMinutes >= switchAt).every((s) => s.redirected === 0)).toBe(
      true,
    )
    const chosen = createRun(resolve(scenario), { policy: 'geofenced' })
    expect(chosen.timeline.map((e) => e.kind)).toEqual(['list-correction'])
    const steps = chosen.advance(Infinity)
    expect(steps.every((s) => s.policy === 'geofenced')).toBe(true)
    expect(steps.filter((s) => s.startMinutes >= switchAt).some((s) => s.redirected > 0)).toBe(true)
  })

  it('leaves out list corrections and policy events when the policy is held', () => {
    const held = run(base, { policy: 'government', holdPolicy: true })
    expect(held.timeline.some((e) => e.kind === 'list-correction' || e.kind === 'policy')).toBe(
      false,
    )
    const heldSteps = createRun(resolve(base), { policy: 'government', holdPolicy: true }).advance(
      Infinity,
    )
    expect(heldSteps.every((s) => !s.isListCorrected)).toBe(true)
    expect(concernFrom(heldSteps, fixAt(resolve(base)))).toBeGreaterThan(0)
    expect(held.hash).not.toBe(run(base, { policy: 'government' }).hash)
  })

  it('gives a run and the scenario file with its choices written in the same hash and output', () => {
    const toGeofenced = {
      kind: 'policy' as const,
      at: '2020-03-30T00:00Z',
      policy: 'geofenced' as const,
    }
    const scenario = {
      ...base,
      demand: { ...base.demand, scale: 0.0002 },
      timeline: [...(base.timeline ?? []), toGeofenced],
    }
    const choices: RunOptions[] = [
      {},
      { policy: 'misconfigured-2020' },
      { policy: 'fail-closed' },
      { policy: 'government', seed: 5 },
      { holdPolicy: true },
      { policy: 'geofenced', holdPolicy: true },
    ]
    const hashes = new Set<string>()
    for (const c of choices) {
      const viaOptions = run(scenario, c)
      const written = withRunChoices(scenario, c)
      const fromFile = run(written)
      expect(fromFile.hash).toBe(viaOptions.hash)
      expect(output(fromFile)).toEqual(output(viaOptions))
      // Written once, the choices are settled: writing them again changes nothing.
      expect(withRunChoices(written, c)).toEqual(written)
      hashes.add(viaOptions.hash)
    }
    // The scenario's own policy chosen explicitly is the same run as no choice at all.
    expect(hashes.size).toBe(choices.length - 1)
  })
})

/** Whole hours from the start of a run of `days` days, as scenario times. */
const hourAt = (startDate: string, hour: number): string =>
  new Date(Date.parse(`${startDate}T00:00:00Z`) + hour * 3_600_000).toISOString().slice(0, 16) + 'Z'

type EventSpec =
  | { kind: 'list-correction'; hour: number }
  | { kind: 'policy'; hour: number; policy: PolicyId }
  | { kind: 'outage' | 'restore'; hour: number; siteId: string }

const DAYS = 1.5
const hourArb = fc.integer({ min: 0, max: DAYS * 24 })
const eventArb: fc.Arbitrary<EventSpec> = fc.oneof(
  fc.record({ kind: fc.constant('list-correction' as const), hour: hourArb }),
  fc.record({
    kind: fc.constant('policy' as const),
    hour: hourArb,
    policy: fc.constantFrom(...POLICY_IDS),
  }),
  fc.record({
    kind: fc.constantFrom('outage' as const, 'restore' as const),
    hour: hourArb,
    siteId: fc.constantFrom(...WORLD_2020.sites.map((s) => s.id)),
  }),
)

interface ScenarioSpec {
  readonly presetId: 'citizenlab-2020' | 'surge-march-2020'
  readonly policy: PolicyId
  readonly seed: number
  readonly surgeMultiplier: number
  readonly events: readonly EventSpec[]
}

const scenarioArb: fc.Arbitrary<ScenarioSpec> = fc.record({
  presetId: fc.constantFrom('citizenlab-2020' as const, 'surge-march-2020' as const),
  policy: fc.constantFrom(...POLICY_IDS),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  surgeMultiplier: fc.double({ min: 0.5, max: 3, noNaN: true }),
  events: fc.array(eventArb, { maxLength: 6 }),
})

/** A short run of a preset with the generated events (all on whole hours, so on step starts). */
function scenarioOf(p: ScenarioSpec, keep = (_e: EventSpec) => true) {
  const from = preset(p.presetId)
  const timeline = p.events.filter(keep).map((e) => {
    const at = hourAt(from.startDate, e.hour)
    if (e.kind === 'list-correction') return { kind: e.kind, at }
    if (e.kind === 'policy') return { kind: e.kind, at, policy: e.policy }
    return { kind: e.kind, at, siteId: e.siteId }
  })
  return {
    ...from,
    policy: p.policy,
    seed: p.seed,
    days: DAYS,
    demand: { ...from.demand, scale: 0.0002, surgeMultiplier: p.surgeMultiplier },
    timeline,
  } satisfies ScenarioInput
}

describe('list corrections and policy events, for any scenario', () => {
  it('never redirects a join in a step run under fail-closed', () => {
    fc.assert(
      fc.property(scenarioArb, (p) => {
        const scenario = scenarioOf(p)
        // Events sit on step starts, so the policy a step records held for the whole step.
        const chosen = createRun(resolve(scenario), { policy: 'fail-closed' }).advance(Infinity)
        if (p.policy !== 'fail-closed')
          expect(chosen.every((s) => s.policy === 'fail-closed')).toBe(true)
        for (const s of chosen) if (s.policy === 'fail-closed') expect(s.redirected).toBe(0)
        const own = createRun(resolve({ ...scenario, policy: 'fail-closed' })).advance(Infinity)
        for (const s of own) if (s.policy === 'fail-closed') expect(s.redirected).toBe(0)
      }),
      { numRuns: 12 },
    )
  })

  it('gives the policies the correction does not change the same output with and without it', () => {
    const untouched = POLICY_IDS.filter((p) => !isChangedByListCorrection(POLICIES[p]))
    expect(untouched).toContain('geofenced')
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...untouched), (p, policy) => {
        // Policy events stay only in the run of the scenario's own policy; there they could
        // switch to a policy the correction changes, so that run keeps none.
        const keep = (e: EventSpec) => e.kind !== 'policy' || p.policy !== policy
        const withFix = run(scenarioOf(p, keep), { policy })
        const without = run(
          scenarioOf(p, (e) => keep(e) && e.kind !== 'list-correction'),
          { policy },
        )
        expect(output(withFix)).toEqual(output(without))
      }),
      { numRuns: 12 },
    )
  })

  it('issues no key from a jurisdiction of concern under the misconfigured list once corrected', () => {
    fc.assert(
      fc.property(scenarioArb, (p) => {
        const resolved = resolve(scenarioOf(p))
        const steps = createRun(resolved, { policy: 'misconfigured-2020' }).advance(Infinity)
        const at = fixAt(resolved)
        for (const s of steps) {
          expect(s.isListCorrected).toBe(at >= 0 && s.startMinutes >= at)
          if (s.isListCorrected && s.policy === 'misconfigured-2020')
            expect(s.concernExposures).toBe(0)
        }
      }),
      { numRuns: 12 },
    )
  })
})
