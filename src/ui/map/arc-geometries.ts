/**
 * The drawn shape of each key path of a world, computed once per (site, city) pair and kept for
 * the world's lifetime. A step of a large world shows some 60,000 pairs, and shaping those met
 * for the first time held a step change for a fifth of a second: once a run is done, the pairs of
 * all its steps are shaped ahead, in the browser's idle time, so playback finds them ready.
 */
import type { StepRecord, World } from '../../sim/model'
import { arcGeometry } from './map-data'
import type { ArcGeometry } from './map-data'

const geometries = new WeakMap<World, Map<number, ArcGeometry>>()

/** The shape of the path from site `siteIndex` to city `cityIndex`, or null outside the world. */
export function geometryOf(world: World, siteIndex: number, cityIndex: number): ArcGeometry | null {
  let cache = geometries.get(world)
  if (!cache) geometries.set(world, (cache = new Map<number, ArcGeometry>()))
  const key = siteIndex * world.cities.length + cityIndex
  let g = cache.get(key)
  if (!g) {
    const site = world.sites[siteIndex]
    const city = world.cities[cityIndex]
    if (!site || !city) return null
    g = arcGeometry(site, city)
    cache.set(key, g)
  }
  return g
}

// Work per idle callback at most: an idle period can last 50 ms, longer than a frame.
const SLICE_MS = 8
const warmed = new WeakSet<readonly StepRecord[]>()

/**
 * Shapes the pairs of every step in `steps` in idle time, a slice per idle period, once per step
 * list (a finished run's). The returned function stops the work.
 */
export function warmGeometries(world: World, steps: readonly StepRecord[]): () => void {
  if (warmed.has(steps)) return () => {}
  warmed.add(steps)
  let step = 0
  let flow = 0
  let isStopped = false
  const hasIdle = typeof requestIdleCallback === 'function'
  const slice = (deadline?: IdleDeadline): void => {
    if (isStopped) return
    const began = performance.now()
    const hasTime = (): boolean =>
      performance.now() - began < SLICE_MS && (!deadline || deadline.timeRemaining() > 1)
    while (step < steps.length && hasTime()) {
      const flows = steps[step]?.flows ?? []
      const end = Math.min(flows.length, flow + 256)
      for (; flow < end; flow++) {
        const f = flows[flow]
        if (f) geometryOf(world, f.siteIndex, f.cityIndex)
      }
      if (flow >= flows.length) {
        step++
        flow = 0
      }
    }
    if (step < steps.length) schedule()
  }
  const schedule = (): void => {
    if (hasIdle) requestIdleCallback(slice)
    else setTimeout(slice, 0)
  }
  schedule()
  return () => {
    isStopped = true
  }
}
