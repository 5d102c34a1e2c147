/**
 * The data-center markers as one canvas (view-canvas-layer.ts), drawn with mark-draw.ts as the
 * exported pictures draw them, with one tooltip that follows the pointer from marker to marker
 * and a click that selects the site. React-leaflet's SVG markers were a path per site and world
 * copy with a tooltip each: 600 paths in a 200-site world, restyled a slice per task at each
 * streamed step. Pointer events pass through the canvas; the layer tests the pointer by distance
 * (`siteUnder`), and the flow layer and the country pointer leave a point over a marker to it.
 * The canvas says how many sites it draws in `data-sites` (0 when the layer is hidden).
 */
import type L from 'leaflet'
import { aboveTooltip } from './map-tooltip'
import type { World } from '../../sim/model'
import type { AppStore } from '../../store/store'
import { isOnBasemap } from './basemap-layer'
import type { SiteItem } from './draw-list'
import type { CanvasView } from './flow-draw'
import type { MapPalette } from './map-theme'
import { drawSites, siteAt, siteTooltipElement } from './mark-draw'
import type { SiteHit } from './mark-draw'
import { ViewCanvasLayer } from './view-canvas-layer'

/** Name of the map pane the markers draw in: above the flows (450) and country circles (470). */
export const SITE_PANE = 'kr-sites'

/** What the layer draws: the sites, each one's look at the shown step, the selected one. */
export interface SiteScene {
  readonly world: World | null
  readonly items: readonly SiteItem[]
  readonly selectedSiteId: string | null
  readonly palette: MapPalette
  /** False while the legend hides the data centers: nothing is drawn or hit. */
  readonly isShown: boolean
}

const layerByMap = new WeakMap<L.Map, SiteLayer>()

/** The marker under a container point of `map`, or null (none there, or no site layer shown). */
export function siteUnder(map: L.Map | undefined, containerPoint: L.Point): SiteHit | null {
  return map ? (layerByMap.get(map)?.siteAt(containerPoint) ?? null) : null
}

export class SiteLayer extends ViewCanvasLayer {
  private scene: SiteScene | null = null
  private readonly tooltip = aboveTooltip()
  private hovered: SiteHit | null = null

  constructor(private readonly store: AppStore) {
    super({
      name: SITE_PANE,
      zIndex: 500,
      className: 'kr-sites',
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
    layerByMap.set(map, this)
    super.onAdd(map)
    this.writeCount()
    return this
  }

  override onRemove(map: L.Map): this {
    this.close()
    if (layerByMap.get(map) === this) layerByMap.delete(map)
    return super.onRemove(map)
  }

  /** What to draw; the open tooltip follows a change of the hovered site's figures. */
  setScene(scene: SiteScene): void {
    this.scene = scene
    this.writeCount()
    this.changed()
    if (this.hovered) this.describe(this.hovered)
  }

  /** The marker under a container point, or null. */
  siteAt(containerPoint: L.Point): SiteHit | null {
    const scene = this.scene
    const at = this.worldPointOf(containerPoint)
    if (!scene?.isShown || !scene.world || !at || this.isHidden) return null
    return siteAt(scene.world, scene.items, at.x, at.y, at.scale)
  }

  protected override paint(ctx: CanvasRenderingContext2D, view: CanvasView): void {
    const scene = this.scene
    if (!scene?.isShown || !scene.world) return
    drawSites(ctx, view, scene.palette, scene.world, scene.items, scene.selectedSiteId)
  }

  private writeCount(): void {
    const scene = this.scene
    const count = scene?.isShown && scene.world ? scene.world.sites.length : 0
    if (this.canvas) this.canvas.dataset.sites = String(count)
  }

  /** Opens (or refreshes) the tooltip of `hit`, or closes it when the site is no longer drawn. */
  private describe(hit: SiteHit): void {
    const map = this._map as L.Map | undefined
    const scene = this.scene
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
    const site = hit ? this.scene?.world?.sites[hit.siteIndex] : undefined
    if (site) this.store.getState().select({ kind: 'site', id: site.id })
  }
}
