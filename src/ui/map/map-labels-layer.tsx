/**
 * Permanent labels on the map, as DOM text in a Leaflet pane: crisp at any pixel ratio, read by
 * screen readers as a list, and styled by CSS in both themes (text with a halo in the page's
 * background colour). The pane moves with the map while it is dragged; after every move, zoom or
 * resize the labels are measured and placed again with {@link placeLabels}, so none overlaps
 * another, the legend or the map's buttons. Nothing animates.
 */
import type { Map as LeafletMap } from 'leaflet'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useMap } from 'react-leaflet'
import { clearanceUnder, placeLabels } from './label-placement'
import type { Box, LabelRequest } from './label-placement'

/** Name of the pane the labels live in: above the site markers, below tooltips. */
export const LABEL_PANE = 'kr-labels'

/** One label to show if there is room, with the symbol radius around its point to keep clear. */
export interface MapLabelItem {
  readonly id: string
  readonly text: string
  /** Words for screen readers before the text, which the map's symbol says to the eye. */
  readonly hiddenPrefix?: string
  readonly lat: number
  readonly lon: number
  readonly clearancePx: number
  readonly className: string
}

// Map chrome that labels keep clear of, found beside the map (the watermark is a sibling).
const CHROME =
  '.kr-map-legend, .kr-map-fit, .kr-map-credit, .leaflet-control, .kr-watermark, .kr-present'
const FRAME_INSET_PX = 2

function relativeBox(el: Element, origin: DOMRect): Box {
  const r = el.getBoundingClientRect()
  return {
    left: r.left - origin.left,
    top: r.top - origin.top,
    right: r.right - origin.left,
    bottom: r.bottom - origin.top,
  }
}

/*
 * Labels put in the page at most, the most important ones whose point is in or near the view: a
 * step of a large world names thousands of places, and laying out thousands of hidden labels
 * took hundreds of milliseconds per step and per zoom. Far fewer than this fit on any screen.
 */
export const MAX_LABELS_IN_VIEW = 300
// A label's point this far outside the view may still have its label inside.
const VIEW_MARGIN_PX = 240

/** The container point of (lat, lon) on the world copy nearest the view's centre. */
function projectNear(map: LeafletMap, lat: number, lon: number) {
  const centerLon = map.getCenter().lng
  return map.latLngToContainerPoint([lat, lon + 360 * Math.round((centerLon - lon) / 360)])
}

/** The first {@link MAX_LABELS_IN_VIEW} of `items` whose point lies in or near the view. */
function itemsInView(map: LeafletMap, items: readonly MapLabelItem[]): MapLabelItem[] {
  const size = map.getSize()
  const out: MapLabelItem[] = []
  for (const item of items) {
    if (out.length >= MAX_LABELS_IN_VIEW) break
    const p = projectNear(map, item.lat, item.lon)
    const isNear =
      p.x > -VIEW_MARGIN_PX &&
      p.y > -VIEW_MARGIN_PX &&
      p.x < size.x + VIEW_MARGIN_PX &&
      p.y < size.y + VIEW_MARGIN_PX
    if (isNear) out.push(item)
  }
  return out
}

const isSameList = <T,>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

function chromeOf(map: LeafletMap): Element[] {
  const container = map.getContainer()
  const area = container.closest('.kr-map')?.parentElement ?? container.parentElement
  return area ? [...area.querySelectorAll(CHROME)] : []
}

/**
 * The labels, in priority order (first is placed first). `markers` are symbols no label may
 * cover, labelled or not (the data-center markers, whose colour tells their load).
 */
export function MapLabels({
  items: allItems,
  markers,
}: {
  items: readonly MapLabelItem[]
  markers: readonly { readonly lat: number; readonly lon: number; readonly radiusPx: number }[]
}) {
  const map = useMap()
  const pane = useMemo(() => {
    const existing = map.getPane(LABEL_PANE)
    if (existing) return existing
    const created = map.createPane(LABEL_PANE)
    created.style.zIndex = '620'
    created.style.pointerEvents = 'none'
    return created
  }, [map])
  const listRef = useRef<HTMLUListElement | null>(null)
  // The labels in view, picked again when the items change (here) and after each move (below).
  const [picked, setPicked] = useState(() => ({
    from: allItems,
    items: itemsInView(map, allItems),
  }))
  if (picked.from !== allItems) setPicked({ from: allItems, items: itemsInView(map, allItems) })
  const items = picked.items
  const pickedRef = useRef(picked)
  useEffect(() => {
    pickedRef.current = picked
  }, [picked])
  /** Picks the labels in view again; whether they changed (their commit then lays them out). */
  const pickAgain = useCallback((): boolean => {
    const last = pickedRef.current
    const next = itemsInView(map, last.from)
    // The same labels keep the same list: a pan among them only moves them.
    if (isSameList(next, last.items)) return false
    const changed = { from: last.from, items: next }
    pickedRef.current = changed
    setPicked((current) => (current.from === last.from ? changed : current))
    return true
  }, [map])

  // From zoomstart to the move's end (a flight's frames included), layer positions go stale.
  const isZooming = useRef(false)
  const layout = useCallback(() => {
    const list = listRef.current
    if (!list) return
    if (isZooming.current) {
      list.style.visibility = 'hidden'
      return
    }
    const container = map.getContainer()
    const origin = container.getBoundingClientRect()
    const size = map.getSize()
    const project = (lat: number, lon: number) => projectNear(map, lat, lon)
    const elements = new Map<string, HTMLElement>()
    for (const el of list.querySelectorAll<HTMLElement>('[data-label-id]'))
      elements.set(el.dataset.labelId ?? '', el)
    const markerBoxes: Box[] = []
    for (const m of markers) {
      const p = project(m.lat, m.lon)
      const r = m.radiusPx - 1
      if (p.x + r > 0 && p.y + r > 0 && p.x - r < size.x && p.y - r < size.y)
        markerBoxes.push({ left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r })
    }
    const requests: LabelRequest[] = []
    items.forEach((item, priority) => {
      const el = elements.get(item.id)
      if (!el) return
      const p = project(item.lat, item.lon)
      const clearancePx = clearanceUnder(p.x, p.y, item.clearancePx, markerBoxes)
      requests.push({
        id: item.id,
        x: p.x,
        y: p.y,
        width: el.offsetWidth,
        height: el.offsetHeight,
        priority,
        clearancePx,
      })
    })
    const obstacles: Box[] = [...chromeOf(map).map((el) => relativeBox(el, origin)), ...markerBoxes]
    const frame: Box = {
      left: FRAME_INSET_PX,
      top: FRAME_INSET_PX,
      right: size.x - FRAME_INSET_PX,
      bottom: size.y - FRAME_INSET_PX,
    }
    const placed = new Map(placeLabels(requests, obstacles, frame).map((p) => [p.id, p.box]))
    // Written only where they change: a large world has thousands of labels, most of them hidden,
    // and each write makes the browser restyle the element.
    const write = (el: HTMLElement, key: 'transform' | 'visibility', value: string): void => {
      if (el.style[key] !== value) el.style[key] = value
    }
    for (const [id, el] of elements) {
      const box = placed.get(id)
      if (!box) {
        write(el, 'visibility', 'hidden')
        continue
      }
      const at = map.containerPointToLayerPoint([box.left, box.top])
      write(el, 'transform', `translate(${Math.round(at.x)}px, ${Math.round(at.y)}px)`)
      // Inherited from the list, which hides every label while a zoom or flight is under way.
      write(el, 'visibility', 'inherit')
    }
    list.style.visibility = 'visible'
  }, [map, items, markers])

  // A commit that brings new labels lays them out in a task of its own, after the next frame: by
  // then the browser has laid the new labels out itself, so measuring them costs no layout of its
  // own. Measured in the task after the commit, the labels forced that layout (of the labels and
  // whatever else the step changed) into their task, 15 to 54 ms in all in a large world.
  // Meanwhile a new label stays hidden (the style sheet's default) and the others stay where they
  // are, which is right: the map has not moved (a move lays out at once).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const afterFrame = (): void => {
      timer = setTimeout(layout, 0)
    }
    const frame =
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(afterFrame) : 0
    if (frame === 0) afterFrame()
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
    }
  }, [layout])

  useEffect(() => {
    // Mid-zoom, layer positions are stale until the zoom ends: hide rather than show them wrong,
    // even when the shown step changes mid-flight (a briefing chapter's new hour and frame).
    const hide = (): void => {
      isZooming.current = true
      if (listRef.current) listRef.current.style.visibility = 'hidden'
    }
    const settle = (): void => {
      isZooming.current = false
    }
    // A zoom ends with zoomend and moveend in one task: lay out once, after both, in a task of
    // its own, since the map redraws its markers and shapes for the new view in that one (a run's
    // framing, in a large world, took about 40 ms with the labels' 13 ms in it). Where the move
    // brings other labels into view, only their commit lays them out: laying out the old ones
    // first, then the new, made the task after a large world's framing 15 to 52 ms.
    let timer: ReturnType<typeof setTimeout> | null = null
    const relayout = (): void => {
      timer ??= setTimeout(() => {
        timer = null
        if (!pickAgain()) layout()
      }, 0)
    }
    map.on('moveend zoomend viewreset', settle)
    map.on('moveend zoomend resize viewreset', relayout)
    map.on('zoomstart', hide)
    // The legend grows as a run streams in: its resize is heard in the frame that laid it out,
    // and placing the labels there too made one task of 30 to 60 ms in a large world.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(relayout) : null
    for (const el of chromeOf(map)) observer?.observe(el)
    return () => {
      map.off('moveend zoomend viewreset', settle)
      map.off('moveend zoomend resize viewreset', relayout)
      map.off('zoomstart', hide)
      observer?.disconnect()
      if (timer) clearTimeout(timer)
    }
  }, [map, layout, pickAgain])

  return createPortal(
    <ul ref={listRef} className="kr-map-labels" aria-label="Places named on the map">
      {items.map((item) => (
        <li key={item.id} data-label-id={item.id} className={`kr-map-label ${item.className}`}>
          {item.hiddenPrefix ? (
            <span className="kr-visually-hidden">{item.hiddenPrefix}</span>
          ) : null}
          {item.text}
        </li>
      ))}
    </ul>,
    pane,
  )
}
