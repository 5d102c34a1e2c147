/**
 * The data-center markers of the world map: their part of the mark layer's canvas (mark-layer.ts),
 * fed from the store, so a streamed step redraws them in one pass of a millisecond or two, with no
 * React commit of hundreds of markers. Their tooltip says which figures are assumptions of the
 * model; the SiteList is the keyboard's route to the sites.
 */
import { useEffect, useRef } from 'react'
import { useMap } from 'react-leaflet'
import { selectMapRun } from '../../store/selectors'
import { useAppStore, useAppStoreApi } from '../store-context'
import { selectSiteItems } from './draw-list'
import type { MapPalette } from './map-theme'
import { useMarkLayer } from './mark-layer'
import type { MarkLayer } from './mark-layer'

const clearSites = (layer: MarkLayer): void => layer.setScene(null)

/**
 * The data-center markers, on every world copy in view: size for capacity, fill for utilisation,
 * a ring for a jurisdiction of concern.
 */
export function Sites({ palette }: { palette: MapPalette }) {
  const map = useMap()
  const store = useAppStoreApi()
  const isShown = useAppStore((s) => s.layers.sites)
  // Only a site's selection changes what the markers show: another kind draws nothing anew.
  const selectedSiteId = useAppStore((s) => (s.selection?.kind === 'site' ? s.selection.id : null))
  const world = useAppStore((s) => selectMapRun(s)?.world ?? null)
  const items = useAppStore(selectSiteItems)
  const layerRef = useRef<MarkLayer | null>(null)
  useMarkLayer(map, store, layerRef, clearSites)
  useEffect(() => {
    layerRef.current?.setScene({
      world,
      items,
      selectedSiteId,
      palette,
      isShown,
    })
  }, [map, store, world, items, selectedSiteId, palette, isShown])
  return null
}
