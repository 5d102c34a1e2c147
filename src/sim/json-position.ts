/**
 * Finds where JSON text first goes wrong, because engines differ in whether their JSON.parse
 * errors give a position. A small recursive-descent scan; it only locates, it builds nothing.
 * Hand-written rather than a JSON parser package: it runs only after JSON.parse has refused the
 * text, needs no value built, and a hundred lines give the same line and column in every engine.
 */

/** "line L, column C" (both from 1) of an offset into `text`. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/** Offset and reason of the first syntax error in `text`, or null when the text is valid JSON. */
export function findJsonError(text: string): { offset: number; reason: string } | null {
  let i = 0
  const fail = (reason: string): never => {
    throw new JsonScanError(i, reason)
  }
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
  }
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail('unexpected character')
  }
  const string = (): void => {
    i++
    while (i < text.length) {
      const c = text[i] as string
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') i += 2
      else if (c < ' ') fail('control character inside a string')
      else i++
    }
    fail('string is not closed')
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match) fail('malformed number')
    i += (match as RegExpExecArray)[0].length
  }
  const value = (depth: number): void => {
    if (depth > 500) fail('nested too deeply')
    space()
    const c = text[i]
    if (c === '{') {
      i++
      space()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        space()
        if (text[i] !== '"') fail('expected a property name in double quotes')
        string()
        space()
        if (text[i] !== ':') fail("expected ':' after the property name")
        i++
        value(depth + 1)
        space()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        fail("expected ',' or '}' after a property value")
      }
    } else if (c === '[') {
      i++
      space()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value(depth + 1)
        space()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        fail("expected ',' or ']' after an array element")
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number()
    else fail(c === undefined ? 'unexpected end of file' : 'expected a value')
  }
  try {
    value(0)
    space()
    if (i < text.length) fail('unexpected text after the end of the JSON value')
    return null
  } catch (error) {
    if (error instanceof JsonScanError)
      return { offset: Math.min(error.offset, text.length), reason: error.reason }
    throw error
  }
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
