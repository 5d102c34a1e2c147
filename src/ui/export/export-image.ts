/**
 * Exported pictures as PNG files: the scene drawn on an off-screen canvas at the asked size,
 * encoded by the browser, with the picture's words added as PNG text chunks.
 */
import type { MapBounds } from '../../store/view-slice'
import { tileUrlProblem } from '../../store/tile-url'
import type { AppState } from '../../store/store'
import type { MapPalette } from '../map/map-theme'
import { cornersOf } from '../map/map-view'
import { drawMapScene, prepareMapScene, viewOfBounds } from './map-scene'
import type { SceneFrame, SceneOptions, SceneState, SceneView } from './map-scene'
import { withPngText } from './png-text'
import { pngTextOf, sceneTextOf } from './scene-text'
import type { SlideSize } from './scene-text'

/** The sizes "Export image" offers. */
export type ImageSize = '1x' | '2x' | { readonly slide: SlideSize }

/** What the footer says when the screen shows online tiles the picture leaves out. */
export const TILES_LEFT_OUT = 'Online tiles left out: the offline basemap is drawn instead.'

/** The footer notes for `state`: online tiles on screen are left out of the picture (no tainted canvas). */
export function sceneNotesOf(state: Pick<AppState, 'tileUrl'>): string[] {
  return state.tileUrl && tileUrlProblem(state.tileUrl) === null ? [TILES_LEFT_OUT] : []
}

/** The frame and view of a picture of the screen's map (`bounds` in a `mapWidth` x `mapHeight` box). */
export function screenShotOf(
  size: ImageSize,
  bounds: MapBounds,
  mapWidth: number,
  mapHeight: number,
): { frame: SceneFrame; view: SceneView } {
  if (typeof size === 'object')
    return {
      frame: { width: size.slide.width, height: size.slide.height, pixelRatio: 1 },
      view: { bounds: cornersOf(bounds) },
    }
  return {
    frame: { width: mapWidth, height: mapHeight, pixelRatio: size === '2x' ? 2 : 1 },
    view: viewOfBounds(bounds, mapWidth),
  }
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  )
}

/** The canvas of one picture (the basemap must be prepared: see {@link prepareMapScene}). */
export function drawSceneCanvas(
  state: SceneState,
  view: SceneView,
  frame: SceneFrame,
  palette: MapPalette,
  options: SceneOptions = {},
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(frame.width * frame.pixelRatio)
  canvas.height = Math.round(frame.height * frame.pixelRatio)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas in this browser')
  drawMapScene(ctx, state, view, frame, palette, options)
  return canvas
}

/** One picture as PNG bytes, with its words in tEXt chunks. */
export async function renderScenePng(
  state: SceneState,
  view: SceneView,
  frame: SceneFrame,
  palette: MapPalette,
  options: SceneOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  await prepareMapScene()
  const blob = await toBlob(drawSceneCanvas(state, view, frame, palette, options))
  return withPngText(new Uint8Array(await blob.arrayBuffer()), pngTextOf(sceneTextOf(state)))
}
