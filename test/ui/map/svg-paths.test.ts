// @vitest-environment jsdom
import L from 'leaflet'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writeSvgPathsOnlyWhenChanged } from '../../../src/ui/map/svg-paths'

interface Rendered {
  readonly _path: SVGPathElement
}

afterEach(() => {
  document.body.innerHTML = ''
})

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
// A new view is projected in one task and drawn in the next.
const twoTasks = async () => {
  await nextTask()
  await nextTask()
}

function mapWithMarker(): { map: L.Map; marker: L.CircleMarker; path: SVGPathElement } {
  const el = document.createElement('div')
  // jsdom lays nothing out: the map takes its size from these.
  Object.defineProperty(el, 'clientWidth', { value: 800 })
  Object.defineProperty(el, 'clientHeight', { value: 400 })
  document.body.append(el)
  const map = L.map(el, { center: [20, 0], zoom: 2, renderer: L.svg() })
  const marker = L.circleMarker([20, 0], { radius: 6 }).addTo(map)
  return { map, marker, path: (marker as unknown as Rendered)._path }
}

describe('writeSvgPathsOnlyWhenChanged', () => {
  it('leaves an unchanged outline alone and writes a changed one', async () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker, path } = mapWithMarker()
    const before = path.getAttribute('d')
    expect(before).toMatch(/^M/)
    const setAttribute = vi.spyOn(path, 'setAttribute')
    marker.redraw()
    map.fire('zoomend')
    await nextTask()
    expect(setAttribute.mock.calls.filter(([name]) => name === 'd')).toEqual([])
    expect(path.getAttribute('d')).toBe(before)
    marker.setRadius(9)
    const writes = setAttribute.mock.calls.filter(([name]) => name === 'd')
    expect(writes).toHaveLength(1)
    expect(path.getAttribute('d')).not.toBe(before)
    expect(path.getAttribute('d')).toContain('a9,9')
    map.remove()
  })

  it('leaves unchanged style attributes alone and writes changed ones', () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker, path } = mapWithMarker()
    marker.setStyle({ color: '#112233', dashArray: '3 3' })
    expect(path.getAttribute('stroke')).toBe('#112233')
    expect(path.getAttribute('stroke-dasharray')).toBe('3 3')
    const setAttribute = vi.spyOn(path, 'setAttribute')
    const removeAttribute = vi.spyOn(path, 'removeAttribute')
    marker.setStyle({ color: '#112233', dashArray: '3 3' })
    expect(setAttribute).not.toHaveBeenCalled()
    marker.setStyle({ fillOpacity: 0.4, dashArray: '' })
    expect(path.getAttribute('fill-opacity')).toBe('0.4')
    expect(path.getAttribute('stroke')).toBe('#112233')
    expect(removeAttribute).toHaveBeenCalledWith('stroke-dasharray')
    expect(path.hasAttribute('stroke-dasharray')).toBe(false)
    map.remove()
  })

  it('writes the outline of a path created after it is installed', () => {
    writeSvgPathsOnlyWhenChanged()
    writeSvgPathsOnlyWhenChanged()
    const { map, path } = mapWithMarker()
    expect(path.getAttribute('d')).toContain('a6,6')
    map.remove()
  })
})

/** A path's calls to project and to draw itself, counted from now. */
function countCalls(layer: L.Layer): { projections: () => number; drawings: () => number } {
  const internals = layer as unknown as { _project(): void; _update(): void }
  const project = vi.spyOn(internals, '_project')
  const update = vi.spyOn(internals, '_update')
  return { projections: () => project.mock.calls.length, drawings: () => update.mock.calls.length }
}

/** The outline a path gets when it is projected and drawn afresh for the map's view. */
function freshOutline(layer: L.Path, path: SVGPathElement): string | null {
  layer.redraw()
  return path.getAttribute('d')
}

describe('a view set without animation', () => {
  it('projects each path once when the zoom changes in a task of its own, then draws it once in the next', async () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker, path } = mapWithMarker()
    const polygon = L.polygon([
      [10, -10],
      [30, 20],
      [-5, 25],
    ]).addTo(map)
    const polygonPath = (polygon as unknown as Rendered)._path
    const before = polygonPath.getAttribute('d')
    const calls = [countCalls(marker), countCalls(polygon)]
    const renderer = (marker as unknown as { _renderer: object })._renderer as {
      _updateTransform(center: L.LatLng, zoom: number): void
    }
    const transform = vi.spyOn(renderer, '_updateTransform')
    map.setView([15, 10], 4, { animate: false })
    const counts = () => calls.map((c) => [c.projections(), c.drawings()])
    // Meanwhile the last drawing is moved and scaled onto the new view.
    expect(counts()).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(polygonPath.getAttribute('d')).toBe(before)
    expect(transform).toHaveBeenLastCalledWith(map.getCenter(), 4)
    await nextTask()
    expect(counts()).toEqual([
      [1, 0],
      [1, 0],
    ])
    expect(polygonPath.getAttribute('d')).toBe(before)
    await nextTask()
    expect(counts()).toEqual([
      [1, 1],
      [1, 1],
    ])
    const outline = polygonPath.getAttribute('d')
    expect(outline).not.toBe(before)
    expect(freshOutline(polygon, polygonPath)).toBe(outline)
    const circle = path.getAttribute('d')
    expect(freshOutline(marker, path)).toBe(circle)
    // A move that ends where the paths are drawn already draws nothing again.
    const drawn = counts()
    map.fire('moveend')
    await nextTask()
    await nextTask()
    expect(counts()).toEqual(drawn)
    map.remove()
  })

  it('projects again when only the centre moves, and after a pan', async () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker, path } = mapWithMarker()
    map.setView([-30, 120], 5, { animate: false })
    await twoTasks()
    const before = path.getAttribute('d')
    const calls = countCalls(marker)
    // Over a screen away at the same zoom: a view reset with no zoomend before it.
    map.setView([18, 4], 5, { animate: false })
    await twoTasks()
    expect(calls.projections()).toBe(1)
    const moved = path.getAttribute('d')
    expect(moved).not.toBe(before)
    expect(freshOutline(marker, path)).toBe(moved)
    map.panBy([120, -40], { animate: false })
    map.setView(map.getCenter(), map.getZoom(), { animate: false })
    await twoTasks()
    const panned = path.getAttribute('d')
    expect(freshOutline(marker, path)).toBe(panned)
    map.remove()
  })

  it('draws nothing for a map removed before its task comes', async () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker } = mapWithMarker()
    const calls = countCalls(marker)
    map.setView([15, 10], 4, { animate: false })
    map.remove()
    await twoTasks()
    expect([calls.projections(), calls.drawings()]).toEqual([0, 0])
  })
})
