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

function moveTo(map: LeafletMap, { frame }: FrameRequest): void {
  const animate = !prefersReducedMotion()
  if ('bounds' in frame) {
    if (animate) map.flyToBounds(frame.bounds, { duration: FLY_SECONDS })
    else map.fitBounds(frame.bounds, { animate: false })
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
