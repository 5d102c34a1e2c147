/**
 * Messages between the page and the map's still-picture worker (still-draw.worker.ts): a packed
 * draw list is sent once under an id, then pictures of it are asked for by view, each answered
 * with the bitmap drawn, or a failure (the page then draws that picture itself); a dropped picture
 * gets no answer.
 */
import type { CanvasView } from './flow-draw'
import type { MapPalette } from './map-theme'
import type { PackedStillList } from './still-pack'

/** A picture of a list the worker holds, in a view. */
export interface DrawCommand {
  readonly type: 'draw'
  readonly seq: number
  readonly listId: number
  readonly view: CanvasView
  readonly dpr: number
  readonly palette: MapPalette
  readonly layers: { readonly flows: boolean; readonly cities: boolean }
}

/** What the page asks of the worker: a later `draw` or a `cancel` drops the picture under way. */
export type StillCommand =
  | { readonly type: 'list'; readonly listId: number; readonly packed: PackedStillList }
  | { readonly type: 'forget'; readonly listId: number }
  | { readonly type: 'cancel' }
  | DrawCommand

/** What the worker answers to a `draw` it finished. */
export type StillMessage =
  | { readonly type: 'drawn'; readonly seq: number; readonly bitmap: ImageBitmap }
  | { readonly type: 'failed'; readonly seq: number }
