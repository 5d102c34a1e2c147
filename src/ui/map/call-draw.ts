/**
 * The open meeting's call on a canvas, for the exported picture: the same geometry and strokes
 * as the map's call layer (call-layer.tsx), projected as the picture projects everything else.
 */
import type { CallGeometry, CallLine } from '../../store/ledger-selectors'
import type { CanvasView } from './flow-draw'
import { mercatorU, mercatorV } from './map-scales'
import type { MapPalette } from './map-theme'

/** Stroke of a call line: media links dashed in the accent colour, key paths by exposure. */
export function callLineStyle(
  line: Pick<CallLine, 'kind' | 'exposure'>,
  palette: MapPalette,
): { color: string; weight: number; dashArray?: string; opacity: number } {
  if (line.kind === 'link')
    return { color: palette.accent, weight: 2, dashArray: '6 5', opacity: 0.9 }
  if (line.exposure === 'concern') return { color: palette.exposed, weight: 5, opacity: 1 }
  if (line.exposure === 'crossBorder') return { color: palette.crossBorder, weight: 4, opacity: 1 }
  return { color: palette.normalPath, weight: 3, opacity: 0.95 }
}

/** Draws `call` into `ctx` (CSS pixels): halos, lines, then its places. */
export function drawCall(
  ctx: CanvasRenderingContext2D,
  cv: CanvasView,
  palette: MapPalette,
  call: CallGeometry,
): void {
  // The world copy nearest the view's centre, as the picture's sites are placed.
  const x = (lon: number): number => {
    const u = mercatorU(lon)
    return (u + Math.round((cv.originX + cv.widthPx / 2) / cv.scale - u)) * cv.scale - cv.originX
  }
  const y = (lat: number): number => mercatorV(lat) * cv.scale - cv.originY
  ctx.save()
  ctx.lineCap = 'round'
  for (const line of call.lines) {
    const style = callLineStyle(line, palette)
    for (const [colour, weight, dash, alpha] of [
      [palette.bg, style.weight + 4, [] as number[], 0.85],
      [
        style.color,
        style.weight,
        style.dashArray ? style.dashArray.split(' ').map(Number) : [],
        style.opacity,
      ],
    ] as const) {
      ctx.strokeStyle = colour
      ctx.lineWidth = weight
      ctx.globalAlpha = alpha
      ctx.setLineDash(dash)
      // Only the copy of the path that starts in the main world: the view shows one copy.
      const path = line.paths[0] ?? []
      ctx.beginPath()
      const first = path[0]
      if (!first) continue
      const shift = x(first[1]) - (mercatorU(first[1]) * cv.scale - cv.originX)
      path.forEach(([lat, lon], i) => {
        const px = mercatorU(lon) * cv.scale - cv.originX + shift
        if (i === 0) ctx.moveTo(px, y(lat))
        else ctx.lineTo(px, y(lat))
      })
      ctx.stroke()
    }
  }
  ctx.setLineDash([])
  ctx.globalAlpha = 1
  for (const place of call.places) {
    ctx.beginPath()
    ctx.arc(x(place.lon), y(place.lat), place.kind === 'city' ? 6 : 4, 0, Math.PI * 2)
    ctx.fillStyle = place.isExposed ? palette.exposed : palette.accent
    ctx.fill()
    ctx.lineWidth = 2
    ctx.strokeStyle = palette.fg
    ctx.stroke()
  }
  ctx.restore()
}
