import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POLICY_IDS } from '../../src/sim/model'
import { PRESET_IDS } from '../../src/sim/presets/scenarios'
import { parseScenario } from '../../src/sim/scenario'
import { withRunChoices } from '../../src/sim/run-choices'
import { readLink } from '../../src/store/link-check'
import { createAppStore, settingsForPreset } from '../../src/store/store'
import { formatUrlState } from '../../src/store/url-state'
import type { SimulationClient } from '../../src/worker/client'
import type { RunCommand, WorkerCommand } from '../../src/worker/protocol'

/** A client that only records what the store sends. */
function recordingClient(): SimulationClient & { sent: WorkerCommand[] } {
  const sent: WorkerCommand[] = []
  return { sent, send: (c) => void sent.push(c), subscribe: () => () => {}, dispose() {} }
}

/** Every parameter a link can carry, read off a link that carries all of them. */
const LINK_KEYS = [
  ...new URLSearchParams(
    formatUrlState({
      presetId: 'citizenlab-2020',
      isCustomScenario: true,
      policy: 'geofenced',
      seed: 1,
      surgeMultiplier: 1,
      accounts: { free: 1, paid: 0, government: 0 },
      timeMinutes: 1,
      selection: { kind: 'site', id: 'beijing' },
      comparePolicy: 'geofenced',
      holdPolicy: true,
      isMapOnCompare: true,
      siteOverrides: { beijing: { isDown: true } },
    }),
  ).keys(),
]

const numberText = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('0', '0.04', '-0.04', '1e-9', '1e400', '0x10', ' 3', '', 'NaN', '4294967296'),
)
const value = fc.oneof(
  fc.string(),
  numberText,
  fc.tuple(numberText, numberText, numberText).map((p) => p.join(',')),
  fc
    .tuple(
      fc.constantFrom('toronto', 'beijing', 'new-york', 'atlantis', 'constructor'),
      fc.oneof(fc.constant('down'), fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String)),
    )
    .map(([id, v]) => `${id}:${v}`),
  fc.constantFrom(...PRESET_IDS, ...POLICY_IDS, '1', 'compare', 'incident:3', 'site:toronto'),
)
/** Link-like hashes: known and unknown parameters with odd values, and plain noise. */
const hash = fc.oneof(
  fc.string(),
  fc
    .array(fc.tuple(fc.constantFrom(...LINK_KEYS, 'zoom', '', 'x'), value), { maxLength: 8 })
    .map((pairs) => `#${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
)

/** The run commands a store sends after opening the link. */
function runsFor(text: string): RunCommand[] {
  const client = recordingClient()
  const store = createAppStore(client)
  const { state, notices } = readLink(text)
  store.getState().applyUrlState(state, notices)
  return client.sent.filter((c): c is RunCommand => c.type === 'run')
}

describe('link reader', () => {
  it('never throws and always yields runs the worker accepts', () => {
    fc.assert(
      fc.property(hash, (text) => {
        const runs = runsFor(text)
        expect(runs.length).toBeGreaterThan(0)
        for (const run of runs) {
          const scenario = run.scenario as Parameters<typeof withRunChoices>[0]
          const parsed = parseScenario(withRunChoices(scenario, run))
          expect(parsed.ok ? [] : parsed.errors).toEqual([])
        }
      }),
      { numRuns: 300 },
    )
  })

  it('reads back what it wrote from any link: encode(decode(x)) is stable', () => {
    fc.assert(
      fc.property(hash, (text) => {
        const first = readLink(text)
        const written = formatUrlState(first.state)
        const again = readLink(`#${written}`)
        expect(again.notices).toEqual([])
        expect(again.state).toEqual(first.state)
        expect(formatUrlState(again.state)).toBe(written)
      }),
      { numRuns: 300 },
    )
  })

  it('drops an account mix that rounds to nothing, with a notice, and runs the preset mix', () => {
    const { state, notices } = readLink('#preset=citizenlab-2020&mix=0.01,0.01,0.04&seed=7')
    expect(state).toEqual({ presetId: 'citizenlab-2020', seed: 7 })
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(
      /^The link's mix "0.01,0.01,0.04" was ignored: the run would refuse it/,
    )
    expect(notices[0]).toMatch(/free \+ paid \+ government must be above 0/)
    const [run] = runsFor('#preset=citizenlab-2020&mix=0.01,0.01,0.04')
    const { accounts } = settingsForPreset('citizenlab-2020')
    expect(run?.scenario).toMatchObject({ accounts })
  })

  it('drops capacities, sites, seeds and surges the schema refuses, keeping the rest', () => {
    const { state, notices } = readLink(
      '#sites=toronto:99999999999,atlantis:down,beijing:down&seed=99999999999&surge=1000&policy=geofenced',
    )
    expect(state).toEqual({ policy: 'geofenced', siteOverrides: { beijing: { isDown: true } } })
    const text = notices.join('\n')
    expect(notices).toHaveLength(4)
    expect(text).toMatch(/sites "toronto:99999999999" was ignored: .*capacityParticipants/)
    expect(text).toMatch(/sites "atlantis:down" was ignored: .*unknown site id "atlantis"/)
    expect(text).toMatch(/seed "99999999999" was ignored: .*seed/)
    expect(text).toMatch(/surge "1000" was ignored: .*demand\.surgeMultiplier/)
  })

  it('leaves a link made with an imported file its site changes, to check on import', () => {
    const { state, notices } = readLink('#custom=1&sites=my-site:down')
    expect(notices).toEqual([])
    expect(state.siteOverrides).toEqual({ 'my-site': { isDown: true } })
  })

  it('replaces the last link’s notices when a new link is opened', () => {
    const store = createAppStore(recordingClient())
    for (const text of ['#zoom=1&mix=0,0,0', '#zoom=2&lang=fr', '#seed=3']) {
      const { state, notices } = readLink(text)
      store.getState().applyUrlState(state, notices)
      expect(store.getState().notices).toEqual(notices)
    }
    expect(store.getState().notices).toEqual([])
  })
})
