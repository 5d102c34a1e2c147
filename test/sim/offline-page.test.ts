import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  BRIEFING_BLOCK_ID,
  CODE_ATTRIBUTE,
  PACK_SHELL_ID,
  jsonForDataBlock,
  packFromShell,
  readPackShell,
  withBriefingBlock,
  withEmptyBriefingBlock,
  withPackShell,
} from '../../src/sim/offline-page'

const ROOM = JSON.parse(readFileSync('test/fixtures/briefing-room.json', 'utf8')) as {
  chapters: { caption: string }[]
}

/** A page as the pack build leaves it before the shell: its bundle names the block tag too. */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin>const tag='<script type="application/json" id="kr-briefing">'</script>
    <style rel="stylesheet" crossorigin>body{color:red}</style>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`

/** The contents of the `<script>` elements an HTML parser would find, in order. */
const scriptTexts = (html: string): string[] =>
  [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script/gi)].map((m) => m[1] ?? '')

describe('offline page: the briefing block', () => {
  it('writes JSON with every < escaped, which reads back unchanged', () => {
    const text = jsonForDataBlock(ROOM)
    expect(text).not.toContain('<')
    expect(text).toContain('\\u003c/script>')
    expect(JSON.parse(text)).toEqual(ROOM)
  })

  it('keeps a caption holding </script> inside the block, as one element of data', () => {
    const html = withBriefingBlock(withEmptyBriefingBlock(PAGE), ROOM)
    const scripts = scriptTexts(html)
    // The bundle's script, then the block; the caption's </script> did not end it early.
    expect(scripts).toHaveLength(2)
    expect(JSON.parse(scripts[1] ?? '')).toEqual(ROOM)
    expect(html).toContain(`<script type="application/json" id="${BRIEFING_BLOCK_ID}">{`)
  })

  it('fills the last block, not the tag in the bundled code, and can empty it again', () => {
    const empty = withEmptyBriefingBlock(PAGE)
    expect(empty).toContain(
      `    <div id="root"></div>\n    <script type="application/json" id="${BRIEFING_BLOCK_ID}"></script>\n  </body>`,
    )
    const filled = withBriefingBlock(empty, { id: 'x', caption: '$& $1' })
    expect(filled.slice(0, PAGE.indexOf('</head>'))).toBe(PAGE.slice(0, PAGE.indexOf('</head>')))
    expect(filled).toContain('{"id":"x","caption":"$& $1"}</script>')
    expect(withBriefingBlock(withBriefingBlock(filled, ROOM), null)).toBe(empty)
  })

  it('refuses a page without a block', () => {
    expect(() => withBriefingBlock(PAGE, ROOM)).toThrow(/no briefing block/)
  })
})

describe('offline page: the shell the pack writes itself again from', () => {
  const pack = withPackShell(withEmptyBriefingBlock(PAGE))
  const shellText = scriptTexts(pack).at(-1) ?? ''

  it('marks the code elements, leaves data blocks alone and adds the shell block last', () => {
    expect(pack).toContain(`<script type="module" crossorigin ${CODE_ATTRIBUTE}>const tag=`)
    expect(pack).toContain(`<style rel="stylesheet" crossorigin ${CODE_ATTRIBUTE}>body{color:red}`)
    expect(pack).toContain(`<script type="application/json" id="${BRIEFING_BLOCK_ID}"></script>`)
    expect(pack).toMatch(
      new RegExp(
        `<script type="application/json" id="${PACK_SHELL_ID}">[^<]*</script>\\n  </body>`,
      ),
    )
  })

  it('gives the page back byte for byte from the shell and the code texts', () => {
    const shell = readPackShell(shellText)
    expect(shell?.pieces).toHaveLength(4)
    const codes = [
      `const tag='<script type="application/json" id="kr-briefing">'`,
      'body{color:red}',
    ]
    expect(packFromShell(shell ?? { pieces: [] }, codes)).toBe(pack)
    // The shell holds the page with an empty briefing block, whatever a copy carries later.
    expect(withBriefingBlock(pack, ROOM)).toContain(shellText)
  })

  it('refuses code texts that do not fit the shell, and text that is no shell', () => {
    const shell = readPackShell(shellText) ?? { pieces: [] }
    expect(() => packFromShell(shell, ['only one'])).toThrow(/1 code elements, its shell 2/)
    expect(readPackShell('{"pieces":[1,2]}')).toBeNull()
    expect(readPackShell('not json')).toBeNull()
    expect(readPackShell('{"pieces":["one"]}')).toBeNull()
  })

  it('refuses a page with carriage returns, which a parser would not give back', () => {
    expect(() => withPackShell(PAGE.replace('\n', '\r\n'))).toThrow(/carriage returns/)
  })
})
