// gifenc 1.0.3 ships no types: these are the parts the GIF clip uses (see its README).
declare module 'gifenc' {
  /** Colours as [r, g, b] triples (0 to 255). */
  export type Palette = number[][]

  export interface FrameOptions {
    palette?: Palette
    /** Milliseconds this frame shows; the file stores centiseconds. */
    delay?: number
    /** -1 plays once, 0 forever, n n more times (written with the first frame). */
    repeat?: number
  }

  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void
    finish(): void
    bytes(): Uint8Array<ArrayBuffer>
  }

  export function GIFEncoder(options?: { initialCapacity?: number }): Encoder
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: { format?: 'rgb565' | 'rgb444' | 'rgba4444' },
  ): Palette
  export function applyPalette(
    rgba: Uint8Array | Uint8ClampedArray,
    palette: Palette,
    format?: 'rgb565' | 'rgb444' | 'rgba4444',
  ): Uint8Array
}
