import { describe, expect, it } from 'vitest'
import { createRun } from '../../../src/sim/engine'
import type { Incident, StepRecord } from '../../../src/sim/model'
import { incidentSelectionOf } from '../../../src/store/incident-identity'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../../src/sim/scenario'
import type { RunState } from '../../../src/store/store'
import {
  KEPT_STEP_LISTS,
  selectStepDrawList,
  selectMapConcern,
  selectMapFocus,
  selectMaxCountryKeys,
  selectMapStepIndex,
  selectSiteItems,
} from '../../../src/ui/map/draw-list'
import type { MapState, StepDrawList } from '../../../src/ui/map/draw-list'
import { arcsIn } from '../../../src/ui/map/arc-table'
import { maxCountryKeysPerStep } from '../../../src/ui/map/country-symbols'
import { mercatorU } from '../../../src/ui/map/map-scales'

const parsed = parseScenario(PRESETS['citizenlab-2020'])
if (!parsed.ok) throw new Error('the citizenlab-2020 preset does not parse')
const resolved = resolveScenario(parsed.scenario)
const engine = createRun(resolved)
const steps: StepRecord[] = engine.advance(engine.stepCount)
const exposedStep = steps.findIndex((s) => s.flows.some((f) => f.concern > 0))
const run = {
  runId: 1,
  status: 'done',
  world: resolved.world,
  steps,
  stepMinutes: 60,
  summary: null,
  scale: 1,
  concernJurisdictions: ['CN'],
} as unknown as RunState

const stateAt = (stepIndex: number, over: Partial<MapState> = {}): MapState => ({
  run,
  compare: null,
  mapRun: 'primary',
  timeMinutes: stepIndex * 60,
  selection: null,
  ...over,
})

// A list's arcs as objects, in drawing order.
const arcsOfList = (list: StepDrawList) => arcsIn(list.arcs)

describe('draw list', () => {
  it('draws the step at the shown time, concern arcs last and no arc faded without a selection', () => {
    const state = stateAt(exposedStep)
    expect(selectMapStepIndex(state)).toBe(exposedStep)
    const list = selectStepDrawList(state)
    const arcs = arcsOfList(list)
    expect(arcs.length).toBeGreaterThan(0)
    expect(list.concernStart).toBeLessThan(arcs.length)
    expect(arcs.slice(list.concernStart).every((a) => a.kind === 'concern')).toBe(true)
    expect(arcs.slice(0, list.crossBorderStart).every((a) => a.kind === 'normal')).toBe(true)
    expect(arcs.some((a) => a.isFaded)).toBe(false)
    expect(list.cities).toHaveLength(resolved.world.cities.length)
  })

  it('keeps the same draw list while nothing drawn changes, and builds a new one when the step does', () => {
    const list = selectStepDrawList(stateAt(exposedStep))
    const copied = { ...run, steps: [...steps] }
    expect(selectStepDrawList(stateAt(exposedStep, { run: copied }))).toBe(list)
    expect(selectStepDrawList(stateAt(exposedStep + 1))).not.toBe(list)
  })

  it('keeps the lists of the last steps shown, not of every step, and builds an older one again', () => {
    expect(steps.length).toBeGreaterThan(KEPT_STEP_LISTS + 2)
    const first = selectStepDrawList(stateAt(0))
    const lists = Array.from({ length: KEPT_STEP_LISTS }, (_, i) =>
      selectStepDrawList(stateAt(i + 1)),
    )
    // The last steps shown are kept: asked again, the same lists.
    lists.forEach((list, i) => expect(selectStepDrawList(stateAt(i + 1))).toBe(list))
    // The first was dropped to make room: built again, equal but not the same.
    const again = selectStepDrawList(stateAt(0))
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
  })

  it('computes one focus for a selection that the arcs, cities and site markers all follow', () => {
    const arcs = arcsOfList(selectStepDrawList(stateAt(exposedStep)))
    const arc = arcs[arcs.length - 1]!
    const site = resolved.world.sites[arc.siteIndex]!
    const state = stateAt(exposedStep, { selection: { kind: 'site', id: site.id } })
    const focus = selectMapFocus(state)
    expect(focus?.siteIds.has(site.id)).toBe(true)
    const focused = selectStepDrawList(state)
    for (const a of arcsOfList(focused)) expect(a.isFaded).toBe(a.siteIndex !== arc.siteIndex)
    const sites = selectSiteItems(state)
    sites.forEach((item, i) => expect(item.isFaded).toBe(i !== arc.siteIndex))
  })

  it("keeps city dots in columns: each city's place once per world, joins, radius and fading per step", () => {
    const { cities } = resolved.world
    const list = selectStepDrawList(stateAt(exposedStep))
    const next = selectStepDrawList(stateAt(exposedStep + 1))
    expect(next.cities.u).toBe(list.cities.u)
    expect(next.cities.v).toBe(list.cities.v)
    cities.forEach((city, i) => expect(list.cities.u[i]).toBeCloseTo(mercatorU(city.lon), 12))
    const joins = new Array<number>(cities.length).fill(0)
    for (const f of steps[exposedStep]!.flows)
      joins[f.cityIndex] = (joins[f.cityIndex] ?? 0) + f.deliveries
    expect([...list.cities.joins]).toEqual(joins)
    const busiest = joins.indexOf(Math.max(...joins))
    const least = joins.indexOf(Math.min(...joins))
    expect(list.cities.radiusPx[busiest]).toBeGreaterThan(list.cities.radiusPx[least]!)
    const site = resolved.world.sites[steps[exposedStep]!.flows[0]!.siteIndex]!
    const state = stateAt(exposedStep, { selection: { kind: 'site', id: site.id } })
    const focus = selectMapFocus(state)!
    const faded = selectStepDrawList(state).cities.isFaded
    cities.forEach((city, i) =>
      expect(faded[i]).toBe(
        focus.cityIds.has(city.id) || focus.countries.has(city.country) ? 0 : 1,
      ),
    )
    expect(faded.includes(0)).toBe(true)
    expect(faded.includes(1)).toBe(true)
  })

  it("draws a selected incident's key path in its kind's place when the step has no such flow", () => {
    const { sites, cities } = resolved.world
    const step = steps[exposedStep]!
    const has = (si: number, ci: number) =>
      step.flows.some((f) => f.siteIndex === si && f.cityIndex === ci)
    const siteIndex = sites.findIndex((s) => s.country === 'CN')
    const cityIndex = cities.findIndex((_, ci) => !has(siteIndex, ci))
    const incident = {
      seq: 1,
      meetingId: 7,
      keySiteId: sites[siteIndex]!.id,
      participantCityId: cities[cityIndex]!.id,
      firstPrimarySiteId: sites[0]!.id,
      meetingCountries: ['US'],
      timeMinutes: exposedStep * 60 + 1,
      isConcern: true,
    } as unknown as Incident
    const withSummary = { ...run, summary: { incidents: [incident] } } as unknown as RunState
    const state = stateAt(exposedStep, {
      run: withSummary,
      selection: incidentSelectionOf(incident),
    })
    const list = selectStepDrawList(state)
    const plain = selectStepDrawList(stateAt(exposedStep))
    const arcs = arcsOfList(list)
    expect(arcs).toHaveLength(plain.arcs.length + 1)
    const added = arcs.filter((a) => a.siteIndex === siteIndex && a.cityIndex === cityIndex)
    expect(added).toEqual([expect.objectContaining({ kind: 'concern', isFaded: false })])
    expect(list.concernStart).toBe(plain.concernStart)
    expect(arcs.slice(list.concernStart).every((a) => a.kind === 'concern')).toBe(true)
    expect(
      arcs.slice(list.crossBorderStart, list.concernStart).every((a) => a.kind === 'crossBorder'),
    ).toBe(true)
    expect(arcs.slice(0, list.crossBorderStart).every((a) => a.kind === 'normal')).toBe(true)
    // Emphasised arcs end on top: within the concern arcs, the faded ones come first.
    const concern = arcs.slice(list.concernStart)
    expect(concern.findIndex((a) => !a.isFaded)).toBeGreaterThanOrEqual(
      concern.findLastIndex((a) => a.isFaded),
    )
  })

  it('sizes country symbols against the peak so far as steps are appended to the same list', () => {
    const growing: StepRecord[] = steps.slice(0, exposedStep)
    const streaming = (done: number) =>
      stateAt(0, { run: { ...run, steps: growing, stepsDone: done } })
    const before = selectMaxCountryKeys(streaming(growing.length))
    growing.push(...steps.slice(exposedStep))
    const after = selectMaxCountryKeys(streaming(growing.length))
    expect(after).toBe(maxCountryKeysPerStep(resolved.world, steps))
    expect(after).toBeGreaterThan(before)
  })

  it('rings the default jurisdictions of concern until the run has started', () => {
    const waiting = { ...run, world: null, concernJurisdictions: [] } as unknown as RunState
    expect(selectMapConcern(stateAt(0, { run: waiting }))).toEqual(['CN'])
    const elsewhere = { ...run, concernJurisdictions: ['RU'] } as RunState
    expect(selectMapConcern(stateAt(0, { run: elsewhere }))).toEqual(['RU'])
  })
})
