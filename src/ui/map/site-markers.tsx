/**
 * The data-center markers of the world map, with their tooltips. Capacity is an assumption of the
 * model in every built-in world, and utilisation is simulated from it: the tooltip says so beside
 * each figure, so no bare number sits on the map.
 */
import type { LeafletEvent, LeafletEventHandlerFnMap, PathOptions } from 'leaflet'
import L from 'leaflet'
import { useMemo } from 'react'
import type { ReactNode } from 'react'
import { CircleMarker, Pane, Tooltip } from 'react-leaflet'
import { selectMapRun } from '../../store/selectors'
import { useAppStore, useAppStoreApi } from '../store-context'
import { WORLD_COPY_SHIFTS_DEG } from './basemap'
import { countryName } from './country-name'
import { selectSiteItems } from './draw-list'
import { FADED_OPACITY, utilisationColour } from './map-scales'
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
  const world = useAppStore((s) => selectMapRun(s)?.world ?? null)
  const items = useAppStore(selectSiteItems)
  const handlers = useMemo(
    () =>
      world?.sites.map((site) => ({
        click: () => store.getState().select({ kind: 'site', id: site.id }),
        add: keepOutOfTabOrder,
      })) ?? [],
    [world, store],
  )
  if (!world || !show) return null
  return (
    <Pane name="kr-sites" style={{ zIndex: 500 }}>
      {world.sites.map((site, i) => {
        const item = items[i]
        if (!item) return null
        const { utilisation, isDown, capacity, radiusPx: radius, isConcern } = item
        const isSelected = selection?.kind === 'site' && selection.id === site.id
        const opacity = item.isFaded ? FADED_OPACITY : 1
        // One marker per world copy, so a view centred on the Pacific shows every site.
        return WORLD_COPY_SHIFTS_DEG.map((shift) => (
          <SiteMarker
            key={`${site.id}@${shift}`}
            center={[site.lat, site.lon + shift]}
            radius={radius}
            pathOptions={{
              color: isSelected ? palette.accent : palette.fg,
              weight: isSelected ? 3 : 1.5,
              opacity,
              fillColor: utilisationColour(utilisation),
              fillOpacity: isDown ? 0 : 0.95 * opacity,
              dashArray: isDown ? '3 3' : undefined,
            }}
            concernRing={isConcern ? { color: palette.exposed, opacity, radius: radius + 4 } : null}
            eventHandlers={handlers[i] ?? NO_HANDLERS}
          >
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
          </SiteMarker>
        ))
      })}
    </Pane>
  )
}

function SiteMarker({
  center,
  radius,
  pathOptions,
  concernRing,
  eventHandlers,
  children,
}: {
  center: [number, number]
  radius: number
  pathOptions: PathOptions
  concernRing: { color: string; opacity: number; radius: number } | null
  eventHandlers: LeafletEventHandlerFnMap
  children: ReactNode
}) {
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
          {children}
        </Tooltip>
      </CircleMarker>
    </>
  )
}
