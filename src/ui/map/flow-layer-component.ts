/** The flow layer (flow-layer.ts) as a react-leaflet component. */
import { createElementObject, createLayerComponent } from '@react-leaflet/core'
import type { LayerProps } from '@react-leaflet/core'
import type { AppStore } from '../../store/store'
import { FlowLayer } from './flow-layer'
import type { MapPalette } from './map-theme'

interface FlowLayerProps extends LayerProps {
  readonly store: AppStore
  readonly palette: MapPalette
}

/**
 * The flow layer as a react-leaflet component: created once on mount, its palette applied on
 * change; the ref is the layer, for hit-testing by the country layers.
 */
export const FlowLayerComponent = createLayerComponent<FlowLayer, FlowLayerProps>(
  (props, context) => createElementObject(new FlowLayer(props.store, props.palette), context),
  (layer, props, prev) => {
    if (props.palette !== prev.palette) layer.setPalette(props.palette)
  },
)
