import { useMemo } from 'react'
import { CircleMarker, Pane, Polyline, Tooltip } from 'react-leaflet'
import { useShallow } from 'zustand/react/shallow'
import { callGeometry, findLedger } from '../../store/ledger-selectors'
import type { CallLine } from '../../store/ledger-selectors'
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import type { MapPalette } from './map-theme'

/** Above the sites (500) so the call reads on top; it takes no clicks, so sites stay clickable. */
const CALL_PANE_Z = 510

/** Stroke of a call line: media links dashed in the accent colour, key paths by exposure. */
export function callLineStyle(
  line: Pick<CallLine, 'kind' | 'exposure'>,
  palette: MapPalette,
): { color: string; weight: number; dashArray?: string; opacity: number } {
  if (line.kind === 'link')
    return { color: palette.accent, weight: 2, dashArray: '6 5', opacity: 0.9 }
  if (line.exposure === 'concern') return { color: palette.exposed, weight: 5, opacity: 1 }
  if (line.exposure === 'crossBorder') return { color: palette.crossBorder, weight: 4, opacity: 1 }
  return { color: palette.normalPath, weight: 3, opacity: 0.95 }
}

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
        line.paths.map((path, j) => (
          <Polyline
            key={`${call.meetingId}-${i}-${j}`}
            positions={path as [number, number][]}
            pathOptions={{ ...callLineStyle(line, palette), interactive: false }}
          />
        )),
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
