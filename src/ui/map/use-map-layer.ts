import type L from 'leaflet'
import { useEffect } from 'react'
import type { RefObject } from 'react'

/**
 * Keeps a layer made by `create` on `map` while the component is mounted, in `ref` (null before
 * and after). `create` must keep its identity between renders (a module function, or a
 * `useCallback`): a new one makes a new layer. The effects that feed the layer come after this
 * call and list `map` and `create` among their dependencies, so they feed a new layer too.
 */
export function useMapLayer<T extends L.Layer>(
  map: L.Map,
  create: () => T,
  ref: RefObject<T | null>,
): void {
  useEffect(() => {
    const layer = create()
    layer.addTo(map)
    ref.current = layer
    return () => {
      layer.remove()
      ref.current = null
    }
  }, [map, create, ref])
}
