/**
 * The map scene (map-scene.ts) as a clip's frame source: every frame is the whole picture the
 * image export draws (basemap, arcs, sites, labels, legend, title, clock, simulation mark), of the
 * area the map showed when recording began.
 */
import { WORLD_VIEW, cornersOf } from '../map/map-view'
import type { MapPalette } from '../map/map-theme'
import type { AppState } from '../../store/store'
import type { ClipFrameSource } from './clip-recorder'
import { drawMapScene, prepareMapScene } from './map-scene'
import type { SceneOptions, SceneView } from './map-scene'

/** The area the map reported last, fitted into the frame as the map's own framing fits it. */
export function clipViewOf(state: Pick<AppState, 'mapBounds'>): SceneView {
  return { bounds: cornersOf(state.mapBounds ?? WORLD_VIEW) }
}

/**
 * Frames drawn by the map scene in `palette` (the map's colours for the theme shown), with
 * `options` (footer notes such as online tiles left out).
 */
export function mapSceneFrames(palette: MapPalette, options: SceneOptions = {}): ClipFrameSource {
  return {
    prepare: prepareMapScene,
    draw(ctx, state, frame) {
      // The scene draws with the 2D API both contexts share; its type names the on-page one.
      drawMapScene(
        ctx as CanvasRenderingContext2D,
        state,
        clipViewOf(state),
        frame,
        palette,
        options,
      )
    },
  }
}
