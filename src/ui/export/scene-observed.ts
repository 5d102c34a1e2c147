/**
 * Observed data in an exported picture, drawn as the map's observed layer draws it
 * (observed-layer.tsx): for each observation the shown time has reached, a solid line with a
 * casing from the server's site to the participant's place and a boxed label "observed".
 */
import type { AppState } from '../../store/store'
import { selectObservations, selectReachedObservations } from '../../store/observation-selectors'
import type { MapState } from '../map/draw-list'
import { copyOffsets } from '../map/flow-draw'
import type { CanvasView } from '../map/flow-draw'
import { mercatorU, mercatorV } from '../map/map-scales'
import type { MapPalette } from '../map/map-theme'
import { observedLine } from '../map/observed-line'

/** The observation fields of the store a picture may carry (absent: nothing observed). */
export type SceneObservations = Partial<
  Pick<AppState, 'observationRows' | 'observationReadErrors' | 'isObservedShown'>
>

/** Draws the reached observations of `state`; `textScale` sizes the labels as the picture's. */
export function drawObservedMarks(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  state: MapState & SceneObservations,
  textScale: number,
): void {
  if (!state.observationRows?.length || state.isObservedShown === false) return
  const s = {
    ...state,
    observationRows: state.observationRows,
    observationReadErrors: state.observationReadErrors ?? [],
  }
  const { world, items } = selectObservations(s)
  if (!world) return
  const fontPx = Math.round(11 * textScale)
  ctx.save()
  ctx.font = `700 ${fontPx}px system-ui, sans-serif`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.setLineDash([])
  for (const { observation, isInRun } of items.slice(0, selectReachedObservations(s))) {
    const line = isInRun ? observedLine(observation, world) : null
    if (!line) continue
    const [[lat0, lon0], [lat1, lon1]] = line
    const [u0, u1] = [mercatorU(lon0), mercatorU(lon1)]
    const [y0, y1] = [
      mercatorV(lat0) * view.scale - view.originY,
      mercatorV(lat1) * view.scale - view.originY,
    ]
    for (const ox of copyOffsets(view, Math.min(u0, u1), Math.max(u0, u1))) {
      const [x0, x1] = [u0 * view.scale - ox, u1 * view.scale - ox]
      for (const [colour, width] of [
        [palette.bg, 6],
        [palette.fg, 2.5],
      ] as const) {
        ctx.beginPath()
        ctx.moveTo(x0, y0)
        ctx.lineTo(x1, y1)
        ctx.strokeStyle = colour
        ctx.lineWidth = width
        ctx.stroke()
      }
      const w = ctx.measureText('observed').width + fontPx
      const h = fontPx * 1.6
      ctx.fillStyle = palette.bg
      ctx.fillRect(x1 - w / 2, y1 - h / 2, w, h)
      ctx.strokeStyle = palette.fg
      ctx.lineWidth = 2
      ctx.strokeRect(x1 - w / 2, y1 - h / 2, w, h)
      ctx.fillStyle = palette.fg
      ctx.fillText('observed', x1, y1)
    }
  }
  ctx.restore()
}
