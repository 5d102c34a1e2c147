/**
 * PNG text metadata: inserts tEXt chunks (keyword, Latin-1 text) after a PNG's header chunk, and
 * reads them back. Pure over bytes, so a picture says what it shows to any image viewer.
 */
import { crc32 } from './crc32'

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]
// The Latin-1 spellings of the few other characters keyroute's words use.
const LATIN1: Readonly<Record<string, string>> = {
  '–': '-',
  '—': '-',
  '’': "'",
  '→': '->',
  '∝': '~',
}

/** `text` in Latin-1, as tEXt requires: other characters spelled in ASCII, else '?'. */
export function toLatin1(text: string): string {
  return [...text].map((ch) => (ch.charCodeAt(0) <= 0xff ? ch : (LATIN1[ch] ?? '?'))).join('')
}

function bytesOf(latin1: string): Uint8Array {
  return Uint8Array.from(latin1, (ch) => ch.charCodeAt(0))
}

/** One tEXt chunk: length, type, keyword, NUL, text, CRC of type and data. */
export function textChunk(keyword: string, text: string): Uint8Array {
  const data = bytesOf(`${toLatin1(keyword).slice(0, 79)}\0${toLatin1(text)}`)
  const chunk = new Uint8Array(12 + data.length)
  const view = new DataView(chunk.buffer)
  view.setUint32(0, data.length)
  chunk.set(bytesOf('tEXt'), 4)
  chunk.set(data, 8)
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)))
  return chunk
}

function isPng(png: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => png[i] === b)
}

/** `png` with a tEXt chunk per entry right after IHDR. Throws when `png` is not a PNG. */
export function withPngText(
  png: Uint8Array,
  entries: readonly (readonly [string, string])[],
): Uint8Array<ArrayBuffer> {
  if (!isPng(png)) throw new Error('not a PNG file')
  const headerEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8)
  const chunks = entries.map(([k, t]) => textChunk(k, t))
  const out = new Uint8Array(png.length + chunks.reduce((a, c) => a + c.length, 0))
  out.set(png.subarray(0, headerEnd), 0)
  let at = headerEnd
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  out.set(png.subarray(headerEnd), at)
  return out
}

/** The tEXt entries of `png`, keyword to text, with whether each chunk's CRC holds. */
export function readPngText(
  png: Uint8Array,
): { keyword: string; text: string; isCrcOk: boolean }[] {
  if (!isPng(png)) throw new Error('not a PNG file')
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const out: { keyword: string; text: string; isCrcOk: boolean }[] = []
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    if (type === 'tEXt') {
      const data = String.fromCharCode(...png.subarray(at + 8, at + 8 + length))
      const nul = data.indexOf('\0')
      const isCrcOk =
        crc32(png.subarray(at + 4, at + 8 + length)) === view.getUint32(at + 8 + length)
      out.push({ keyword: data.slice(0, nul), text: data.slice(nul + 1), isCrcOk })
    }
    if (type === 'IEND') break
    at += 12 + length
  }
  return out
}
