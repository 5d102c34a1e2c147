import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { visibleText, withVisibleText } from '../../src/sim/display-text'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { parseScenario } from '../../src/sim/scenario'

const HIDDEN_SAMPLES = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200c, 0x200d,
  0x200e, 0x200f, 0x0000, 0x0009, 0x000a, 0x000d, 0x001f, 0x007f, 0x0085, 0x009f, 0xfeff, 0xe0041,
]

describe('display text', () => {
  it('writes out bidirectional overrides and other invisible characters as ⟦U+XXXX⟧', () => {
    expect(visibleText('Toronto\u202Egnp.exe')).toBe('Toronto⟦U+202E⟧gnp.exe')
    for (const code of HIDDEN_SAMPLES) {
      const shown = visibleText(`a${String.fromCodePoint(code)}b`)
      expect(shown).toBe(`a⟦U+${code.toString(16).toUpperCase().padStart(4, '0')}⟧b`)
    }
  })

  it('leaves ordinary text in any script alone', () => {
    for (const name of ['São Paulo', 'Zürich', '北京', 'Tel Aviv-Yafo', 'القاهرة', '🇨🇦 Toronto'])
      expect(visibleText(name)).toBe(name)
  })

  it('leaves no hidden character behind, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = visibleText(text)
        for (const code of HIDDEN_SAMPLES) expect(shown).not.toContain(String.fromCodePoint(code))
        expect(visibleText(shown)).toBe(shown)
      }),
    )
  })

  it('applies to every name of an imported scenario as it is parsed', () => {
    const preset = PRESETS['citizenlab-2020']
    const file = {
      ...preset,
      name: 'Briefing\u202Eterces',
      world: {
        id: 'tiny',
        regions: [{ id: 'US', name: 'North\u200Bamerica', secondaryRegions: [] }],
        sites: [
          {
            id: 'a',
            city: 'Ash\u2066burn',
            country: 'US',
            jurisdiction: 'US',
            region: 'US',
            lat: 39,
            lon: -77,
            capacityParticipants: 1000,
            distributesKeys: true,
          },
        ],
        cities: [
          {
            id: 'b',
            name: 'Bos\u0000ton',
            country: 'US',
            region: 'US',
            lat: 42,
            lon: -71,
            weight: 1,
            utcOffsetHours: -5,
          },
        ],
      },
      siteOverrides: [],
      population: {},
      timeline: [{ kind: 'outage', at: preset.startDate, siteId: 'a', label: 'x\uFEFFy' }],
    }
    const parsed = parseScenario(file)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const { scenario } = parsed
    expect(scenario.name).toBe('Briefing⟦U+202E⟧terces')
    if (scenario.world === 'zoom-2020') throw new Error('expected the file’s own world')
    expect(scenario.world.regions[0]?.name).toBe('North⟦U+200B⟧america')
    expect(scenario.world.sites[0]?.city).toBe('Ash⟦U+2066⟧burn')
    expect(scenario.world.cities[0]?.name).toBe('Bos⟦U+0000⟧ton')
    expect(scenario.timeline[0]?.label).toBe('x⟦U+FEFF⟧y')
    // Parsing what was parsed changes nothing (the worker parses the store's copy again).
    expect(withVisibleText(scenario)).toEqual(scenario)
  })
})
