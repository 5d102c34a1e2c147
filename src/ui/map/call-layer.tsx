import { useMemo } from 'react'
import { CircleMarker, Pane, Polyline, Tooltip } from 'react-leaflet'
import { useShallow } from 'zustand/react/shallow'
import { callGeometry, findLedger } from '../../store/ledger-selectors'
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import { callLineStyle } from './call-draw'
import type { MapPalette } from './map-theme'

/** Above the sites (500) so the call reads on top; it takes no clicks, so sites stay clickable. */
const CALL_PANE_Z = 510

/**
 * The open meeting ledger drawn as a call: its participants' cities, a dashed link from each to
 * the site that relays its media, and its key paths, exposures thickest and on top. A meeting
 * has a few dozen elements at most, so plain react-leaflet layers suffice.
 */
export function CallLayer({ palette }: { palette: MapPalette }) {
  const { summary, world, meetingId } = useAppStore(
    useShallow((s) => {
      const run = selectMapRun(s)
      return { summary: run?.summary, world: run?.world, meetingId: s.ledgerMeetingId }
    }),
  )
  const call = useMemo(() => {
    const ledger = findLedger(summary, meetingId)
    return ledger && world ? callGeometry(ledger, world) : null
  }, [summary, world, meetingId])
  if (!call) return null
  return (
    <Pane name="kr-call" style={{ zIndex: CALL_PANE_Z, pointerEvents: 'none' }}>
      {call.lines.map((line, i) =>
        line.paths.map((path, j) => {
          const style = callLineStyle(line, palette)
          // A halo in the background colour lifts the call off the run's own key paths.
          return [
            <Polyline
              key={`${call.meetingId}-${i}-${j}-halo`}
              positions={path as [number, number][]}
              pathOptions={{
                color: palette.bg,
                weight: style.weight + 4,
                opacity: 0.85,
                interactive: false,
              }}
            />,
            <Polyline
              key={`${call.meetingId}-${i}-${j}`}
              positions={path as [number, number][]}
              pathOptions={{ ...style, interactive: false }}
            />,
          ]
        }),
      )}
      {call.places.map((place) => (
        <CircleMarker
          key={`${call.meetingId}-${place.kind}-${place.name}-${place.lat}`}
          center={[place.lat, place.lon]}
          radius={place.kind === 'city' ? 6 : 4}
          pathOptions={{
            color: palette.fg,
            weight: 2,
            fillColor: place.isExposed ? palette.exposed : palette.accent,
            fillOpacity: place.kind === 'city' ? 1 : 0.6,
            interactive: false,
          }}
        >
          {place.kind === 'city' && (
            <Tooltip permanent direction="top" offset={[0, -6]} className="kr-call-label">
              {place.name}
            </Tooltip>
          )}
        </CircleMarker>
      ))}
    </Pane>
  )
}
