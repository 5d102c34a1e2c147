import type { Map as LeafletMap } from 'leaflet'
import { useEffect } from 'react'
import { useMapEvents } from 'react-leaflet'
import type { MapBounds } from '../../store/view-slice'
import { useAppStoreApi } from '../store-context'

function boundsOf(map: LeafletMap): MapBounds {
  const b = map.getBounds()
  return { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() }
}

/**
 * Tells the store which area the map shows, after every move and once when drawn (the first
 * framing happens before this listens), so "Add this view as a chapter" can keep the frame.
 */
export function MapBoundsReport() {
  const store = useAppStoreApi()
  const map = useMapEvents({
    moveend: (e) => store.getState().setMapBounds(boundsOf(e.target as LeafletMap)),
  })
  useEffect(() => store.getState().setMapBounds(boundsOf(map)), [map, store])
  return null
}
