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
import type { ArcItem, FlowDrawList } from './draw-list'
import type * as Bundler from './flow-bundler'

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
export function needsBundling(list: FlowDrawList): boolean {
  return list.crossBorderStart > MAX_SEPARATE_NORMAL_PATHS
}

/** A list drawn as it is, nothing bundled. */
export function unbundled(list: FlowDrawList): ShownDrawList {
  return { ...list, bundledPaths: 0, bundles: 0 }
}

let bundler: typeof Bundler | null = null

/**
 * The list as shown at `scale`: as it is, or bundled (flow-bundler.ts). Null while the bundler,
 * needed for the first time, loads; `onLoaded` runs once it has.
 */
export function shownListAt(
  list: FlowDrawList,
  scale: number,
  onLoaded: () => void,
): ShownDrawList | null {
  if (!needsBundling(list)) return unbundled(list)
  if (bundler) return bundler.bundleDrawList(list, scale)
  void import('./flow-bundler').then((loaded) => {
    bundler = loaded
    onLoaded()
  })
  return null
}

const count = (n: number): string => n.toLocaleString('en-US')

/** Concern arcs in view with moving dashes at most, for 30 frames a second in software. */
export const MAX_ANIMATED_EXPOSURES = 1_000

/**
 * What the map aggregates at the current zoom, said on screen: for example "1,240 normal paths
 * shown as 86 bundles; every exposed path is drawn on its own". Empty when nothing is bundled.
 */
export function bundleStatement(shown: Pick<ShownDrawList, 'bundledPaths' | 'bundles'>): string {
  if (shown.bundles === 0) return ''
  const paths = `${count(shown.bundledPaths)} normal path${shown.bundledPaths === 1 ? '' : 's'}`
  const bundles = `${count(shown.bundles)} bundle${shown.bundles === 1 ? '' : 's'}`
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
      `Moving dashes mark the ${count(dashes.animated)} of ${count(dashes.inView)} paths of concern in view with most such keys; the others keep their still band.`,
    )
  return parts.filter((p) => p !== '').join(' ')
}
