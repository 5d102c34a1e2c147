/**
 * Text from imported files as it may be shown: characters that are invisible or reorder what
 * is around them (bidirectional overrides and isolates, zero-width characters, C0 and C1
 * controls, the byte-order mark, tag characters) are written out visibly as ⟦U+202E⟧, so a
 * name cannot pretend to be another one or hide what follows it. Pure and deterministic.
 */

// C0 and C1 controls, soft hyphen, Arabic letter mark, zero-width and direction marks,
// line and paragraph separators, bidi embeddings and overrides, word joiner and invisible
// operators, bidi isolates and deprecated format characters, the BOM, interlinear annotation
// and the tag characters.
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu

/** The code point written out, as U+XXXX in brackets that cannot occur in the names themselves. */
function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0
  return `⟦U+${code.toString(16).toUpperCase().padStart(4, '0')}⟧`
}

/** `text` with every hidden or direction-changing character shown as ⟦U+XXXX⟧. Idempotent. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, visible)
}

/**
 * A copy of plain JSON-like data (objects, arrays, strings, numbers) with {@link visibleText}
 * applied to every string and object key: the one place imported scenario text is made safe
 * to show. Ids, dates and codes are restricted by the schema, so for them it changes nothing.
 */
export function withVisibleText<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => withVisibleText(v)) as T
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [visibleText(k), withVisibleText(v)]),
    ) as T
  }
  return value
}
