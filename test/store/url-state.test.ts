import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POLICY_IDS } from '../../src/sim/model'
import { PRESET_IDS } from '../../src/sim/presets/scenarios'
import { settingsForPreset } from '../../src/store/settings'
import {
  formatUrlState,
  hasViewLinkChanged,
  linkOf,
  parseUrlState,
} from '../../src/store/url-state'
import type { LinkedState, UrlState } from '../../src/store/url-state'

const stateArb: fc.Arbitrary<UrlState> = fc.record(
  {
    presetId: fc.constantFrom(...PRESET_IDS),
    isCustomScenario: fc.constant(true),
    policy: fc.constantFrom(...POLICY_IDS),
    seed: fc.integer({ min: 0, max: 4294967295 }),
    surgeMultiplier: fc.constantFrom(0.25, 0.5, 1, 1.5, 3),
    timeMinutes: fc.integer({ min: 0, max: 20_000 }),
    comparePolicy: fc.constantFrom(...POLICY_IDS),
    selection: fc.oneof(
      fc.record({ kind: fc.constant('site' as const), id: fc.constantFrom('beijing', 'toronto') }),
      fc.record({ kind: fc.constant('country' as const), id: fc.constantFrom('CA', 'US') }),
      fc.record({
        kind: fc.constant('flow' as const),
        siteId: fc.constant('beijing'),
        cityId: fc.constant('toronto'),
      }),
      fc.record({
        kind: fc.constant('incident' as const),
        ref: fc.record({ logSeq: fc.nat(100_000) }),
      }),
      fc.record({
        kind: fc.constant('incident' as const),
        ref: fc.record({
          meetingId: fc.nat(999_999_999),
          participantCityId: fc.constantFrom('boston', 'new-york', 'st-john-s'),
          timeMinutes: fc
            .double({ min: 0, max: 172_799, noNaN: true })
            .filter((t) => !Object.is(t, -0)),
        }),
      }),
    ),
    siteOverrides: fc.dictionary(
      fc.constantFrom('toronto', 'beijing', 'new-york'),
      fc.oneof(
        fc.record({ isDown: fc.constant(true) }),
        fc.record({ capacityParticipants: fc.integer({ min: 0, max: 9_000_000 }) }),
        fc.record({
          isDown: fc.constant(true),
          capacityParticipants: fc.integer({ min: 0, max: 9_000_000 }),
        }),
      ),
      { minKeys: 1 },
    ),
  },
  { requiredKeys: [] },
)

describe('url-state', () => {
  it('reads back every state it writes, with no notices', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const parsed = parseUrlState(`#${formatUrlState(state)}`)
        expect(parsed.notices).toEqual([])
        expect(parsed.state).toEqual(state)
      }),
    )
  })

  it('ignores odd values with a notice naming the parameter and why, keeping the rest', () => {
    const { state, notices } = parseUrlState(
      '#preset=nope&seed=abc&t=-5&policy=geofenced&sites=atlantis&zoom=9',
    )
    expect(state).toEqual({ policy: 'geofenced' })
    expect(notices).toHaveLength(5)
    expect(notices[0]).toMatch(/preset "nope" was ignored: known scenarios are citizenlab-2020/)
    expect(notices[1]).toMatch(/seed "abc" was ignored: a seed is a whole number/)
    expect(notices.join(' ')).toMatch(/sites "atlantis" was ignored/)
    expect(notices.join(' ')).toMatch(/parameter "zoom" was ignored: keyroute does not know it/)
  })

  it('marks a link made with an imported scenario file with custom=1', () => {
    const hash = formatUrlState({ isCustomScenario: true, policy: 'geofenced', seed: 5 })
    expect(hash).toBe('custom=1&policy=geofenced&seed=5')
    expect(parseUrlState(`#${hash}`)).toEqual({
      state: { isCustomScenario: true, policy: 'geofenced', seed: 5 },
      notices: [],
    })
    expect(parseUrlState('#custom=yes').notices[0]).toMatch(/custom "yes" was ignored/)
  })

  it('lists every unknown parameter in one notice', () => {
    const { state, notices } = parseUrlState('#zoom=9&seed=3&utm_source=mail&lang=fr&zoom=2')
    expect(state).toEqual({ seed: 3 })
    expect(notices).toEqual([
      'The link\'s parameters "zoom", "utm_source", "lang" were ignored: keyroute does not know them.',
    ])
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => parseUrlState(text)).not.toThrow()
      }),
    )
  })
})

describe('link from the store', () => {
  const view: LinkedState = {
    settings: settingsForPreset('citizenlab-2020'),
    pendingCustomLink: null,
    selection: null,
    comparePolicy: null,
    mapRun: 'primary',
    siteOverrides: {},
    timeMinutes: 600,
  }

  it('writes the view and the time, and reads back the same view', () => {
    const link = linkOf({ ...view, selection: { kind: 'site', id: 'toronto' } })
    expect(link).toBe(
      'preset=citizenlab-2020&policy=misconfigured-2020&seed=2020&surge=1&mix=60%2C38%2C2&t=600&sel=site%3Atoronto',
    )
    expect(parseUrlState(`#${link}`).state.selection).toEqual({ kind: 'site', id: 'toronto' })
  })

  it('keeps saying what a link of an imported file carried until the file is imported again', () => {
    const pending = { isCustomScenario: true, selection: { kind: 'city', id: 'oslo' } } as const
    const link = linkOf({
      ...view,
      pendingCustomLink: pending,
      selection: { kind: 'site', id: 'toronto' },
      siteOverrides: { toronto: { isDown: true } },
    })
    expect(link).toContain('custom=1')
    expect(link).not.toContain('preset=')
    expect(link).toContain('sel=city%3Aoslo')
    expect(link).not.toContain('sites=')
  })

  it('tells a new view from a time that moved', () => {
    expect(hasViewLinkChanged({ ...view, timeMinutes: 660 }, view)).toBe(false)
    expect(hasViewLinkChanged({ ...view }, view)).toBe(false)
    expect(hasViewLinkChanged({ ...view, selection: { kind: 'country', id: 'CA' } }, view)).toBe(
      true,
    )
    expect(hasViewLinkChanged({ ...view, comparePolicy: 'geofenced' }, view)).toBe(true)
    // Which run the map shows is only in the link while comparing.
    expect(hasViewLinkChanged({ ...view, mapRun: 'compare' }, view)).toBe(false)
    expect(
      hasViewLinkChanged(
        { ...view, comparePolicy: 'geofenced', mapRun: 'compare' },
        { ...view, comparePolicy: 'geofenced' },
      ),
    ).toBe(true)
  })
})
