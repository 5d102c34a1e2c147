/**
 * The data-center markers of the world map, with their tooltips. Capacity is an assumption of the
 * model in every built-in world, and utilisation is simulated from it: the tooltip says so beside
 * each figure, so no bare number sits on the map.
 */
import type { LeafletEvent, LeafletEventHandlerFnMap, PathOptions } from 'leaflet'
import L from 'leaflet'
import { memo, useDeferredValue, useMemo } from 'react'
import { CircleMarker, Pane, Tooltip } from 'react-leaflet'
import { selectMapRun } from '../../store/selectors'
import { useAppStore, useAppStoreApi } from '../store-context'
import { WORLD_COPY_SHIFTS_DEG } from './basemap'
import { countryName } from './country-name'
import { selectSiteItems } from './draw-list'
import type { SiteItem } from './draw-list'
import type { Site } from '../../sim/model'
import { FADED_OPACITY, utilisationColour } from './map-scales'
import { useItemsInSlices, useSlicedCount } from './marker-slices'
import type { MapPalette } from './map-theme'

const NO_HANDLERS: LeafletEventHandlerFnMap = {}

const percent = (x: number): string => `${Math.round(x * 100)}%`

/**
 * Leaflet's tooltips listen for focus on their marker's SVG path, which makes Chromium put every
 * site marker, nameless, in the Tab order. The SiteList is the keyboard route to the sites.
 */
function keepOutOfTabOrder(e: LeafletEvent): void {
  const target: unknown = e.target
  if (target instanceof L.Path) target.getElement()?.setAttribute('tabindex', '-1')
}

/**
 * The data-center markers, one per world copy: size for capacity, fill for utilisation, a ring
 * for a jurisdiction of concern. Their tooltips say which figures are assumptions of the model.
 */
export function Sites({ palette }: { palette: MapPalette }) {
  const store = useAppStoreApi()
  const show = useAppStore((s) => s.layers.sites)
  const selection = useAppStore((s) => s.selection)
  // Hundreds of markers restyled for a new step: in renders of their own, after the step's.
  const world = useDeferredValue(useAppStore((s) => selectMapRun(s)?.world ?? null))
  const items = useItemsInSlices(useDeferredValue(useAppStore(selectSiteItems)), world)
  const handlers = useMemo(
    () =>
      world?.sites.map((site) => ({
        click: () => store.getState().select({ kind: 'site', id: site.id }),
        add: keepOutOfTabOrder,
      })) ?? [],
    [world, store],
  )
  // Per world, not per step: a new centre array makes react-leaflet move and redraw its marker,
  // and a streamed step of a world of hundreds of sites would move every one of them.
  const centers = useMemo(
    (): Array<Array<[number, number]>> =>
      (world?.sites ?? []).map((site) =>
        WORLD_COPY_SHIFTS_DEG.map((shift): [number, number] => [site.lat, site.lon + shift]),
      ),
    [world],
  )
  const mounted = useSlicedCount(world?.sites.length ?? 0, world)
  if (!world || !show) return null
  return (
    <Pane name="kr-sites" style={{ zIndex: 500 }}>
      {world.sites.slice(0, mounted).map((site, i) => {
        const item = items[i]
        return item ? (
          <SiteMarkers
            key={site.id}
            site={site}
            item={item}
            isSelected={selection?.kind === 'site' && selection.id === site.id}
            palette={palette}
            centers={centers[i] ?? []}
            eventHandlers={handlers[i] ?? NO_HANDLERS}
          />
        ) : null
      })}
    </Pane>
  )
}

interface SiteMarkersProps {
  readonly site: Site
  readonly item: SiteItem
  readonly isSelected: boolean
  readonly palette: MapPalette
  readonly centers: ReadonlyArray<[number, number]>
  readonly eventHandlers: LeafletEventHandlerFnMap
}

/** One site's markers, a copy per world copy; rendered again only when what they show changes. */
const SiteMarkers = memo(function SiteMarkers({
  site,
  item,
  isSelected,
  palette,
  centers,
  eventHandlers,
}: SiteMarkersProps) {
  const { utilisation, isDown, radiusPx: radius, isConcern, isFaded } = item
  const opacity = isFaded ? FADED_OPACITY : 1
  const pathOptions = useMemo(
    (): PathOptions => ({
      color: isSelected ? palette.accent : palette.fg,
      weight: isSelected ? 3 : 1.5,
      opacity,
      fillColor: utilisationColour(utilisation),
      fillOpacity: isDown ? 0 : 0.95 * opacity,
      dashArray: isDown ? '3 3' : undefined,
    }),
    [isSelected, palette, opacity, utilisation, isDown],
  )
  const concernRing = useMemo(
    () => (isConcern ? { color: palette.exposed, opacity, radius: radius + 4 } : null),
    [isConcern, palette, opacity, radius],
  )
  return (
    <>
      {centers.map((center, copy) => (
        <SiteMarker
          key={WORLD_COPY_SHIFTS_DEG[copy]}
          site={site}
          item={item}
          center={center}
          pathOptions={pathOptions}
          concernRing={concernRing}
          eventHandlers={eventHandlers}
        />
      ))}
    </>
  )
})

interface SiteMarkerProps {
  readonly site: Site
  readonly item: SiteItem
  readonly center: [number, number]
  readonly pathOptions: PathOptions
  readonly concernRing: { color: string; opacity: number; radius: number } | null
  readonly eventHandlers: LeafletEventHandlerFnMap
}

const SiteMarker = memo(function SiteMarker({
  site,
  item,
  center,
  pathOptions,
  concernRing,
  eventHandlers,
}: SiteMarkerProps) {
  const { utilisation, isDown, capacity, radiusPx: radius, isConcern } = item
  return (
    <>
      {concernRing ? (
        <CircleMarker
          center={center}
          radius={concernRing.radius}
          interactive={false}
          pathOptions={{
            color: concernRing.color,
            opacity: concernRing.opacity,
            weight: 2.5,
            fill: false,
          }}
        />
      ) : null}
      <CircleMarker
        center={center}
        radius={radius}
        pathOptions={pathOptions}
        bubblingMouseEvents={false}
        eventHandlers={eventHandlers}
      >
        <Tooltip direction="top" offset={[0, -radius]}>
          <strong>
            {site.city}, {countryName(site.country)}
          </strong>
          <br />
          {isDown ? 'Down' : `Utilisation ${percent(utilisation)} (simulated)`}
          <br />
          Capacity {capacity.toLocaleString('en-US')} participants (assumption)
          {site.provenance.kind === 'assumption' ? (
            <>
              <br />
              Position: assumption
            </>
          ) : null}
          {isConcern ? (
            <>
              <br />
              Jurisdiction of concern ({site.jurisdiction})
            </>
          ) : null}
        </Tooltip>
      </CircleMarker>
    </>
  )
})
