/**
 * What the map writes and marks on top of its layers at the shown step: a proportional circle per
 * country for the exposed keys its participants received (area for count, so Canada's size on a
 * Mercator map says nothing), and permanent labels for the places that matter now: the selected
 * item's, the data centers that issued exposed keys (those of concern first), the country counts,
 * and the participant cities that received them.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react'
import { selectMapRun } from '../../store/selectors'
import { useMap } from 'react-leaflet'
import { useAppStore, useAppStoreApi } from '../store-context'
import { countrySymbolsOf, labelItemsOf, labelMarkersOf } from './annotation-items'
import type { CountrySymbol } from './annotation-items'
import {
  selectMapConcern,
  selectMapIncident,
  selectMapStep,
  selectMapStepMinutes,
  selectMaxCountryKeys,
} from './draw-list'
import { periodOf } from './map-causes'
import { MapLabels } from './map-labels-layer'
import type { MapLabelItem } from './map-labels-layer'
import type { MapPalette } from './map-theme'
import { useMarkLayer } from './mark-layer'
import type { MarkLayer } from './mark-layer'

const clearSymbols = (layer: MarkLayer): void => layer.setSymbols(null)

/** The circles and labels; `anchors` are the basemap's country anchors (null until it has loaded). */
export function MapAnnotations({
  anchors,
  palette,
}: {
  anchors: ReadonlyMap<string, { readonly lat: number; readonly lon: number }> | null
  palette: MapPalette
}) {
  // What a new step (or world) changes is laid out in a render of its own, after the one that
  // brought it: placing the labels measures them, and in one task with the markers' update it held
  // the page for over 100 ms when a streamed step of a large world arrived.
  const world = useDeferredValue(useAppStore((s) => selectMapRun(s)?.world ?? null))
  const steps = useAppStore((s) => selectMapRun(s)?.steps)
  const step = useDeferredValue(useAppStore(selectMapStep))
  const selection = useAppStore((s) => s.selection)
  // An incident is named only at the step it happened, as its path is drawn.
  const incident = useDeferredValue(useAppStore(selectMapIncident)) ?? undefined
  const layers = useAppStore((s) => s.layers)
  const concern = useAppStore(selectMapConcern)
  const period = periodOf(useAppStore(selectMapStepMinutes))

  // Its own subscription: the run's step list grows in place, and the peak with it.
  const max = useDeferredValue(useAppStore(selectMaxCountryKeys))
  const symbols = useMemo(
    (): CountrySymbol[] =>
      world && steps && step && anchors ? countrySymbolsOf(world, step, anchors, max) : [],
    [world, steps, step, anchors, max],
  )

  const markers = useMemo(
    () => (world ? labelMarkersOf(world, layers.sites) : []),
    [world, layers.sites],
  )

  const items = useMemo(
    (): MapLabelItem[] =>
      world
        ? labelItemsOf({ world, step, concern, selection, incident, layers, symbols, period })
        : [],
    [world, step, concern, selection, incident, layers, symbols, period],
  )

  const map = useMap()
  const store = useAppStoreApi()
  const layerRef = useRef<MarkLayer | null>(null)
  useMarkLayer(map, store, layerRef, clearSymbols)
  useEffect(
    () => layerRef.current?.setSymbols({ symbols: layers.countries ? symbols : [], palette }),
    [map, store, symbols, layers.countries, palette],
  )

  return <MapLabels items={items} markers={markers} />
}
