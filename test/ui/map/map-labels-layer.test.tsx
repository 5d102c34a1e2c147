// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react'
import type L from 'leaflet'
import { useEffect } from 'react'
import { MapContainer, useMap } from 'react-leaflet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MapLabels } from '../../../src/ui/map/map-labels-layer'
import type { MapLabelItem } from '../../../src/ui/map/map-labels-layer'

// jsdom lays nothing out: a map of 800 x 400 and labels of 80 x 20 give the labels a place.
const SIZES = { clientWidth: 800, clientHeight: 400, offsetWidth: 80, offsetHeight: 20 }
const saved = new Map<string, PropertyDescriptor | undefined>()
beforeEach(() => {
  for (const [key, value] of Object.entries(SIZES)) {
    saved.set(key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key))
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value })
  }
})
afterEach(() => {
  cleanup()
  for (const [key, descriptor] of saved) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor)
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key]
  }
})

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
// A commit's labels are laid out in a task after the next frame.
const afterNextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

const label = (id: string, lat: number, lon: number): MapLabelItem => ({
  id,
  text: id,
  lat,
  lon,
  clearancePx: 4,
  className: '',
})

function Probe({ onMap }: { onMap: (map: L.Map) => void }) {
  const map = useMap()
  useEffect(() => onMap(map), [map, onMap])
  return null
}

describe('MapLabels', () => {
  it('stays hidden from the start of a zoom or flight to its end, even when its places change', async () => {
    let map: L.Map | null = null
    const onMap = (m: L.Map) => {
      map = m
    }
    const view = (items: readonly MapLabelItem[]) => (
      <MapContainer center={[40, -30]} zoom={2} style={{ width: 800, height: 400 }}>
        <Probe onMap={onMap} />
        <MapLabels items={items} markers={[]} />
      </MapContainer>
    )
    const { container, rerender } = render(view([label('Toronto', 43.7, -79.4)]))
    // Whether Toronto's label shows: the visibility it has or inherits (the style sheet, which
    // jsdom does not load, hides a label until it is placed).
    const shows = () => {
      let el: HTMLElement | null = container.querySelector('[data-label-id="Toronto"]')
      while (el && ['', 'inherit'].includes(el.style.visibility)) el = el.parentElement
      return el?.style.visibility !== 'hidden'
    }
    await act(afterNextFrame)
    expect(shows()).toBe(true)
    act(() => {
      map!.fire('zoomstart')
    })
    expect(shows()).toBe(false)
    // A briefing chapter shows its new hour while the map flies to its frame.
    rerender(view([label('Toronto', 43.7, -79.4), label('Beijing', 39.9, 116.4)]))
    expect(shows()).toBe(false)
    act(() => {
      map!.fire('zoomend').fire('moveend')
    })
    // Laid out again in a task of its own, after the one that ended the zoom.
    await Promise.resolve()
    expect(shows()).toBe(false)
    await act(nextTask)
    expect(shows()).toBe(true)
  })

  it('places the labels a commit brings in a task after the next frame, not in the commit', async () => {
    const view = (items: readonly MapLabelItem[]) => (
      <MapContainer center={[40, -30]} zoom={2} style={{ width: 800, height: 400 }}>
        <MapLabels items={items} markers={[]} />
      </MapContainer>
    )
    const { container, rerender } = render(view([label('Toronto', 43.7, -79.4)]))
    const placedAt = (id: string) =>
      container.querySelector<HTMLElement>(`[data-label-id="${id}"]`)?.style.transform
    expect(placedAt('Toronto')).toBe('')
    await act(afterNextFrame)
    const toronto = placedAt('Toronto')
    expect(toronto).toMatch(/^translate\(/)
    rerender(view([label('Toronto', 43.7, -79.4), label('London', 51.5, -0.1)]))
    // The label already placed stays where it was; the new one waits, hidden, for its place,
    // which the browser's own layout of the next frame lets it measure for free.
    expect(placedAt('Toronto')).toBe(toronto)
    expect(placedAt('London')).toBe('')
    await act(nextTask)
    expect(placedAt('London')).toBe('')
    await act(afterNextFrame)
    expect(placedAt('London')).toMatch(/^translate\(/)
  })

  it('after a move that brings other labels into view, measures only those, after their commit', async () => {
    let map: L.Map | null = null
    const onMap = (m: L.Map) => {
      map = m
    }
    const { container } = render(
      <MapContainer center={[40, -30]} zoom={4} style={{ width: 800, height: 400 }}>
        <Probe onMap={onMap} />
        <MapLabels
          items={[label('Toronto', 43.7, -79.4), label('Beijing', 39.9, 116.4)]}
          markers={[]}
        />
      </MapContainer>,
    )
    const placedAt = (id: string) =>
      container.querySelector<HTMLElement>(`[data-label-id="${id}"]`)?.style.transform
    let measured: string[] = []
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
      configurable: true,
      get(this: HTMLElement) {
        measured.push(this.dataset.labelId ?? '')
        return SIZES.offsetWidth
      },
    })
    await act(afterNextFrame)
    expect(measured).toEqual(['Toronto'])
    expect(placedAt('Beijing')).toBeUndefined()
    measured = []
    act(() => {
      map!.setView([40, 116], 4, { animate: false })
    })
    await act(nextTask)
    await act(afterNextFrame)
    expect(measured).toEqual(['Beijing'])
    expect(placedAt('Beijing')).toMatch(/^translate\(/)
    expect(placedAt('Toronto')).toBeUndefined()
  })
})
