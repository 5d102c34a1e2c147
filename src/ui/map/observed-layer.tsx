/**
 * Observed data on the map, apart from the simulation: for each observation the shown time has
 * reached, a solid line with a casing from the server's site to the participant's place and a
 * label reading "observed" at the place. Drawn in the page's foreground colour (the highest
 * contrast on ocean and land in both themes), never in the simulated paths' colours.
 */
import L from 'leaflet'
import type { LeafletEvent } from 'leaflet'
import { Fragment, useMemo } from 'react'
import { Marker, Pane, Polyline, Tooltip } from 'react-leaflet'
import { observationText } from '../../sim/observations-place'
import { selectObservations, selectReachedObservations } from '../../store/observation-selectors'
import { useAppStore, useAppStoreApi } from '../store-context'
import { WORLD_COPY_SHIFTS_DEG } from './basemap'
import { countryName } from './country-name'
import type { MapPalette } from './map-theme'
import { observedLine } from './observed-line'

function labelIcon(): L.DivIcon {
  const span = document.createElement('span')
  span.className = 'kr-observed-label'
  span.textContent = 'observed'
  return L.divIcon({ className: 'kr-observed-icon', html: span, iconSize: undefined })
}

/** Names the label for screen readers; the other world copies' labels are hidden from them. */
function nameLabel(e: LeafletEvent, text: string, isFocusable: boolean): void {
  const element = (e.target as L.Marker).getElement()
  if (isFocusable) element?.setAttribute('aria-label', text)
  else element?.setAttribute('aria-hidden', 'true')
}

/**
 * The observed marks. Only the middle world copy's labels take the keyboard (Enter selects the
 * server's site); each says the whole observation to a screen reader and in its tooltip.
 */
export function ObservedLayer({ palette }: { palette: MapPalette }) {
  const store = useAppStoreApi()
  const isShown = useAppStore((s) => s.isObservedShown)
  const { world, items } = useAppStore(selectObservations)
  const reached = useAppStore(selectReachedObservations)
  const marks = useMemo(() => {
    if (!world) return []
    return items.slice(0, reached).flatMap(({ observation, isInRun }) => {
      const line = observedLine(observation, world)
      if (!isInRun || !line) return []
      const text = observationText(observation, world, countryName)
      // One icon per world copy: Leaflet moves an icon's element into the marker that adds it.
      return WORLD_COPY_SHIFTS_DEG.map((shift) => ({
        key: `${observation.line}@${shift}`,
        siteId: observation.siteId,
        at: line.map(([lat, lon]) => [lat, lon + shift] as [number, number]),
        text,
        isFocusable: shift === 0,
        icon: labelIcon(),
      }))
    })
  }, [world, items, reached])
  if (!isShown || marks.length === 0) return null
  // Labels in a pane of their own above the lines, so no line crosses an "observed" label.
  return (
    <>
      <Pane name="kr-observed" style={{ zIndex: 620 }}>
        {marks.map(({ key, at }) => (
          <Fragment key={key}>
            <Polyline
              positions={at}
              interactive={false}
              pathOptions={{ color: palette.bg, weight: 6, opacity: 0.9 }}
            />
            <Polyline
              positions={at}
              interactive={false}
              pathOptions={{ color: palette.fg, weight: 2.5, opacity: 1 }}
            />
          </Fragment>
        ))}
      </Pane>
      <Pane name="kr-observed-labels" style={{ zIndex: 630 }}>
        {marks.map(({ key, siteId, at, text, isFocusable, icon }) => (
          <Marker
            key={key}
            position={at[1] as [number, number]}
            icon={icon}
            keyboard={isFocusable}
            title={text}
            eventHandlers={{
              add: (e) => nameLabel(e, text, isFocusable),
              click: () => store.getState().select({ kind: 'site', id: siteId }),
            }}
          >
            <Tooltip direction="top" offset={[0, -10]}>
              {text}
            </Tooltip>
          </Marker>
        ))}
      </Pane>
    </>
  )
}
