import { describe, expect, it } from 'vitest'
import { createRun } from '../../../src/sim/engine'
import type { PolicyId, StepRecord } from '../../../src/sim/model'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../../src/sim/scenario'
import { settingsForPreset } from '../../../src/store/store'
import type { RunState } from '../../../src/store/store'
import { canvasViewOf, drawMapScene } from '../../../src/ui/export/map-scene'
import type { SceneState } from '../../../src/ui/export/map-scene'
import { SIMULATION_WATERMARK } from '../../../src/ui/export/scene-text'
import { readObservations } from '../../../src/sim/observations'
import { mercatorU, mercatorV } from '../../../src/ui/map/map-scales'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'

const palette = FALLBACK_PALETTES.dark

function runOf(policy: PolicyId): RunState {
  const parsed = parseScenario({ ...PRESETS['citizenlab-2020'], policy })
  if (!parsed.ok) throw new Error('the citizenlab-2020 preset does not parse')
  const resolved = resolveScenario(parsed.scenario)
  const engine = createRun(resolved)
  const steps: StepRecord[] = engine.advance(engine.stepCount)
  return {
    runId: 1,
    status: 'done',
    policy,
    world: resolved.world,
    steps,
    stepsDone: steps.length,
    stepCount: steps.length,
    stepMinutes: 60,
    startDate: parsed.scenario.startDate,
    hash: `hash-${policy}`,
    summary: null,
    scale: parsed.scenario.demand.scale,
    concernJurisdictions: ['CN'],
    timeline: [],
    paidOptInRegions: [],
    errors: [],
  }
}

const misconfigured = runOf('misconfigured-2020')
const geofenced = runOf('geofenced')
const concernStep = misconfigured.steps.findIndex((s) => s.flows.some((f) => f.concern > 0))

const stateOf = (run: RunState): SceneState => ({
  run,
  compare: null,
  mapRun: 'primary',
  timeMinutes: concernStep * 60,
  selection: null,
  layers: { sites: false, cities: true, flows: true, countries: false },
  timeZone: 'America/Toronto',
  settings: { ...settingsForPreset('citizenlab-2020'), policy: run.policy },
  customScenario: null,
})

interface Call {
  readonly name: string
  readonly args: readonly unknown[]
  readonly strokeStyle: unknown
  readonly fillStyle: unknown
}

// A 2D context that records every call with the styles in force: jsdom has no canvas.
function recordingContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = []
  const props: Record<string | symbol, unknown> = { canvas: { width: 1280, height: 720 } }
  const ctx = new Proxy(props, {
    get(target, key) {
      if (key in target) return target[key]
      if (key === 'measureText') return (s: string) => ({ width: s.length * 8 })
      if (key === 'createLinearGradient') return () => ({ addColorStop: () => undefined })
      return (...args: unknown[]) =>
        calls.push({
          name: String(key),
          args,
          strokeStyle: target['strokeStyle'],
          fillStyle: target['fillStyle'],
        })
    },
    set(target, key, value) {
      target[key] = value
      return true
    },
  }) as unknown as CanvasRenderingContext2D
  return { ctx, calls }
}

const view = {
  bounds: [
    [10, -135],
    [62, 125],
  ],
} as const
const frame = { width: 1280, height: 720, pixelRatio: 1 }

describe('map scene', () => {
  it('strokes arcs in the concern colour under the misconfigured list and not under geofenced, at the same hour', () => {
    // The legend's own concern swatch is drawn in that colour too: left out here.
    const bad = recordingContext()
    drawMapScene(bad.ctx, stateOf(misconfigured), view, frame, palette, { legend: false })
    const good = recordingContext()
    drawMapScene(good.ctx, stateOf(geofenced), view, frame, palette, { legend: false })
    const concernStrokes = (calls: Call[]) =>
      calls.filter((c) => c.name === 'stroke' && c.strokeStyle === palette.exposed).length
    expect(concernStrokes(bad.calls)).toBeGreaterThan(0)
    expect(concernStrokes(good.calls)).toBe(0)
  })

  it('writes the title, both clocks, the simulation mark, the run hash and a sourced line', () => {
    const { ctx, calls } = recordingContext()
    drawMapScene(ctx, stateOf(misconfigured), view, frame, palette)
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]))
    const all = texts.join('\n')
    expect(all).toContain(PRESETS['citizenlab-2020'].name)
    expect(all).toContain(SIMULATION_WATERMARK)
    expect(all).toContain('Run hash hash-misconfigured-2020')
    expect(all).toMatch(/UTC/)
    expect(all).toMatch(/GMT-4|EDT/)
    expect(all).toMatch(/Sourced:/)
    expect(all).toMatch(/Assumption:/)
  })

  it('draws the legend of the layers shown, with the entries the on-screen legend lists', () => {
    const { ctx, calls } = recordingContext()
    drawMapScene(ctx, stateOf(misconfigured), view, frame, palette, {
      chapter: { title: 'The backup list held China', caption: 'Keys from Beijing.' },
      notes: ['Online tiles left out'],
    })
    const all = calls
      .filter((c) => c.name === 'fillText')
      .map((c) => String(c.args[0]))
      .join(' ')
    expect(all).toContain('Key paths')
    expect(all).toContain('Participant cities')
    expect(all).not.toContain('Data centers')
    expect(all).toMatch(/Strong band, moving dashes/)
    expect(all).toContain('The backup list held China')
    expect(all).toContain('Online tiles left out')
  })

  it('draws the observations the shown time has reached, labelled observed, unless hidden', () => {
    const at = new Date(Date.UTC(2020, 2, 27) + concernStep * 3_600_000).toISOString()
    const csv = `time,participant,server,seen\n${at.slice(0, 16)}Z,CA,52.81.151.250,key-delivered`
    const { rows } = readObservations(csv)
    const observedLabels = (extra: Partial<SceneState>): number => {
      const { ctx, calls } = recordingContext()
      const state = { ...stateOf(misconfigured), observationRows: rows, ...extra }
      drawMapScene(ctx, state, view, frame, palette, { legend: false })
      return calls.filter((c) => c.name === 'fillText' && c.args[0] === 'observed').length
    }
    expect(observedLabels({})).toBeGreaterThan(0)
    expect(observedLabels({ timeMinutes: concernStep * 60 - 60 })).toBe(0)
    expect(observedLabels({ isObservedShown: false })).toBe(0)
  })

  it('centres a centre-and-zoom view as Leaflet does, and fits bounds inside the padding', () => {
    const centred = canvasViewOf({ center: [45, -75], zoom: 3 }, 800, 600)
    expect(centred.scale).toBe(256 * 8)
    expect(mercatorU(-75) * centred.scale - centred.originX).toBeCloseTo(400)
    expect(mercatorV(45) * centred.scale - centred.originY).toBeCloseTo(300)
    const fitted = canvasViewOf(view, 1920, 1080, { top: 100, bottom: 150 })
    const x = (lon: number) => mercatorU(lon) * fitted.scale - fitted.originX
    const y = (lat: number) => mercatorV(lat) * fitted.scale - fitted.originY
    expect(x(-135)).toBeGreaterThanOrEqual(0)
    expect(x(125)).toBeLessThanOrEqual(1920)
    expect(y(62)).toBeGreaterThanOrEqual(100)
    expect(y(10)).toBeLessThanOrEqual(1080 - 150)
    expect(Math.log2(fitted.scale / 256) % 0.25).toBe(0)
  })
})
