import type { Map as LeafletMap } from 'leaflet'
import { useEffect } from 'react'
import type { FrameRequest } from '../../store/briefing-slice'
import type { AppStore } from '../../store/store'

/** Whether the user asked for less motion: the map then jumps instead of flying. */
export function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  )
}

// A flight between chapters: long enough to follow, short enough not to wait for.
const FLY_SECONDS = 1.2

/**
 * A frame's corners as Leaflet takes them. A west corner east of the east corner frames across
 * the antimeridian (the Pacific from China to North America, say): the west corner moves a turn
 * west, so the view's middle stays within ±180° and the frame is not read as its complement.
 */
export function leafletBoundsOf(
  bounds: readonly [readonly [number, number], readonly [number, number]],
): [[number, number], [number, number]] {
  const [[south, west], [north, east]] = bounds
  return [
    [south, east < west ? west - 360 : west],
    [north, east],
  ]
}

function moveTo(map: LeafletMap, { frame }: FrameRequest): void {
  const animate = !prefersReducedMotion()
  if ('bounds' in frame) {
    const bounds = leafletBoundsOf(frame.bounds)
    if (animate) map.flyToBounds(bounds, { duration: FLY_SECONDS })
    else map.fitBounds(bounds, { animate: false })
  } else if (animate) map.flyTo(frame.center, frame.zoom, { duration: FLY_SECONDS })
  else map.setView(frame.center, frame.zoom, { animate: false })
}

/** Moves the map to each frame a briefing chapter asks for, smoothly or, for reduced motion, at once. */
export function useChapterFrame(map: LeafletMap | null, store: AppStore): void {
  useEffect(() => {
    if (!map) return
    let last = store.getState().frameRequest
    if (last) moveTo(map, last)
    let frame = 0
    const unsubscribe = store.subscribe((s) => {
      if (s.frameRequest === last) return
      last = s.frameRequest
      const request = last
      // The chapter's words and figures paint first; the map moves from the next frame on.
      cancelAnimationFrame(frame)
      if (request) frame = requestAnimationFrame(() => moveTo(map, request))
    })
    return () => {
      unsubscribe()
      cancelAnimationFrame(frame)
    }
  }, [map, store])
}
