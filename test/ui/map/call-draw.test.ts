import { describe, expect, it } from 'vitest'
import { callGeometry } from '../../../src/store/ledger-selectors'
import { callLineStyle, drawCall } from '../../../src/ui/map/call-draw'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import { realRun } from '../../store/run-fixture'

const palette = FALLBACK_PALETTES.dark

/** A canvas context that records the colour of every stroke and fill. */
function recordingContext() {
  const strokes: string[] = []
  const fills: string[] = []
  const ctx = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    lineCap: 'butt',
    save() {},
    restore() {},
    setLineDash() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    arc() {},
    stroke() {
      strokes.push(String(ctx.strokeStyle))
    },
    fill() {
      fills.push(String(ctx.fillStyle))
    },
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes, fills }
}

describe('the call in the exported picture', () => {
  it('strokes every line of the call with a halo, the exposure in its own colour, and each place', () => {
    const run = realRun('citizenlab-2020')
    const ledger = run.summary!.ledgers.find((l) => l.participants.some((p) => p.isConcern))!
    const call = callGeometry(ledger, run.world!)
    const { ctx, strokes, fills } = recordingContext()
    const cv = { widthPx: 800, heightPx: 400, originX: 0, originY: 0, scale: 800 }
    drawCall(ctx, cv, palette, call)
    const lineStrokes = strokes.slice(0, call.lines.length * 2)
    expect(lineStrokes.filter((s) => s === palette.bg)).toHaveLength(call.lines.length)
    expect(lineStrokes).toContain(palette.exposed)
    expect(fills).toHaveLength(call.places.length)
    expect(fills).toContain(palette.exposed)
  })

  it('dashes media links and draws exposures thickest', () => {
    expect(callLineStyle({ kind: 'link', exposure: 'normal' }, palette).dashArray).toBeDefined()
    const concern = callLineStyle({ kind: 'key', exposure: 'concern' }, palette)
    const normal = callLineStyle({ kind: 'key', exposure: 'normal' }, palette)
    expect(concern.color).toBe(palette.exposed)
    expect(concern.weight).toBeGreaterThan(normal.weight)
  })
})
