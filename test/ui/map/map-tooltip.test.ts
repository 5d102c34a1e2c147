// @vitest-environment jsdom
import L from 'leaflet'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { aboveTooltip } from '../../../src/ui/map/map-tooltip'

describe('aboveTooltip', () => {
  afterEach(() => vi.restoreAllMocks())

  it('stands centred above its point, placed without reading its own size', () => {
    const div = document.createElement('div')
    document.body.append(div)
    const map = L.map(div, { zoomAnimation: false }).setView([0, 0], 2)
    const width = vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get')
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
    const tooltip = aboveTooltip(-8).setContent('A path').setLatLng([10, 20])
    map.openTooltip(tooltip)
    tooltip.setLatLng([12, 22])
    const el = tooltip.getElement() as HTMLElement
    const at = map.latLngToLayerPoint([12, 22])
    // jsdom has no 3D transforms: Leaflet places the box by its left and top.
    expect([el.style.left, el.style.top]).toEqual([`${at.x}px`, `${at.y - 8}px`])
    expect(el.style.transform).toBe('translate(-50%, -100%)')
    expect(el.classList.contains('leaflet-tooltip-top')).toBe(true)
    expect(width).not.toHaveBeenCalled()
    expect(height).not.toHaveBeenCalled()
    map.remove()
    div.remove()
  })
})
