/**
 * The legend of an exported picture, drawn on its canvas from the same entries the on-screen
 * legend renders (legend-entries.ts): one group per layer shown, each entry with its swatch.
 */
import type { MapLayer } from '../../sim/briefing'
import type { Layers } from '../../store/store'
import type { Box } from '../map/label-placement'
import { ARC_SWATCH } from '../map/legend-entries'
import type { LegendGroup, SwatchColour, SwatchShape } from '../map/legend-entries'
import { utilisationColour } from '../map/map-scales'
import type { MapPalette } from '../map/map-theme'
import { wrapText } from './scene-text'

const SWATCH_W = 34
const SWATCH_H = 18
const FONT = 'system-ui, sans-serif'

interface Row {
  readonly kind: 'group' | 'item' | 'scale'
  readonly lines: readonly string[]
  readonly swatch?: readonly SwatchShape[]
  readonly ticks?: readonly string[]
  readonly height: number
}

/** The legend laid out: its box, and its rows (in one column). */
export interface LegendLayout {
  readonly box: Box
  readonly columns: readonly (readonly Row[])[]
  readonly columnWidth: number
  readonly k: number
}

const sizes = (k: number) => ({
  pad: Math.round(10 * k),
  group: Math.round(15 * k),
  item: Math.round(13 * k),
  swatchScale: 1.1 * k,
  textWidth: Math.round(230 * k),
})

function groupRows(
  group: LegendGroup,
  k: number,
  measure: (text: string, font: string) => number,
): Row[] {
  const s = sizes(k)
  const itemFont = `400 ${s.item}px ${FONT}`
  const line = Math.round(s.item * 1.25)
  const rows: Row[] = [{ kind: 'group', lines: [group.label], height: Math.round(s.group * 1.5) }]
  if (group.scale) {
    const { caption, ticks } = group.scale
    rows.push({ kind: 'scale', lines: [caption], ticks, height: line * 3.1 })
  }
  for (const item of group.items) {
    const lines = wrapText(item.text, s.textWidth, (t) => measure(t, itemFont))
    const height = Math.max(SWATCH_H * s.swatchScale, lines.length * line) + 4 * k
    rows.push({ kind: 'item', lines, swatch: item.swatch, height })
  }
  return rows
}

const heightOf = (rows: readonly Row[]): number => rows.reduce((a, r) => a + r.height, 0)

// The legend's type shrinks to this scale before it leaves groups out.
const MIN_SCALE = 0.75
const SCALE_STEP = 0.05
// Which groups a small picture keeps first: the key paths carry the story.
const GROUP_PRIORITY: readonly MapLayer[] = ['flows', 'sites', 'countries', 'cities']

/**
 * Lays out the groups of the layers that are on, bottom-left at (`left`, `bottom`), no taller
 * than `maxHeight`: smaller type first (down to {@link MIN_SCALE}); then, on a picture too
 * small for the whole legend, the groups that matter least are left out (the key paths stay).
 */
export function layoutLegend(
  groups: readonly LegendGroup[],
  layers: Layers,
  left: number,
  bottom: number,
  maxHeight: number,
  k: number,
  measure: (text: string, font: string) => number,
): LegendLayout {
  for (let scale = k; scale - SCALE_STEP >= MIN_SCALE; scale -= SCALE_STEP) {
    const layout = layoutAt(groups, layers, left, bottom, scale, measure)
    if (layout.box.bottom - layout.box.top <= maxHeight) return layout
  }
  const scale = Math.min(k, MIN_SCALE)
  let kept = groups.filter((g) => layers[g.layer])
  for (;;) {
    const layout = layoutAt(kept, layers, left, bottom, scale, measure)
    if (layout.box.bottom - layout.box.top <= maxHeight || kept.length <= 1) return layout
    const drop = [...GROUP_PRIORITY].reverse().find((l) => kept.some((g) => g.layer === l))
    kept = kept.filter((g) => g.layer !== drop)
  }
}

function layoutAt(
  groups: readonly LegendGroup[],
  layers: Layers,
  left: number,
  bottom: number,
  k: number,
  measure: (text: string, font: string) => number,
): LegendLayout {
  const s = sizes(k)
  const rows = groups.filter((g) => layers[g.layer]).flatMap((g) => groupRows(g, k, measure))
  const columnWidth = s.pad + SWATCH_W * s.swatchScale + 8 * k + s.textWidth
  const height = rows.length ? heightOf(rows) + 2 * s.pad : 0
  return {
    box: { left, top: bottom - height, right: left + columnWidth + s.pad, bottom },
    columns: rows.length ? [rows] : [],
    columnWidth,
    k,
  }
}

function colourOf(c: SwatchColour | undefined, palette: MapPalette): string | null {
  if (c === undefined) return null
  return typeof c === 'string' ? palette[c] : c.fixed
}

function drawShape(ctx: CanvasRenderingContext2D, shape: SwatchShape, palette: MapPalette): void {
  ctx.beginPath()
  switch (shape.kind) {
    case 'circle':
      ctx.arc(shape.cx, shape.cy, shape.r, 0, 2 * Math.PI)
      break
    case 'arc':
      ctx.moveTo(...ARC_SWATCH.from)
      ctx.quadraticCurveTo(...ARC_SWATCH.control, ...ARC_SWATCH.to)
      break
    case 'line':
      ctx.moveTo(shape.x1, shape.y1)
      ctx.lineTo(shape.x2, shape.y2)
      break
    case 'rect':
      ctx.rect(shape.x, shape.y, shape.width, shape.height)
      break
  }
  const base = shape.opacity ?? 1
  const fill = colourOf(shape.fill, palette)
  const stroke = colourOf(shape.stroke, palette)
  ctx.setLineDash((shape.dash ?? []) as number[])
  ctx.lineCap = shape.lineCap ?? 'butt'
  ctx.lineWidth = shape.strokeWidth ?? 1
  if (fill) {
    ctx.globalAlpha = base * (shape.fillOpacity ?? 1)
    ctx.fillStyle = fill
    ctx.fill()
  }
  if (stroke) {
    ctx.globalAlpha = base * (shape.strokeOpacity ?? 1)
    ctx.strokeStyle = stroke
    ctx.stroke()
  }
  ctx.globalAlpha = 1
  ctx.setLineDash([])
  ctx.lineCap = 'butt'
}

/** Draws a laid-out legend: a panel, group names, the utilisation gradient, swatches and words. */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  layout: LegendLayout,
  palette: MapPalette,
): void {
  if (layout.columns.length === 0) return
  const { box, k } = layout
  const s = sizes(k)
  ctx.globalAlpha = 0.88
  ctx.fillStyle = palette.bg
  ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top)
  ctx.globalAlpha = 1
  ctx.textBaseline = 'top'
  ctx.textAlign = 'left'
  layout.columns.forEach((rows, c) => {
    const left = box.left + c * layout.columnWidth
    drawRows(ctx, rows, left, box.top + s.pad, layout.columnWidth - s.pad, k, palette)
  })
}

function drawRows(
  ctx: CanvasRenderingContext2D,
  rows: readonly Row[],
  left: number,
  top: number,
  width: number,
  k: number,
  palette: MapPalette,
): void {
  const s = sizes(k)
  const line = Math.round(s.item * 1.25)
  const textLeft = left + s.pad + SWATCH_W * s.swatchScale + 8 * k
  let y = top
  for (const row of rows) {
    ctx.fillStyle = palette.fg
    if (row.kind === 'group') {
      ctx.font = `700 ${s.group}px ${FONT}`
      ctx.fillText(row.lines[0] ?? '', left + s.pad, y + s.group * 0.3)
    } else if (row.kind === 'scale') {
      ctx.font = `400 ${s.item}px ${FONT}`
      ctx.fillText(row.lines[0] ?? '', left + s.pad, y)
      const barTop = y + line
      const barWidth = width - s.pad
      const gradient = ctx.createLinearGradient(left + s.pad, 0, left + s.pad + barWidth, 0)
      for (let i = 0; i <= 10; i++) gradient.addColorStop(i / 10, utilisationColour(i / 10))
      ctx.fillStyle = gradient
      ctx.fillRect(left + s.pad, barTop, barWidth, line * 0.9)
      ctx.fillStyle = palette.fg
      const ticks = row.ticks ?? []
      ticks.forEach((tick, i) => {
        const at = ticks.length > 1 ? i / (ticks.length - 1) : 0
        ctx.textAlign = at === 0 ? 'left' : at === 1 ? 'right' : 'center'
        ctx.fillText(tick, left + s.pad + at * barWidth, barTop + line)
      })
      ctx.textAlign = 'left'
    } else {
      ctx.save()
      const swatchTop = y + (row.height - SWATCH_H * s.swatchScale) / 2
      ctx.translate(left + s.pad, swatchTop)
      ctx.scale(s.swatchScale, s.swatchScale)
      for (const shape of row.swatch ?? []) drawShape(ctx, shape, palette)
      ctx.restore()
      ctx.font = `400 ${s.item}px ${FONT}`
      ctx.fillStyle = palette.fg
      const textTop = y + (row.height - row.lines.length * line) / 2
      row.lines.forEach((l, i) => ctx.fillText(l, textLeft, textTop + i * line))
    }
    y += row.height
  }
}
