/**
 * Bundling of normal key paths by zoom. A software-rastered canvas strokes about 3,500 arcs in a
 * 33 ms frame, and a 200-site x 5,000-city world has some 60,000 in one step; where thousands of
 * them overlap, the map draws one arc per bundle of paths that start in one grid cell and end in
 * another at the current zoom (flowmap.gl clusters its locations the same way), as wide as the
 * keys it carries. Only normal paths are bundled: exposures (cross-border keys and keys from a
 * jurisdiction of concern) always stay one arc each. A world with few paths (every preset) is
 * drawn as it is. Pure functions over the draw list, so the tooltip and the statement on screen
 * read the same bundles the canvas draws. The bundling itself (flow-bundler.ts) is loaded the
 * first time a list needs it, so a page of presets never fetches it.
 */
import { lruMemoize } from 'reselect'
import { arcsIn } from './arc-table'
import type { ArcTable } from './arc-table'
import type { ArcItem, FlowDrawList, StepDrawList } from './draw-list'
import type * as Bundler from './flow-bundler'
import { formatCount } from '../panels/format'

/** Normal paths drawn one by one before any is bundled (a preset has at most about 1,700). */
export const MAX_SEPARATE_NORMAL_PATHS = 2_500
/**
 * Most arcs (bundles and lone paths) drawn with the whole world in view: their cells grow until
 * they fit. Zoomed in, the view holds a smaller share of the arcs, so the cap grows with the
 * zoom's scale (linearly: long arcs cross a small view more often than points fall in it).
 */
export const MAX_BUNDLES = 1_500
/** Side of a bundling cell, in screen pixels at the current zoom. */
export const BUNDLE_CELL_PX = 32

/** What a bundle holds, on the arc that draws it. */
export interface BundleInfo {
  /** Key paths (site, city pairs) in the bundle: at least 2. */
  readonly paths: number
  readonly sites: number
  readonly cities: number
}

/** An arc of the shown list: a path of the draw list, or a bundle of normal ones. */
export interface ShownArc extends ArcItem {
  readonly bundle?: BundleInfo
}

/** The draw list as shown at one zoom: bundles in place of the normal paths they hold. */
export interface ShownDrawList extends FlowDrawList {
  readonly arcs: readonly ShownArc[]
  /** Normal paths drawn inside bundles, and how many bundles hold them (0 and 0: none). */
  readonly bundledPaths: number
  readonly bundles: number
}

/** Whether a list has too many normal paths to draw one by one (flow-bundler.ts bundles them). */
export function needsBundling(list: StepDrawList): boolean {
  return list.crossBorderStart > MAX_SEPARATE_NORMAL_PATHS
}

// The last step's exposures as objects, made once for every zoom that shows them. One step's
// only: the map's selectors keep every step's arc table they built, and objects kept per table
// were kept for every step the map had shown.
const exposureArcsIn = lruMemoize((table: ArcTable, from: number) => arcsIn(table, from))

/** The cross-border and concern arcs of `list` as objects, in order. */
export function exposureArcsOf(list: StepDrawList): readonly ArcItem[] {
  return exposureArcsIn(list.arcs, list.crossBorderStart)
}

/** A list drawn as it is, nothing bundled: every arc an object, the same at every zoom. */
export const unbundled = lruMemoize((list: StepDrawList): ShownDrawList => {
  const arcs = [...arcsIn(list.arcs, 0, list.crossBorderStart), ...exposureArcsOf(list)]
  return { ...list, arcs, bundledPaths: 0, bundles: 0 }
})

let bundler: typeof Bundler | null = null

/**
 * One layer's shown lists of its draw list, kept per zoom scale so zooming back is free. A list
 * with thousands of normal paths is bundled in slices of a few milliseconds (flow-bundler.ts,
 * loaded the first time a list needs it): bundling the 200 x 5,000 world's busiest step in one
 * task took 41-51 ms the first time, untraced. Until a list is ready `at` gives null, the layer
 * keeps its last picture, and `onReady` is called once it is.
 */
export class ShownLists {
  private list: StepDrawList | null = null
  private readonly byScale = new Map<number, ShownDrawList>()
  private job: { readonly scale: number; readonly stop: () => void } | null = null

  constructor(private readonly onReady: () => void) {}

  /** The list shown at `scale`, if it is ready. */
  kept(scale: number): ShownDrawList | undefined {
    return this.byScale.get(scale)
  }

  /** `list` as shown at `scale`, or null while it is bundled or the bundler loads. */
  at(list: StepDrawList, scale: number): ShownDrawList | null {
    if (list !== this.list) this.forget()
    this.list = list
    const kept = this.byScale.get(scale)
    if (kept) return kept
    if (!needsBundling(list)) return this.keep(scale, unbundled(list))
    if (this.job?.scale === scale) return null
    this.job?.stop()
    const done = (shown: ShownDrawList): void => {
      this.job = null
      this.keep(scale, shown)
      this.onReady()
    }
    let stopSlices = (): void => {}
    let isStopped = false
    const start = (loaded: typeof Bundler): ShownDrawList | null => {
      const started = loaded.bundleInSlices(list, scale, done)
      stopSlices = started.stop
      return started.shown
    }
    const shown = bundler ? start(bundler) : null
    if (shown) return this.keep(scale, shown)
    if (!bundler)
      void import('./flow-bundler').then((loaded) => {
        bundler = loaded
        if (isStopped) return
        const first = start(loaded)
        if (first) done(first)
      })
    this.job = {
      scale,
      stop: () => {
        isStopped = true
        stopSlices()
      },
    }
    return null
  }

  /** Drops every list kept and stops the bundling under way. */
  forget(): void {
    this.job?.stop()
    this.job = null
    this.byScale.clear()
    this.list = null
  }

  private keep(scale: number, shown: ShownDrawList): ShownDrawList {
    this.byScale.set(scale, shown)
    return shown
  }
}

/** Concern arcs in view with moving dashes at most, for 30 frames a second in software. */
export const MAX_ANIMATED_EXPOSURES = 1_000

/**
 * What the map aggregates at the current zoom, said on screen: for example "1,240 normal paths
 * shown as 86 bundles; every exposed path is drawn on its own". Empty when nothing is bundled.
 */
export function bundleStatement(shown: Pick<ShownDrawList, 'bundledPaths' | 'bundles'>): string {
  if (shown.bundles === 0) return ''
  const paths = `${formatCount(shown.bundledPaths)} normal path${shown.bundledPaths === 1 ? '' : 's'}`
  const bundles = `${formatCount(shown.bundles)} bundle${shown.bundles === 1 ? '' : 's'}`
  return `${paths} shown as ${bundles} at this zoom (zoom in to separate them); every exposed path is drawn on its own.`
}

/**
 * {@link bundleStatement} and, when not every concern arc in view can carry moving dashes, which
 * do: "Moving dashes mark the 1,000 of 8,357 paths of concern in view with most such keys."
 */
export function aggregationStatement(
  shown: Pick<ShownDrawList, 'bundledPaths' | 'bundles'>,
  dashes: { readonly inView: number; readonly animated: number } | null,
): string {
  const parts = [bundleStatement(shown)]
  if (dashes && dashes.animated < dashes.inView)
    parts.push(
      `Moving dashes mark the ${formatCount(dashes.animated)} of ${formatCount(dashes.inView)} paths of concern in view with most such keys; the others keep their still band.`,
    )
  return parts.filter((p) => p !== '').join(' ')
}
