import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/ui/export/crc32'
import { readPngText, textChunk, toLatin1, withPngText } from '../../../src/ui/export/png-text'

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

// The smallest valid PNG: a 1x1 transparent pixel.
const PIXEL = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

describe('crc32', () => {
  it('gives the check value of the standard test vector', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })

  it("matches the CRC stored in a real PNG's IHDR chunk", () => {
    const view = new DataView(PIXEL.buffer)
    expect(crc32(PIXEL.subarray(12, 12 + 4 + 13))).toBe(view.getUint32(12 + 4 + 13))
  })
})

describe('PNG text chunks', () => {
  it('writes a tEXt chunk as length, type, keyword, NUL, text and CRC', () => {
    const chunk = textChunk('Title', 'Hi')
    expect([...chunk.subarray(0, 4)]).toEqual([0, 0, 0, 8])
    expect(String.fromCharCode(...chunk.subarray(4, 16))).toBe('tEXtTitle\0Hi')
    expect(new DataView(chunk.buffer).getUint32(16)).toBe(crc32(chunk.subarray(4, 16)))
  })

  it('inserts entries after IHDR and reads them back with good CRCs, the image data unchanged', () => {
    const png = withPngText(PIXEL, [
      ['Title', 'Citizen Lab – test calls'],
      ['Description', 'Run hash 0123abcd'],
    ])
    expect(png.length).toBeGreaterThan(PIXEL.length)
    expect([...png.subarray(png.length - 12)]).toEqual([...PIXEL.subarray(PIXEL.length - 12)])
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('tEXt')
    expect(readPngText(png)).toEqual([
      { keyword: 'Title', text: 'Citizen Lab - test calls', isCrcOk: true },
      { keyword: 'Description', text: 'Run hash 0123abcd', isCrcOk: true },
    ])
  })

  it('spells characters outside Latin-1 in ASCII and refuses what is not a PNG', () => {
    expect(toLatin1('site → city · ∝ ’')).toBe("site -> city · ~ '")
    expect(() => withPngText(ascii('GIF89a'), [])).toThrow(/not a PNG/)
  })
})
