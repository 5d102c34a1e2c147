/**
 * The text of the offline file (the single-file pack, `npm run pack`): the briefing it carries,
 * in a data block the page reads but never runs, and the page's shell, from which a pack opened
 * from disk rewrites itself byte for byte (a page from file:// cannot read its own file) to save
 * a copy with another briefing. Plain string functions, shared by the pack build, the pack
 * command and the app, so all three write the same bytes.
 */

/** Id of the `<script type="application/json">` element holding the pack's briefing. */
export const BRIEFING_BLOCK_ID = 'kr-briefing'

/** Id of the data block holding the pack's shell ({@link PackShell}). */
export const PACK_SHELL_ID = 'kr-pack-shell'

/** Attribute marking the pack's inline scripts and styles, the code its policy hashes. */
export const CODE_ATTRIBUTE = 'data-kr-code'

/** The file the served build writes beside index.html: the pack with an empty briefing block. */
export const OFFLINE_TEMPLATE_FILE = 'keyroute-offline.html'

/**
 * The pack's markup around its code: the page is `pieces[0]`, the first code text, `pieces[1]`,
 * … the last code text, `pieces[n]`, the shell block's own text, `pieces[n + 1]`. The code texts
 * are the contents of the elements marked with {@link CODE_ATTRIBUTE}, in document order.
 */
export interface PackShell {
  readonly pieces: readonly string[]
}

/**
 * JSON for a data block: every `<` written `\u003c`, so no text in it can close the element
 * (`</script>`) or start the parser's escaped state (`<!--`). JSON.parse reads it back unchanged.
 */
export function jsonForDataBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/** A script or style element and its text, as the parser ends it: at the first closing tag. */
const ELEMENT = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g

const openBlock = (id: string): string => `<script type="application/json" id="${id}">`

/** `html` with `markup` on a line of its own, last in the body, indented as its siblings. */
function appendToBody(html: string, markup: string): string {
  const end = html.lastIndexOf('</body>')
  if (end < 0) throw new Error('the page has no </body>')
  const lineStart = html.lastIndexOf('\n', end) + 1
  const indent = html.slice(lineStart, end)
  return `${html.slice(0, lineStart)}${indent}  ${markup}\n${html.slice(lineStart)}`
}

/** `html` with an empty briefing block last in its body (the pack build's step). */
export function withEmptyBriefingBlock(html: string): string {
  return appendToBody(html, `${openBlock(BRIEFING_BLOCK_ID)}</script>`)
}

/**
 * `html` with its briefing block holding `briefing` as JSON, or emptied for null. Elements are
 * read as the HTML parser reads them, so the same tag inside the page's bundled code (a string
 * there) is never taken for the block. Throws when the page has no block.
 */
export function withBriefingBlock(html: string, briefing: unknown): string {
  const attributes = ` type="application/json" id="${BRIEFING_BLOCK_ID}"`
  const block = [...html.matchAll(ELEMENT)].findLast(
    (m) => m[1] === 'script' && m[2] === attributes,
  )
  if (!block) throw new Error('the page has no briefing block')
  const from = block.index + `<script${attributes}>`.length
  const to = from + (block[3] ?? '').length
  const text = briefing === null ? '' : jsonForDataBlock(briefing)
  return `${html.slice(0, from)}${text}${html.slice(to)}`
}

/** The page rebuilt from its shell and code texts. Throws when the count does not fit. */
export function packFromShell(shell: PackShell, codes: readonly string[]): string {
  const { pieces } = shell
  if (codes.length !== pieces.length - 2)
    throw new Error(`the page has ${codes.length} code elements, its shell ${pieces.length - 2}`)
  const fills = [...codes, jsonForDataBlock(shell)]
  return pieces.map((piece, i) => piece + (fills[i] ?? '')).join('')
}

/**
 * The pack page with its code elements marked and its shell block added last in the body (the
 * pack build's last step, after the policy is written: the shell holds the policy too). Data
 * blocks are markup, not code. Throws on a page the HTML parser would not give back as written
 * (carriage returns, which it turns into line feeds).
 */
export function withPackShell(html: string): string {
  if (html.includes('\r')) throw new Error('the page holds carriage returns')
  const page = appendToBody(html, `${openBlock(PACK_SHELL_ID)}</script>`)
  const shellAt = page.lastIndexOf(openBlock(PACK_SHELL_ID)) + openBlock(PACK_SHELL_ID).length
  const pieces: string[] = []
  const codes: string[] = []
  let last = 0
  for (const m of page.matchAll(ELEMENT)) {
    const [whole, tag = '', attributes = '', code = ''] = m
    if (m.index >= shellAt || /\btype="application\/json"/.test(attributes)) continue
    pieces.push(`${page.slice(last, m.index)}<${tag}${attributes} ${CODE_ATTRIBUTE}>`)
    codes.push(code)
    last = m.index + whole.length - `</${tag}>`.length
  }
  pieces.push(page.slice(last, shellAt), page.slice(shellAt))
  return packFromShell({ pieces }, codes)
}

/** The shell in a shell block's text, or null when it is not one. */
export function readPackShell(text: string): PackShell | null {
  try {
    const data: unknown = JSON.parse(text)
    if (typeof data !== 'object' || data === null || !('pieces' in data)) return null
    const { pieces } = data
    return Array.isArray(pieces) &&
      pieces.length >= 2 &&
      pieces.every((p): p is string => typeof p === 'string')
      ? { pieces }
      : null
  } catch {
    return null
  }
}
