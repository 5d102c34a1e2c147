import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findJsonError, lineAndColumn } from '../../src/sim/json-position'

describe('json-position', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('{}', 0)).toBe('line 1, column 1')
    expect(lineAndColumn('{\n  "a": ,\n}', 9)).toBe('line 2, column 8')
  })

  it('finds no error in any valid JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonError(text)).toBeNull()
      }),
    )
  })

  it('agrees with JSON.parse on whether arbitrary text is valid', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '"',
            '1',
            'a',
            ' ',
            'true',
            'null',
            '-',
          ),
        }),
        (text) => {
          let isValid = true
          try {
            JSON.parse(text)
          } catch {
            isValid = false
          }
          expect(findJsonError(text) === null).toBe(isValid)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('points at the first offending character', () => {
    expect(findJsonError('{"a": 1,}')).toEqual({
      offset: 8,
      reason: 'expected a property name in double quotes',
    })
    expect(findJsonError('[1, 2')).toEqual({
      offset: 5,
      reason: "expected ',' or ']' after an array element",
    })
    expect(findJsonError('{"a" 1}')?.offset).toBe(5)
    expect(findJsonError('')?.reason).toBe('unexpected end of file')
  })
})
