/**
 * What the flow layer prepares once the first run is shown rather than at first load: the
 * pointer's grid index module (hit-index.ts, loaded half a second later or at the first pointer
 * move) and the shapes of every key path of a finished run (arc-geometries.ts, in idle time).
 */
import type { RunState } from '../../store/store'
import { warmGeometries } from './arc-geometries'
import type * as HitIndexModule from './hit-index'

let hits: typeof HitIndexModule | null = null
let hitsLoad: Promise<unknown> | null = null

/** Starts loading the hit index module after `delayMs`, once. */
export function loadHits(delayMs = 0): void {
  hitsLoad ??= new Promise((go) => setTimeout(go, delayMs))
    .then(() => import('./hit-index'))
    .then((loaded) => (hits = loaded))
}

/** The hit index module, or null while it loads (then starts loading it). */
export function loadedHits(): typeof HitIndexModule | null {
  if (!hits) loadHits()
  return hits
}

/** The hit index module if it has loaded, without starting to load it. */
export function hitsIfLoaded(): typeof HitIndexModule | null {
  return hits
}

/** After a run the map shows is done: loads the hit index and shapes the run's paths ahead. */
export function warmUpAfter(run: RunState | null): void {
  if (run?.status !== 'done') return
  loadHits(500)
  if (run.world) warmGeometries(run.world, run.steps)
}
