/**
 * The marks over the flows as one canvas (view-canvas-layer.ts), drawn with mark-draw.ts as the
 * exported pictures draw them: the per-country circles of exposed keys, and the data-center
 * markers above them. One canvas for both, as in Chromium's software compositing every canvas
 * costs a blend of its whole area in each frame the map changes under it, drawn on or not: the
 * circles and the markers on canvases of their own each cost 3 to 4 frames a second of a preset's
 * playback. A streamed step changes every circle (the run's peak sets their scale) and most
 * markers: one redraw of the canvas for both.
 *
 * The markers have one tooltip that follows the pointer from marker to marker and a click that
 * selects the site. Pointer events pass through the canvas; the layer tests the pointer by
 * distance (`siteUnder`), and the flow layer and the country pointer leave a point over a marker to
 * it. The circles take no pointer events; their counts are labels, read by screen readers. The
 * canvas says how many sites it draws in `data-sites` (0 when the legend hides them) and how many
 * circles a world copy in `data-symbols`.
 */
import type L from 'leaflet'
import { useEffect } from 'react'
import type { RefObject } from 'react'
import { aboveTooltip } from './map-tooltip'
import type { World } from '../../sim/model'
import type { AppStore } from '../../store/store'
import type { CountrySymbol } from './annotation-items'
import { isOnBasemap } from './basemap-layer'
import type { SiteItem } from './draw-list'
import type { CanvasView } from './flow-draw'
import type { MapPalette } from './map-theme'
import { drawCountrySymbols, drawSites, siteAt, siteTooltipElement } from './mark-draw'
import type { SiteHit } from './mark-draw'
import { ViewCanvasLayer } from './view-canvas-layer'

/** Name of the map pane the marks draw in: above the flows (450), below the labels (620). */
export const MARK_PANE = 'kr-marks'

/** What the layer draws of the sites: each one's look at the shown step, the selected one. */
export interface SiteScene {
  readonly world: World | null
  readonly items: readonly SiteItem[]
  readonly selectedSiteId: string | null
  readonly palette: MapPalette
  /** False while the legend hides the data centers: nothing is drawn or hit. */
  readonly isShown: boolean
}

/** The circles the layer draws (none while the legend hides the countries' exposure). */
export interface SymbolScene {
  readonly symbols: readonly CountrySymbol[]
  readonly palette: MapPalette
}

const layerByMap = new WeakMap<L.Map, { readonly layer: MarkLayer; users: number }>()

/** The marker under a container point of `map`, or null (none there, or no site layer shown). */
export function siteUnder(map: L.Map | undefined, containerPoint: L.Point): SiteHit | null {
  return map ? (layerByMap.get(map)?.layer.siteAt(containerPoint) ?? null) : null
}

export class MarkLayer extends ViewCanvasLayer {
  private sites: SiteScene | null = null
  private circles: SymbolScene | null = null
  private readonly tooltip = aboveTooltip()
  private hovered: SiteHit | null = null

  /** `selectSite` is called with a site's id when its marker is clicked. */
  constructor(private readonly selectSite: (siteId: string) => void) {
    super({
      name: MARK_PANE,
      zIndex: 500,
      className: 'kr-marks',
      isPassThrough: true,
      isHiddenWhileZooming: true,
    })
  }

  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      ...super.getEvents(),
      mousemove: this.onMouseMove as L.LeafletEventHandlerFn,
      mouseout: this.close,
      click: this.onClick as L.LeafletEventHandlerFn,
    }
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map)
    this.writeCounts()
    return this
  }

  override onRemove(map: L.Map): this {
    this.close()
    return super.onRemove(map)
  }

  /** The sites to draw (null: none); an open tooltip follows its site's figures. */
  setScene(scene: SiteScene | null): void {
    this.sites = scene
    this.writeCounts()
    this.changed()
    if (this.hovered) this.describe(this.hovered)
  }

  /** The circles to draw (null: none). */
  setSymbols(scene: SymbolScene | null): void {
    this.circles = scene
    this.writeCounts()
    this.changed()
  }

  /** The marker under a container point, or null. */
  siteAt(containerPoint: L.Point): SiteHit | null {
    const scene = this.sites
    const at = this.worldPointOf(containerPoint)
    if (!scene?.isShown || !scene.world || !at || this.isHidden) return null
    return siteAt(scene.world, scene.items, at.x, at.y, at.scale)
  }

  protected override paint(ctx: CanvasRenderingContext2D, view: CanvasView): void {
    const { sites, circles } = this
    if (circles) drawCountrySymbols(ctx, view, circles.palette, circles.symbols)
    if (sites?.isShown && sites.world)
      drawSites(ctx, view, sites.palette, sites.world, sites.items, sites.selectedSiteId)
  }

  private writeCounts(): void {
    const { sites, circles, canvas } = this
    if (!canvas) return
    canvas.dataset.sites = String(sites?.isShown && sites.world ? sites.world.sites.length : 0)
    canvas.dataset.symbols = String(circles?.symbols.length ?? 0)
  }

  /** Opens (or refreshes) the tooltip of `hit`, or closes it when the site is no longer drawn. */
  private describe(hit: SiteHit): void {
    const map = this._map as L.Map | undefined
    const scene = this.sites
    const site = scene?.isShown ? scene.world?.sites[hit.siteIndex] : undefined
    const item = scene?.items[hit.siteIndex]
    if (!map || !site || !item) return this.close()
    this.tooltip.options.offset = [0, -item.radiusPx]
    this.tooltip.setContent(siteTooltipElement(site, item))
    this.tooltip.setLatLng([site.lat, hit.lon])
    if (!map.hasLayer(this.tooltip)) map.openTooltip(this.tooltip)
  }

  // Over the map's buttons or an observation's marker, the pointer is theirs.
  private readonly onMouseMove = (e: L.LeafletMouseEvent): void => {
    const hit = isOnBasemap(e.originalEvent.target) ? this.siteAt(e.containerPoint) : null
    if (!hit) return this.close()
    const isSame = hit.siteIndex === this.hovered?.siteIndex && hit.lon === this.hovered.lon
    this.hovered = hit
    if (!isSame) this.describe(hit)
  }

  private readonly close = (): void => {
    this.hovered = null
    const map = this._map as L.Map | undefined
    if (map?.hasLayer(this.tooltip)) map.closeTooltip(this.tooltip)
  }

  private readonly onClick = (e: L.LeafletMouseEvent): void => {
    const hit = isOnBasemap(e.originalEvent.target) ? this.siteAt(e.containerPoint) : null
    const site = hit ? this.sites?.world?.sites[hit.siteIndex] : undefined
    if (site) this.selectSite(site.id)
  }
}

/**
 * Keeps `map`'s one mark layer in `ref` while the component is mounted (null before and after):
 * the markers and the annotations each feed their part of it, and whichever mounts first adds it
 * to the map. `clear` empties the component's part when it lets go; the layer leaves the map with
 * the last. The effects that feed the layer come after this call and list `map` among their
 * dependencies, so they feed a new layer too.
 */
export function useMarkLayer(
  map: L.Map,
  store: AppStore,
  ref: RefObject<MarkLayer | null>,
  clear: (layer: MarkLayer) => void,
): void {
  useEffect(() => {
    let held = layerByMap.get(map)
    if (!held) {
      const layer = new MarkLayer((id) => store.getState().select({ kind: 'site', id }))
      held = { layer, users: 0 }
      layerByMap.set(map, held)
      layer.addTo(map)
    }
    held.users++
    ref.current = held.layer
    const mine = held
    return () => {
      ref.current = null
      clear(mine.layer)
      if (--mine.users > 0) return
      mine.layer.remove()
      if (layerByMap.get(map) === mine) layerByMap.delete(map)
    }
  }, [map, store, ref, clear])
}
