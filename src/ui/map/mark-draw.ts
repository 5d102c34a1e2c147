/**
 * The marks drawn over the arcs, as a canvas draws them for the map's mark layer (mark-layer.ts)
 * and the exported pictures alike. The per-country circles of exposed keys. The
 * data-center markers: size for capacity, fill for utilisation, a ring for a jurisdiction of
 * concern, hollow and dashed when down, the selected one outlined in the accent colour. Also which
 * marker lies under a point, and what its tooltip says (capacity is an assumption of the model in
 * every built-in world, and utilisation is simulated from it: the tooltip says so beside each
 * figure, so no bare number sits on the map).
 */
import type { Site, World } from '../../sim/model'
import type { CountrySymbol } from './annotation-items'
import { countryName } from './country-name'
import type { SiteItem } from './draw-list'
import { copyOffsets } from './flow-draw'
import type { CanvasView } from './flow-draw'
import { FADED_OPACITY, mercatorU, mercatorV, utilisationColour } from './map-scales'
import type { MapPalette } from './map-theme'
import { formatCount } from '../panels/format'

/** Gap between a concern site's marker and its ring. */
export const CONCERN_RING_PX = 4
// A pointer this far outside a marker's circle is still on it (its outline is 1.5 px wide).
const HIT_SLACK_PX = 2

/** Calls `draw` with the canvas point of (lat, lon) on every world copy in view. */
export function atEachCopy(
  view: CanvasView,
  lat: number,
  lon: number,
  draw: (x: number, y: number) => void,
): void {
  const u = mercatorU(lon)
  const y = mercatorV(lat) * view.scale - view.originY
  for (const ox of copyOffsets(view, u, u)) draw(u * view.scale - ox, y)
}

/** Begins a path of one circle. */
export function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath()
  ctx.arc(x, y, Math.max(0, r), 0, 2 * Math.PI)
}

/** The per-country circles of exposed keys reaching participants in the shown step. */
export function drawCountrySymbols(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  symbols: readonly CountrySymbol[],
): void {
  ctx.lineWidth = 1.5
  ctx.setLineDash([])
  for (const s of symbols)
    atEachCopy(view, s.lat, s.lon, (x, y) => {
      circle(ctx, x, y, s.radiusPx)
      ctx.globalAlpha = 0.75
      ctx.fillStyle = palette.exposed
      ctx.fill()
      ctx.globalAlpha = 0.9
      ctx.strokeStyle = palette.fg
      ctx.stroke()
    })
  ctx.globalAlpha = 1
}

/** Data-center markers, each site's on every world copy in view, in the world's order. */
export function drawSites(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  world: World,
  items: readonly SiteItem[],
  selectedSiteId: string | null,
): void {
  world.sites.forEach((site, i) => {
    const item = items[i]
    if (!item) return
    const opacity = item.isFaded ? FADED_OPACITY : 1
    const isSelected = site.id === selectedSiteId
    atEachCopy(view, site.lat, site.lon, (x, y) => {
      if (item.isConcern) {
        circle(ctx, x, y, item.radiusPx + CONCERN_RING_PX)
        ctx.setLineDash([])
        ctx.globalAlpha = opacity
        ctx.strokeStyle = palette.exposed
        ctx.lineWidth = 2.5
        ctx.stroke()
      }
      circle(ctx, x, y, item.radiusPx)
      if (!item.isDown) {
        ctx.globalAlpha = 0.95 * opacity
        ctx.fillStyle = utilisationColour(item.utilisation)
        ctx.fill()
      }
      ctx.globalAlpha = opacity
      ctx.setLineDash(item.isDown ? [3, 3] : [])
      ctx.strokeStyle = isSelected ? palette.accent : palette.fg
      ctx.lineWidth = isSelected ? 3 : 1.5
      ctx.stroke()
    })
  })
  ctx.setLineDash([])
  ctx.globalAlpha = 1
}

/** A site under a point: its index, and the longitude of the world copy it was found on. */
export interface SiteHit {
  readonly siteIndex: number
  readonly lon: number
}

/**
 * The marker under world pixel (`x`, `y`) at `scale` pixels per Mercator unit, on any world copy:
 * the one drawn last (on top) where markers overlap, as the eye sees it. The concern ring is
 * drawn, not hit, as before; a site with no item is not drawn and not hit.
 */
export function siteAt(
  world: World,
  items: readonly SiteItem[],
  x: number,
  y: number,
  scale: number,
): SiteHit | null {
  const u = x / scale
  for (let i = world.sites.length - 1; i >= 0; i--) {
    const site = world.sites[i] as Site
    const item = items[i]
    if (!item) continue
    const siteU = mercatorU(site.lon)
    const copy = Math.round(u - siteU)
    const dx = (siteU + copy) * scale - x
    const dy = mercatorV(site.lat) * scale - y
    const reach = item.radiusPx + HIT_SLACK_PX
    if (dx * dx + dy * dy <= reach * reach) return { siteIndex: i, lon: site.lon + 360 * copy }
  }
  return null
}

const percent = (x: number): string => `${Math.round(x * 100)}%`

/** The lines of a site's tooltip after its name, each figure marked simulated or assumption. */
export function siteTooltipLines(site: Site, item: SiteItem): string[] {
  return [
    item.isDown ? 'Down' : `Utilisation ${percent(item.utilisation)} (simulated)`,
    `Capacity ${formatCount(item.capacity)} participants (assumption)`,
    ...(site.provenance.kind === 'assumption' ? ['Position: assumption'] : []),
    ...(item.isConcern ? [`Jurisdiction of concern (${site.jurisdiction})`] : []),
  ]
}

/** A site's tooltip: its name and country, then {@link siteTooltipLines}. */
export function siteTooltipElement(site: Site, item: SiteItem): HTMLElement {
  const el = document.createElement('div')
  el.append(
    Object.assign(document.createElement('strong'), {
      textContent: `${site.city}, ${countryName(site.country)}`,
    }),
  )
  for (const line of siteTooltipLines(site, item))
    el.append(Object.assign(document.createElement('div'), { textContent: line }))
  return el
}
