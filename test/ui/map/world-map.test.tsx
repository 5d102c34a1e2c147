// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import countriesTopology from 'world-atlas/countries-110m.json'
import { createRun } from '../../../src/sim/engine'
import type { StepRecord } from '../../../src/sim/model'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../../src/sim/scenario'
import { createAppStore } from '../../../src/store/store'
import type { AppStore } from '../../../src/store/store'
import L from 'leaflet'
import { FlowLayer } from '../../../src/ui/map/flow-layer'
import { utilisationColour } from '../../../src/ui/map/map-scales'
import { SiteList } from '../../../src/ui/map/site-list'
import { WorldMap } from '../../../src/ui/map/world-map'
import { StoreProvider } from '../../../src/ui/store-context'
import type { SimulationClient } from '../../../src/worker/client'
import type { WorkerMessage } from '../../../src/worker/protocol'
import { forgetSceneBasemap } from '../../../src/ui/map/projected-basemap'

// jsdom has no canvas: a context whose every method is a no-op is enough for the flow layer.
// The fill colours each canvas is given are kept, to tell what the mark layer drew.
const noop = () => {}
const fills = new WeakMap<HTMLCanvasElement, string[]>()
function getContext(this: HTMLCanvasElement) {
  const record = (v: unknown): void => {
    fills.set(this, [...(fills.get(this) ?? []), String(v)])
  }
  return new Proxy<Record<string | symbol, unknown>>(
    {},
    {
      get: (t, p) => (p in t ? t[p] : noop),
      set: (t, p, v) => {
        if (p === 'fillStyle') record(v)
        return ((t[p] = v), true)
      },
    },
  )
}

const topology = JSON.stringify(countriesTopology)

const parsed = parseScenario(PRESETS['citizenlab-2020'])
if (!parsed.ok) throw new Error('the citizenlab-2020 preset does not parse')
const resolved = resolveScenario(parsed.scenario)
const run = createRun(resolved)
const steps: StepRecord[] = run.advance(run.stepCount)
const { stepFlows: _stepFlows, ...summary } = run.finish()
const exposedStep = steps.findIndex((s) => s.flows.some((f) => f.exposures > 0))

/** Replays the precomputed run for every `run` command, as the worker would. */
function replayClient(): SimulationClient {
  const listeners = new Set<(m: WorkerMessage) => void>()
  const post = (m: WorkerMessage) => listeners.forEach((l) => l(m))
  return {
    send(command) {
      if (command.type !== 'run') return
      const runId = command.runId
      queueMicrotask(() => {
        post({
          type: 'started',
          runId,
          stepCount: run.stepCount,
          stepMinutes: parsed.ok ? parsed.scenario.stepMinutes : 60,
          world: resolved.world,
          timeline: run.timeline,
          concernJurisdictions: resolved.scenario.keys.concernJurisdictions,
          scale: resolved.scenario.demand.scale,
          paidOptInRegions: [...resolved.paidOptInRegions],
          startDate: resolved.scenario.startDate,
          hash: run.hash,
        })
        post({ type: 'snapshot', runId, steps })
        post({ type: 'done', runId, summary })
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose: () => listeners.clear(),
  }
}

function renderMap(): AppStore {
  const store = createAppStore(replayClient())
  render(
    <StoreProvider store={store}>
      <WorldMap />
      <SiteList />
    </StoreProvider>,
  )
  act(() => store.getState().rerun())
  return store
}

/** The mark layer's canvas: the country circles and the data-center markers. */
const sitesCanvas = (): HTMLCanvasElement | null =>
  document.querySelector<HTMLCanvasElement>('.leaflet-kr-marks-pane canvas.kr-marks')

/** The map of a finished run, once the site layer draws every site. */
async function renderWithAllSiteMarkers(): Promise<AppStore> {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
  const store = renderMap()
  await waitFor(() => expect(store.getState().run?.status).toBe('done'))
  await waitFor(() =>
    expect(sitesCanvas()?.dataset.sites).toBe(String(resolved.world.sites.length)),
  )
  await screen.findByRole('list', { name: 'Data centers on the map' })
  return store
}

/** Runs `body` with every element laid out 800 x 400 (jsdom lays nothing out). */
async function withBoxes(body: () => Promise<void>): Promise<void> {
  const box = (value: number) => ({ configurable: true, get: () => value })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', box(800))
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', box(400))
  try {
    await body()
  } finally {
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
  }
}

beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    value: getContext,
    configurable: true,
  })
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('WorldMap', () => {
  it('has steps with exposures to show (precondition of the tests below)', () => {
    expect(exposedStep).toBeGreaterThanOrEqual(0)
  })

  it('labels the map and credits the offline basemap', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    renderMap()
    expect(await screen.findByRole('region', { name: /world map/i })).toBeInTheDocument()
    expect(screen.getByText(/Basemap: Natural Earth \(world-atlas\)/)).toBeInTheDocument()
  })

  it('toggles each layer from the legend with buttons whose pressed state follows the store', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    const user = userEvent.setup()
    const legend = screen.getByRole('region', { name: 'Map legend and layers' })
    // A small viewport starts with the legend folded; it opens from its own button.
    const opener = within(legend).getByRole('button', { name: /Legend and layers/ })
    expect(opener).toHaveAttribute('aria-expanded', 'false')
    await user.click(opener)
    expect(opener).toHaveAttribute('aria-expanded', 'true')
    for (const [name, layer] of [
      ['Data centers', 'sites'],
      ['Participant cities', 'cities'],
      ['Key paths', 'flows'],
      ['Exposed countries', 'countries'],
    ] as const) {
      const button = within(legend).getByRole('button', { name })
      expect(button).toHaveAttribute('aria-pressed', 'true')
      await user.click(button)
      expect(button).toHaveAttribute('aria-pressed', 'false')
      expect(store.getState().layers[layer]).toBe(false)
      await user.keyboard('{Enter}')
      expect(store.getState().layers[layer]).toBe(true)
    }
  })

  it('closes the legend on Escape from inside it, keeping the selection until a second Escape', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    const user = userEvent.setup()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    act(() => store.getState().select({ kind: 'country', id: 'CA' }))
    const legend = screen.getByRole('region', { name: 'Map legend and layers' })
    const opener = within(legend).getByRole('button', { name: /Legend and layers/ })
    await user.click(opener)
    within(legend).getByRole('button', { name: 'Key paths' }).focus()
    expect(within(legend).getByText(/Dotted, still: key from another country/)).toBeVisible()
    await user.keyboard('{Escape}')
    expect(opener).toHaveAttribute('aria-expanded', 'false')
    expect(opener).toHaveFocus()
    expect(store.getState().selection).toEqual({ kind: 'country', id: 'CA' })
    await user.keyboard('{Escape}')
    expect(store.getState().selection).toBeNull()
  })

  it('offers a keyboard-operable button that fits the view to the key paths', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    const user = userEvent.setup()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    const fit = screen.getByRole('button', { name: 'Fit to key paths' })
    fit.focus()
    await user.keyboard('{Enter}')
    expect(fit).toHaveFocus()
  })

  // The map framed by the run's end, then zoomed in by its button (in a laid-out box).
  async function framedThenZoomedIn() {
    const store = renderMap()
    const opened = store.getState().mapBounds
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    // The run's own framing lands a few tasks after its end.
    await waitFor(() => expect(store.getState().mapBounds).not.toEqual(opened))
    const framed = store.getState().mapBounds
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    await waitFor(() => expect(store.getState().mapBounds).not.toEqual(framed))
    return { store, framed, zoomed: store.getState().mapBounds }
  }
  const fitToKeyPaths = (): void => {
    act(() => screen.getByRole('button', { name: 'Fit to key paths' }).click())
  }

  it('frames the run again at once when asked, from the framing worked out at its end', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    await withBoxes(async () => {
      const { store, framed } = await framedThenZoomedIn()
      // In the click's own task, not after the run's framing is worked out anew.
      fitToKeyPaths()
      expect(store.getState().mapBounds).toEqual(framed)
    })
  })

  it('frames the run when a zoom under way ends, not in its middle, where its end would undo it', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const maps: L.Map[] = []
    L.Map.addInitHook(function (this: L.Map) {
      maps.push(this)
    })
    await withBoxes(async () => {
      const { store, framed, zoomed } = await framedThenZoomedIn()
      const map = maps[maps.length - 1] as L.Map
      // jsdom animates no zoom: the events of one stand for it.
      map.fire('zoomanim', { center: map.getCenter(), zoom: map.getZoom(), noUpdate: false })
      fitToKeyPaths()
      expect(store.getState().mapBounds).toEqual(zoomed)
      act(() => {
        map.fire('zoomend')
      })
      expect(store.getState().mapBounds).toEqual(framed)
    })
  })

  it('reports the area it shows to the store when drawn and after every move', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    await withBoxes(async () => {
      const store = renderMap()
      const first = store.getState().mapBounds
      expect(first).not.toBeNull()
      expect(first!.north).toBeGreaterThan(first!.south)
      expect(first!.east).toBeGreaterThan(first!.west)
      await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
      await waitFor(() => expect(store.getState().mapBounds).not.toEqual(first))
      const zoomed = store.getState().mapBounds!
      expect(zoomed.east - zoomed.west).toBeLessThan(first!.east - first!.west)
    })
  })

  it('tells screen readers how many keys were exposed in the shown hour and from where', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    act(() => store.getState().setTime(exposedStep * 60 + 1))
    const live = document.querySelector('[aria-live="polite"]')
    await waitFor(
      () =>
        expect(live).toHaveTextContent(
          /\d+ keys? from a jurisdiction of concern \(.+\) to participants in /,
        ),
      { timeout: 4000 },
    )
    expect(live).toHaveTextContent(/keys delivered this hour/)
  })

  it('offers a keyboard list of data centers whose buttons select a site', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    const user = userEvent.setup()
    const list = await screen.findByRole('list', { name: 'Data centers on the map' })
    const beijing = await within(list).findByRole('button', {
      name: /Beijing \(CN\).*jurisdiction of concern/,
    })
    await user.click(beijing)
    expect(store.getState().selection).toEqual({ kind: 'site', id: 'beijing' })
    expect(beijing).toHaveAttribute('aria-pressed', 'true')
  })

  it('keeps working when the basemap cannot be loaded', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('nope', { status: 404 })))
    // The basemap is loaded once a page: this page loads it anew.
    forgetSceneBasemap()
    renderMap()
    expect(await screen.findByText(/country outlines could not be loaded/)).toBeInTheDocument()
  })

  it('keeps the map description quiet while playing and speaks again on pause', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    const region = await screen.findByRole('region', { name: /world map/i })
    const description = document.getElementById(region.getAttribute('aria-describedby')!)!
    expect(description).toHaveAttribute('aria-live', 'polite')
    act(() => store.getState().play())
    expect(description).toHaveAttribute('aria-live', 'off')
    await waitFor(() => expect(description).toHaveTextContent(/^Playing/), { timeout: 4000 })
    act(() => store.getState().pause())
    act(() => store.getState().setTime(exposedStep * 60))
    expect(description).toHaveAttribute('aria-live', 'polite')
    await waitFor(() => expect(description).toHaveTextContent(/keys delivered this hour/), {
      timeout: 4000,
    })
  })

  it("gives each data center's button the keys it delivered and the exposed ones in the shown hour", async () => {
    const store = await renderWithAllSiteMarkers()
    act(() => store.getState().setTime(exposedStep * 60 + 1))
    const list = screen.getByRole('list', { name: 'Data centers on the map' })
    const sums = resolved.world.sites.map((_, i) =>
      steps[exposedStep]!.flows.filter((f) => f.siteIndex === i).reduce(
        (k, f) => ({ delivered: k.delivered + f.deliveries, exposed: k.exposed + f.exposures }),
        { delivered: 0, exposed: 0 },
      ),
    )
    expect(sums.some((k) => k.exposed > 0)).toBe(true)
    await waitFor(() =>
      resolved.world.sites.forEach((site, i) => {
        const { delivered, exposed } = sums[i]!
        const button = within(list).getAllByRole('button')[i]!
        expect(button).toHaveTextContent(site.city)
        expect(button).toHaveTextContent(
          `${delivered.toLocaleString('en-US')} keys this hour, ${exposed.toLocaleString('en-US')} exposed`,
        )
      }),
    )
  })

  it('draws every data center on the mark layer, and none while the legend hides them', async () => {
    const store = await renderWithAllSiteMarkers()
    expect(sitesCanvas()).toHaveAttribute('aria-hidden', 'true')
    expect(document.querySelectorAll('.leaflet-kr-marks-pane canvas')).toHaveLength(1)
    act(() => store.getState().toggleLayer('sites'))
    await waitFor(() => expect(sitesCanvas()?.dataset.sites).toBe('0'))
    act(() => store.getState().toggleLayer('sites'))
    await waitFor(() =>
      expect(sitesCanvas()?.dataset.sites).toBe(String(resolved.world.sites.length)),
    )
  })

  it('draws the country circles and the markers on one canvas, each hidden by the legend alone', async () => {
    const store = await renderWithAllSiteMarkers()
    const all = String(resolved.world.sites.length)
    act(() => store.getState().setTime(exposedStep * 60))
    await waitFor(() => expect(Number(sitesCanvas()?.dataset.symbols)).toBeGreaterThan(0))
    const circles = sitesCanvas()?.dataset.symbols
    expect(sitesCanvas()?.dataset.sites).toBe(all)
    act(() => store.getState().toggleLayer('countries'))
    await waitFor(() => expect(sitesCanvas()?.dataset.symbols).toBe('0'))
    expect(sitesCanvas()?.dataset.sites).toBe(all)
    act(() => store.getState().toggleLayer('sites'))
    act(() => store.getState().toggleLayer('countries'))
    await waitFor(() => expect(sitesCanvas()?.dataset.symbols).toBe(circles))
    expect(sitesCanvas()?.dataset.sites).toBe('0')
    expect(document.querySelectorAll('.leaflet-kr-marks-pane canvas')).toHaveLength(1)
  })

  it("redraws the site markers in another step's utilisation", () =>
    withBoxes(async () => {
      const store = await renderWithAllSiteMarkers()
      const shown = Math.floor(store.getState().timeMinutes / 60)
      const other = steps.findIndex(
        (s, i) =>
          i !== shown && s.siteUtilisation.some((u, j) => u !== steps[shown]?.siteUtilisation[j]),
      )
      expect(other).toBeGreaterThanOrEqual(0)
      // The country circles share the canvas: hidden, only the markers fill.
      act(() => store.getState().toggleLayer('countries'))
      await waitFor(() => expect(sitesCanvas()?.dataset.symbols).toBe('0'))
      const canvas = sitesCanvas()!
      fills.set(canvas, [])
      act(() => store.getState().setTime(other * 60))
      const want = resolved.world.sites.flatMap((_, j) =>
        steps[other]!.siteDown[j] ? [] : [utilisationColour(steps[other]!.siteUtilisation[j]!)],
      )
      expect(want.length).toBeGreaterThan(0)
      await waitFor(() => expect(new Set(fills.get(canvas))).toEqual(new Set(want)))
    }))

  it("rings the sites of the run's jurisdictions of concern, not a fixed list", async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(topology)))
    const store = renderMap()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    const list = await screen.findByRole('list', { name: 'Data centers on the map' })
    expect(
      await within(list).findByRole('button', { name: /Beijing \(CN\).*concern/ }),
    ).toBeVisible()
    act(() => store.setState({ run: { ...store.getState().run!, concernJurisdictions: ['US'] } }))
    expect(within(list).getByRole('button', { name: /San Jose \(US\).*concern/ })).toBeVisible()
    expect(within(list).queryByRole('button', { name: /Beijing \(CN\).*concern/ })).toBeNull()
  })
})

/** Until the flow layer's picture for the view is drawn (its first slice waits for a frame). */
async function pictureDrawn(container: HTMLElement): Promise<void> {
  await waitFor(() => expect(container.dataset.picture).toBe('ready'))
}

/**
 * A flow layer on an 800 x 400 map at zoom 2 over the Atlantic, its first picture drawn: the
 * layer's element, and the picture's top-left corner as a place.
 */
async function pictureOnMap() {
  const el = document.createElement('div')
  document.body.append(el)
  const map = L.map(el, { center: [40, -30], zoom: 2 })
  map.getSize = () => L.point(800, 400)
  new FlowLayer(createAppStore(replayClient())).addTo(map)
  map.on('unload', () => el.remove())
  const container = el.querySelector<HTMLElement>('.kr-flow-layer')!
  const corner = map.layerPointToLatLng(map.containerPointToLayerPoint([-80, -40]).round())
  await pictureDrawn(container)
  return { map, container, corner }
}

describe('FlowLayer', () => {
  it('redraws when the shown step changes, not when the store replaces the run object', async () => {
    const store = createAppStore(replayClient())
    store.getState().rerun()
    await waitFor(() => expect(store.getState().run?.status).toBe('done'))
    store.getState().setTime(exposedStep * 60)
    const el = document.createElement('div')
    document.body.append(el)
    const map = L.map(el, { center: [20, 0], zoom: 2 })
    const layer = new FlowLayer(store)
    layer.addTo(map)
    const rebuilds = layer.rebuildCount
    expect(layer.pathCount).toBeGreaterThan(0)
    const run = store.getState().run!
    store.setState({ run: { ...run }, progress: { run: 3, compare: 0 } })
    store.setState({ run: { ...run, steps: [...run.steps] } })
    expect(layer.rebuildCount).toBe(rebuilds)
    store.getState().setTime((exposedStep + 1) * 60)
    expect(layer.rebuildCount).toBe(rebuilds + 1)
    map.remove()
    el.remove()
  })

  it('keeps the last picture where its places are after a jump, until the next is drawn', async () => {
    const { map, container, corner } = await pictureOnMap()
    // A chapter over the Pacific, without animation: Leaflet resets its layer points.
    map.setView([35, 200], 3, { animate: false })
    const at = map.latLngToLayerPoint(corner)
    expect(at.x).toBeLessThan(-800)
    expect(container.style.transform).toBe(`translate3d(${at.x}px,${at.y}px,0) scale(2)`)
    map.remove()
  })

  it('keeps the last picture on its places through each frame of a flight', async () => {
    const { map, container, corner } = await pictureOnMap()
    expect(container.dataset.picture).toBe('ready')
    map.fire('zoomstart').fire('movestart')
    // One frame of flyTo: Leaflet moves the pixel origin and the zoom, and fires 'zoom'.
    const frame = map as unknown as { _move(center: L.LatLng, zoom: number): L.Map }
    for (const [lat, lon, zoom] of [
      [38, -10, 1.7],
      [36, 40, 1.9],
    ] as const) {
      frame._move(L.latLng(lat, lon), zoom)
      const at = map.latLngToLayerPoint(corner)
      const scale = map.getZoomScale(zoom, 2)
      expect(container.style.transform).toBe(`translate3d(${at.x}px,${at.y}px,0) scale(${scale})`)
      // Nothing is drawn mid-flight, and the layer says its picture is not the view's yet.
      expect(container.dataset.picture).toBe('drawing')
    }
    map.remove()
  })

  it('moves its canvas for a zoom animation where Leaflet puts the new layer points', async () => {
    const store = createAppStore(replayClient())
    const el = document.createElement('div')
    document.body.append(el)
    const map = L.map(el, { center: [20, 0], zoom: 2 })
    map.getSize = () => L.point(800, 400)
    const layer = new FlowLayer(store)
    layer.addTo(map)
    const container = el.querySelector<HTMLElement>('.kr-flow-layer')!
    map.panBy([37, -12], { animate: false })
    map.fire('moveend')
    await pictureDrawn(container)
    const center = L.latLng(35, 100)
    const zoom = 4.5
    map.fire('zoomanim', { center, zoom, noUpdate: false })
    const topLeft = map.containerPointToLayerPoint([-80, -40]).round()
    // Leaflet's own (private) answer for the canvas's top-left at the animation's end.
    const expected = (
      map as unknown as {
        _latLngToNewLayerPoint(l: L.LatLng, z: number, c: L.LatLng): L.Point
      }
    )._latLngToNewLayerPoint(map.layerPointToLatLng(topLeft), zoom, center)
    const scale = map.getZoomScale(zoom, map.getZoom())
    expect(container.style.transform).toBe(
      `translate3d(${expected.x}px,${expected.y}px,0) scale(${scale})`,
    )
    map.remove()
    el.remove()
  })
})
