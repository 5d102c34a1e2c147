import 'leaflet/dist/leaflet.css'
import './world-map.css'
import type { LatLngBoundsExpression, Map as LeafletMap } from 'leaflet'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { MapContainer, useMap } from 'react-leaflet'
import { useThrottled } from '../charts/use-throttled-run'
import { useAppStore, useAppStoreApi } from '../store-context'
import { CallLayer } from './call-layer'
import { BasemapLayer } from './basemap-layer'
import { useChapterFrame } from './chapter-frame'
import { useCountryPointer } from './country-hover'
import { countryPainter } from './country-style'
import { FlowLayerComponent } from './flow-layer-component'
import type { FlowLayer } from './flow-layer'
import { MapAnnotations } from './map-annotations'
import { MapBoundsReport } from './map-bounds-report'
import { MapLegend } from './map-legend'
import { ObservedLayer } from './observed-layer'
import { OnlineTiles } from './online-tiles'
import { selectExposedCountries, selectMapFocus } from './draw-list'
import { useMapSummaryText } from './use-map-summary'
import { WORLD_VIEW, cornersOf } from './map-view'
import { FALLBACK_PALETTES, readPalette, samePalette } from './map-theme'
import type { MapPalette } from './map-theme'
import { loadSceneBasemap } from './projected-basemap'
import type { SceneBasemap } from './projected-basemap'
import { Sites } from './site-markers'
import { writeSvgPathsOnlyWhenChanged } from './svg-paths'
import { useMapLayer } from './use-map-layer'
import { useRunFraming } from './use-run-framing'

writeSvgPathsOnlyWhenChanged()

// Inhabited latitudes: at 1280x720 and a quarter-zoom snap this fills the width with the world.
const WORLD_BOUNDS = cornersOf(WORLD_VIEW)
// The world copies the map draws (basemap, sites; the flow layer draws its own) span 3 turns.
const MAX_BOUNDS: LatLngBoundsExpression = [
  [-85, -540],
  [85, 540],
]
const MAP_STYLE = { width: '100%', height: '100%' }
const SUMMARY_MIN_INTERVAL_MS = 1500
const PLAYING_TEXT =
  'Playing: the map changes every step. Pause, step or jump to hear what it shows.'

/** Leaflet needs to hear when its box changes size (panels open, window resizes). */
function useInvalidateOnResize(
  wrapper: RefObject<HTMLElement | null>,
  map: LeafletMap | null,
): void {
  useEffect(() => {
    const el = wrapper.current
    if (!el || !map || typeof ResizeObserver !== 'function') return
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }))
    observer.observe(el)
    return () => observer.disconnect()
  }, [wrapper, map])
}

/** The palette for `theme`, re-read when the document's classes, style or data attributes change. */
function usePalette(theme: 'dark' | 'light', wrapper: RefObject<HTMLElement | null>): MapPalette {
  const [palette, setPalette] = useState<MapPalette>(FALLBACK_PALETTES[theme])
  useEffect(() => {
    const update = (): void => {
      const next = readPalette(wrapper.current, theme)
      setPalette((prev) => (samePalette(prev, next) ? prev : next))
    }
    update()
    // The theme attribute may be applied by another component's effect after this one.
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(update) : 0
    const observer = typeof MutationObserver === 'function' ? new MutationObserver(update) : null
    observer?.observe(document.documentElement, { attributes: true })
    if (document.body) observer?.observe(document.body, { attributes: true })
    return () => {
      if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
      observer?.disconnect()
    }
  }, [theme, wrapper])
  return palette
}

const newBasemapLayer = (): BasemapLayer => new BasemapLayer()

/** The country basemap's canvas layer, painted from the store: exposure, focus, selection. */
function Countries({
  basemap,
  palette,
  layerRef,
}: {
  basemap: SceneBasemap | null
  palette: MapPalette
  layerRef: RefObject<BasemapLayer | null>
}) {
  const map = useMap()
  const showExposure = useAppStore((s) => s.layers.countries)
  const selection = useAppStore((s) => s.selection)
  const focus = useAppStore(selectMapFocus)
  const exposedCountries = useAppStore(selectExposedCountries)
  const paintOf = useMemo(
    () =>
      countryPainter({
        exposed: new Set(exposedCountries),
        showExposure,
        focus,
        selected: selection?.kind === 'country' ? selection.id : null,
        palette,
      }),
    [exposedCountries, showExposure, focus, selection, palette],
  )

  useMapLayer(map, newBasemapLayer, layerRef)
  useEffect(() => layerRef.current?.setPaint(paintOf), [map, layerRef, paintOf])
  useEffect(
    () => layerRef.current?.setCountries(basemap?.countries ?? []),
    [map, layerRef, basemap],
  )
  return null
}

function MapContent({
  basemap,
  palette,
  wrapperRef,
  summaryId,
}: {
  basemap: SceneBasemap | null
  palette: MapPalette
  wrapperRef: RefObject<HTMLElement | null>
  summaryId: string
}) {
  const map = useMap()
  const store = useAppStoreApi()
  const flowLayerRef = useRef<FlowLayer | null>(null)
  const basemapRef = useRef<BasemapLayer | null>(null)
  useInvalidateOnResize(wrapperRef, map)
  useCountryPointer(map, store, flowLayerRef, basemapRef)

  useEffect(() => {
    const container = map.getContainer()
    container.setAttribute('role', 'region')
    container.setAttribute('aria-roledescription', 'map')
    container.setAttribute(
      'aria-label',
      'World map of data centers, participant cities and meeting-key deliveries',
    )
    container.setAttribute('aria-describedby', summaryId)
  }, [map, summaryId])

  useEffect(() => {
    map.getContainer().style.background = palette.ocean
  }, [map, palette])

  return (
    <>
      <Countries basemap={basemap} palette={palette} layerRef={basemapRef} />
      <FlowLayerComponent ref={flowLayerRef} store={store} palette={palette} />
      <Sites palette={palette} />
      <CallLayer palette={palette} />
      <ObservedLayer palette={palette} />
      <MapAnnotations anchors={basemap?.anchors ?? null} palette={palette} />
      <MapBoundsReport />
    </>
  )
}

/**
 * The world map of the run chosen by `mapRun`: an offline country basemap shaded where
 * participants received exposed keys, data-center markers coloured by utilisation, city dots and
 * animated key-delivery arcs for the current step, a legend that toggles the layers, and a
 * screen-reader summary of what the map shows.
 */
export function WorldMap() {
  const theme = useAppStore((s) => s.theme)
  const store = useAppStoreApi()
  const wrapperRef = useRef<HTMLDivElement | null>(null)
  const palette = usePalette(theme, wrapperRef)
  const summaryId = useId()
  const [basemap, setBasemap] = useState<SceneBasemap | null>(null)
  const [map, setMap] = useState<LeafletMap | null>(null)
  const fitToKeyPaths = useRunFraming(map)
  useChapterFrame(map, store)
  const [basemapError, setBasemapError] = useState<string | null>(null)

  useEffect(() => {
    // Loaded once for the page: the exported pictures draw the same projected countries.
    let isShown = true
    loadSceneBasemap().then(
      (loaded) => isShown && setBasemap(loaded),
      (error: unknown) =>
        isShown && setBasemapError(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      isShown = false
    }
  }, [])

  const summaryText = useMapSummaryText()
  const isPlaying = useAppStore((s) => s.isPlaying)
  // While playing, a description every 1.5 s would drown everything else a screen reader says:
  // the region stays quiet and speaks again when playback pauses, steps or jumps.
  const liveText = useThrottled(isPlaying ? PLAYING_TEXT : summaryText, SUMMARY_MIN_INTERVAL_MS)
  const tileUrl = useAppStore((s) => s.tileUrl)

  return (
    <div
      ref={wrapperRef}
      className="kr-map"
      onKeyDown={(e) => {
        if (e.key === 'Escape') store.getState().select(null)
      }}
    >
      <MapContainer
        ref={setMap}
        bounds={WORLD_BOUNDS}
        maxBounds={MAX_BOUNDS}
        maxBoundsViscosity={1}
        minZoom={1}
        maxZoom={8}
        zoomSnap={0.25}
        zoomDelta={0.5}
        worldCopyJump
        attributionControl={false}
        style={MAP_STYLE}
      >
        <OnlineTiles />
        <MapContent
          basemap={basemap}
          palette={palette}
          wrapperRef={wrapperRef}
          summaryId={summaryId}
        />
      </MapContainer>
      <button
        type="button"
        className="kr-map-fit"
        onClick={fitToKeyPaths}
        title="Frame the paths of exposed keys in this run (the whole world when there are none)"
      >
        <span aria-hidden="true">⤢ </span>Fit to key paths
      </button>
      <MapLegend />
      <p className="kr-map-credit">
        Basemap: Natural Earth (world-atlas)
        {tileUrl ? ' · online tiles on (the tile server sees the map area)' : ''}
        {basemapError ? ' · country outlines could not be loaded' : ''}
      </p>
      <p id={summaryId} className="kr-visually-hidden" aria-live={isPlaying ? 'off' : 'polite'}>
        {liveText}
      </p>
    </div>
  )
}
