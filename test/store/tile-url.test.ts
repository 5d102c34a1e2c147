// @vitest-environment jsdom
import fc from 'fast-check'
import L from 'leaflet'
import { describe, expect, it } from 'vitest'
import { TILE_PLACEHOLDERS, normaliseTileUrl, tileUrlProblem } from '../../src/store/tile-url'

describe('tileUrlProblem', () => {
  it('accepts an empty address (tiles off) and an https template with {z}, {x} and {y}', () => {
    expect(tileUrlProblem('')).toBeNull()
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y}.png')).toBeNull()
    expect(tileUrlProblem('https://{s}.tiles.example/{z}/{x}/{y}{r}.png')).toBeNull()
  })

  it('accepts the scheme in any case', () => {
    expect(tileUrlProblem('HTTPS://tiles.example/{z}/{x}/{y}.png')).toBeNull()
    expect(tileUrlProblem('Https://tiles.example/{z}/{x}/{y}.png')).toBeNull()
    expect(normaliseTileUrl(' HTTPS://Tiles.example/{z}/{x}/{y}.png ')).toBe(
      'https://Tiles.example/{z}/{x}/{y}.png',
    )
  })

  it('refuses a placeholder Leaflet cannot fill, naming it', () => {
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y}/{foo}.png')).toMatch(
      /^\{foo\} is not a placeholder/,
    )
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{-y}.png')).toMatch(/^\{-y\} is not/)
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y}?k={ apikey }')).toMatch(/\{apikey/)
  })

  it('says what is wrong with any other address', () => {
    expect(tileUrlProblem('http://tiles.example/{z}/{x}/{y}.png')).toMatch(/https:\/\//)
    expect(tileUrlProblem('https://tiles.example/{z}/{x}.png')).toBe('it must contain {y}')
    expect(tileUrlProblem('javascript:alert(1)')).toMatch(/https:\/\//)
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y.png')).toMatch(/\{ or \}/)
  })

  it('passes only addresses whose every tile Leaflet can name', () => {
    const piece = fc.oneof(
      fc.constantFrom(...TILE_PLACEHOLDERS.map((p) => `{${p}}`), '{', '}', '/', '{q}', '{ z }'),
      fc.string({ maxLength: 4 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const url = `https://tiles.example/${pieces.join('')}`
        if (tileUrlProblem(url) !== null) return
        const data = { s: 'a', z: 3, x: 1, y: 2, r: '' }
        expect(() => L.Util.template(normaliseTileUrl(url), data)).not.toThrow()
      }),
    )
  })
})
