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

function mapWithMarker(): { map: L.Map; marker: L.CircleMarker; path: SVGPathElement } {
  const el = document.createElement('div')
  document.body.append(el)
  const map = L.map(el, { center: [20, 0], zoom: 2, renderer: L.svg() })
  const marker = L.circleMarker([20, 0], { radius: 6 }).addTo(map)
  return { map, marker, path: (marker as unknown as Rendered)._path }
}

describe('writeSvgPathsOnlyWhenChanged', () => {
  it('leaves an unchanged outline alone and writes a changed one', () => {
    writeSvgPathsOnlyWhenChanged()
    const { map, marker, path } = mapWithMarker()
    const before = path.getAttribute('d')
    expect(before).toMatch(/^M/)
    const setAttribute = vi.spyOn(path, 'setAttribute')
    marker.redraw()
    map.fire('zoomend')
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
