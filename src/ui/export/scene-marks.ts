/**
 * The place labels of an exported picture, from the same data as the screen, placed with
 * label-placement.ts in type sized for the picture (the circles and markers are mark-draw.ts's).
 */
import type { LabelMarker } from '../map/annotation-items'
import type { CanvasView } from '../map/flow-draw'
import { clearanceUnder, placeLabels } from '../map/label-placement'
import type { Box, LabelRequest } from '../map/label-placement'
import type { MapLabelItem } from '../map/map-labels-layer'
import { mercatorU, mercatorV } from '../map/map-scales'
import type { MapPalette } from '../map/map-theme'

/** Type of the place labels, in CSS pixels at the picture's text scale. */
export function labelFont(textScale: number): { font: string; sizePx: number } {
  const sizePx = Math.round(15 * textScale)
  return { font: `700 ${sizePx}px system-ui, sans-serif`, sizePx }
}

/**
 * Places and draws the labels (most important first), clear of `obstacles` (the picture's title,
 * legend and footer) and of the site markers, inside `frame`.
 */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  items: readonly MapLabelItem[],
  markers: readonly LabelMarker[],
  obstacles: readonly Box[],
  frame: Box,
  textScale: number,
): void {
  const { font, sizePx } = labelFont(textScale)
  ctx.font = font
  const heightPx = Math.round(sizePx * 1.2)
  const centreU = (view.originX + view.widthPx / 2) / view.scale
  const project = (lat: number, lon: number): { x: number; y: number } => {
    const u = mercatorU(lon)
    const near = u + Math.round(centreU - u)
    return { x: near * view.scale - view.originX, y: mercatorV(lat) * view.scale - view.originY }
  }
  const markerBoxes: Box[] = markers.flatMap((m) => {
    const p = project(m.lat, m.lon)
    const r = m.radiusPx - 1
    return [{ left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r }]
  })
  const requests: LabelRequest[] = items.map((item, priority) => {
    const p = project(item.lat, item.lon)
    const clearancePx = clearanceUnder(p.x, p.y, item.clearancePx, markerBoxes)
    const width = Math.ceil(ctx.measureText(item.text).width) + 4
    return { id: item.id, x: p.x, y: p.y, width, height: heightPx, priority, clearancePx }
  })
  const byId = new Map(items.map((item) => [item.id, item]))
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  ctx.lineJoin = 'round'
  for (const placed of placeLabels(requests, [...obstacles, ...markerBoxes], frame)) {
    const item = byId.get(placed.id)
    if (!item) continue
    const x = placed.box.left + 2
    const y = (placed.box.top + placed.box.bottom) / 2
    ctx.strokeStyle = palette.bg
    ctx.lineWidth = Math.max(3, sizePx / 4)
    ctx.strokeText(item.text, x, y)
    ctx.fillStyle = item.className.includes('--concern') ? palette.exposed : palette.fg
    ctx.fillText(item.text, x, y)
    if (item.className.includes('--selected'))
      ctx.fillRect(x, y + sizePx / 2, ctx.measureText(item.text).width, 2)
  }
}
