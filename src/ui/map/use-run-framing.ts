/**
 * The map's framing of a scenario's story: once its first run is done, the view moves to the
 * run's exposure arcs unless the user has moved the map since the scenario opened.
 */
import type { Map as LeafletMap } from 'leaflet'
import { useCallback, useEffect, useRef } from 'react'
import { selectMapRun } from '../../store/selectors'
import type { AppState, RunState } from '../../store/store'
import { useAppStoreApi } from '../store-context'
import { WORLD_VIEW, cornersOf, runViewInSlices } from './map-view'
import type { ViewBounds } from './map-view'

// Room around framed key paths for the zoom buttons, the legend's header and the credit line.
const FIT_PADDING_TOP_LEFT: [number, number] = [56, 24]
const FIT_PADDING_BOTTOM_RIGHT: [number, number] = [24, 44]
const FIT_MAX_ZOOM = 5

/**
 * Room on the left for the zoom buttons, or for the legend where it stands open (a roomy screen
 * opens it): framed arcs that start behind it would hide their site.
 */
function fitPaddingTopLeft(map: LeafletMap): [number, number] {
  const container = map.getContainer()
  const legend = container.parentElement?.querySelector('.kr-map-legend')
  const [left, top] = FIT_PADDING_TOP_LEFT
  if (!legend) return [left, top]
  const box = legend.getBoundingClientRect()
  const mapBox = container.getBoundingClientRect()
  // Folded, the legend is one header line in the corner the credit line also takes.
  const isOpen = box.height > mapBox.height / 4
  return [isOpen ? Math.max(left, box.right - mapBox.left + 12) : left, top]
}

/** What identifies a scenario: a preset's id, or the imported scenario object. */
function scenarioKeyOf(state: AppState): unknown {
  return state.settings.presetId === 'custom' ? state.customScenario : state.settings.presetId
}

interface Framing {
  scenarioKey: unknown
  /** The primary run that was on screen when the scenario changed: it frames nothing. */
  staleRunId: number
  isPending: boolean
  isUserMoved: boolean
  isFitting: boolean
}

/**
 * Frames each scenario's story: once the first run of a scenario is done, moves the view to that
 * run's exposure arcs (see {@link runViewOf}) unless the user has panned or zoomed since the
 * scenario opened. Returns the same framing on demand, for the run the map shows. The view moves
 * imperatively: MapContainer props never change after mount.
 */
export function useRunFraming(map: LeafletMap | null): () => void {
  const store = useAppStoreApi()
  const framingRef = useRef<Framing>({
    scenarioKey: undefined,
    staleRunId: -1,
    isPending: true,
    isUserMoved: false,
    isFitting: false,
  })

  // Whether Leaflet animates a zoom: a view set meanwhile is undone when the animation ends (it
  // moves to the zoom's target), so a framing asked for then waits for the zoom's end.
  const isZoomAnimating = useRef(false)
  const fitTo = useCallback(
    (bounds: ViewBounds) => {
      if (!map) return
      const fit = (): void => {
        const framing = framingRef.current
        framing.isFitting = true
        try {
          map.fitBounds(cornersOf(bounds), {
            animate: false,
            paddingTopLeft: fitPaddingTopLeft(map),
            paddingBottomRight: FIT_PADDING_BOTTOM_RIGHT,
            maxZoom: FIT_MAX_ZOOM,
          })
        } finally {
          framing.isFitting = false
        }
      }
      if (isZoomAnimating.current) map.once('zoomend', fit)
      else fit()
    },
    [map],
  )

  useEffect(() => {
    if (!map) return
    const onMoveStart = (): void => {
      if (!framingRef.current.isFitting) framingRef.current.isUserMoved = true
    }
    const onZoomAnim = (): void => {
      isZoomAnimating.current = true
    }
    const onZoomEnd = (): void => {
      isZoomAnimating.current = false
    }
    map.on('movestart zoomstart', onMoveStart)
    map.on('zoomanim', onZoomAnim)
    map.on('zoomend', onZoomEnd)
    return () => {
      map.off('movestart zoomstart', onMoveStart)
      map.off('zoomanim', onZoomAnim)
      map.off('zoomend', onZoomEnd)
    }
  }, [map])

  // A large run's framing is worked out over several tasks; a newer framing stops the older.
  const stopWork = useRef<() => void>(() => {})
  // The last finished run's framing, kept: the button frames it again at once, where working it
  // out anew over many tasks landed after the stress bench's 400 ms wait in its largest world.
  const framed = useRef<{ steps: RunState['steps']; view: ViewBounds } | null>(null)
  const frameRun = useCallback(
    (run: RunState | null, isWanted: () => boolean) => {
      stopWork.current()
      if (!run?.world) return fitTo(WORLD_VIEW)
      const { steps } = run
      const known = framed.current
      if (known?.steps === steps && run.status === 'done') return fitTo(known.view)
      stopWork.current = runViewInSlices(run.world, steps, (view) => {
        if (run.status === 'done') framed.current = { steps, view }
        if (isWanted()) fitTo(view)
      })
    },
    [fitTo],
  )
  useEffect(() => () => stopWork.current(), [])

  useEffect(() => {
    if (!map) return
    const check = (state: AppState): void => {
      const framing = framingRef.current
      const key = scenarioKeyOf(state)
      if (key !== framing.scenarioKey) {
        // On mount the run on screen is this scenario's; later, the run still shown is the old one.
        framing.staleRunId = framing.scenarioKey === undefined ? -1 : (state.run?.runId ?? -1)
        framing.scenarioKey = key
        framing.isPending = true
        framing.isUserMoved = false
      }
      // A briefing chapter frames the map itself (chapter-frame.ts).
      if (state.briefing) framing.isPending = false
      const run = state.run
      if (!framing.isPending || !run || run.runId === framing.staleRunId) return
      if (run.status !== 'done' || !run.world) return
      framing.isPending = false
      const framedKey = framing.scenarioKey
      if (!framing.isUserMoved)
        frameRun(run, () => !framing.isUserMoved && framing.scenarioKey === framedKey)
    }
    check(store.getState())
    return store.subscribe(check)
  }, [map, store, frameRun])

  return useCallback(() => {
    frameRun(selectMapRun(store.getState()), () => true)
  }, [store, frameRun])
}
