/**
 * The data-center markers of the world map: a canvas layer (site-layer.ts) fed from the store, so
 * a streamed step redraws them in one pass of a millisecond or two, with no React commit of
 * hundreds of markers. Their tooltip says which figures are assumptions of the model; the
 * SiteList is the keyboard's route to the sites.
 */
import { useCallback, useEffect, useRef } from 'react'
import { useMap } from 'react-leaflet'
import { selectMapRun } from '../../store/selectors'
import { useAppStore, useAppStoreApi } from '../store-context'
import { selectSiteItems } from './draw-list'
import type { MapPalette } from './map-theme'
import { SiteLayer } from './site-layer'
import { useMapLayer } from './use-map-layer'

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
  const layerRef = useRef<SiteLayer | null>(null)

  const create = useCallback(() => new SiteLayer(store), [store])
  useMapLayer(map, create, layerRef)
  useEffect(() => {
    layerRef.current?.setScene({
      world,
      items,
      selectedSiteId,
      palette,
      isShown,
    })
  }, [map, create, world, items, selectedSiteId, palette, isShown])
  return null
}
