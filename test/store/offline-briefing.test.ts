// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  withBriefingBlock,
  withEmptyBriefingBlock,
  withPackShell,
} from '../../src/sim/offline-page'
import type { BriefingInput } from '../../src/sim/briefing'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import {
  InvalidBriefingError,
  offlineBriefingHtml,
  offlineFileName,
} from '../../src/store/offline-briefing'

const ROOM = JSON.parse(readFileSync('test/fixtures/briefing-room.json', 'utf8')) as BriefingInput
const BUILT_IN = BRIEFINGS[0] as BriefingInput

/** A pack page as the build writes it: code with tags in strings, a style, the blocks. */
const TEMPLATE = withPackShell(
  withEmptyBriefingBlock(`<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin>const s = "<\\/script> & <b>";\nconsole.log(s)</script>
    <style rel="stylesheet" crossorigin>a > b { content: "&amp;" }</style>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`),
)

const parse = (html: string, url = 'http://127.0.0.1:4174/sub/'): Document => {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const base = doc.createElement('base')
  base.href = url
  doc.head.prepend(base)
  return doc
}

const SERVED = parse('<!doctype html><html><head></head><body></body></html>')

describe('offline briefing: the file "Download offline briefing" saves', () => {
  it('is, served, the offline page beside index.html with the briefing in its block', async () => {
    const fetch = vi.fn((_url: URL) => Promise.resolve(new Response(TEMPLATE)))
    const html = await offlineBriefingHtml(ROOM, { doc: SERVED, fetch })
    expect(html).toBe(withBriefingBlock(TEMPLATE, ROOM))
    expect(String(fetch.mock.calls[0]?.[0])).toBe('http://127.0.0.1:4174/sub/keyroute-offline.html')
  })

  it('says where the offline page is missing from, served without it', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response('', { status: 404 })))
    await expect(offlineBriefingHtml(ROOM, { doc: SERVED, fetch })).rejects.toThrow(
      /keyroute-offline\.html: 404.*npm run build/,
    )
    // The dev server's fallback: the app's own page, with status 200.
    const fallback = vi.fn(() => Promise.resolve(new Response('<!doctype html><div id="root">')))
    await expect(offlineBriefingHtml(ROOM, { doc: SERVED, fetch: fallback })).rejects.toThrow(
      /keyroute-offline\.html: 200.*npm run build/,
    )
  })

  it('is, in the pack itself, written from its own page with no fetch: an exact copy for its own briefing', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response('never')))
    const own = withBriefingBlock(TEMPLATE, ROOM)
    const doc = parse(own, 'file:///tmp/room.html')
    expect(await offlineBriefingHtml(ROOM, { doc, fetch })).toBe(own)
    expect(await offlineBriefingHtml(BUILT_IN, { doc, fetch })).toBe(
      withBriefingBlock(TEMPLATE, BUILT_IN),
    )
    expect(fetch).not.toHaveBeenCalled()
  })

  it('refuses a page whose code elements were changed since it was built', async () => {
    const doc = parse(withBriefingBlock(TEMPLATE, ROOM))
    doc.querySelector('style')?.remove()
    await expect(offlineBriefingHtml(ROOM, { doc, fetch: vi.fn() })).rejects.toThrow(
      /1 code elements, its shell 2/,
    )
  })

  it('refuses a briefing that does not validate, with every error and its path', async () => {
    const fetch = vi.fn()
    const bad = { ...ROOM, id: 'Bad Id', chapters: [] } as BriefingInput
    const failure = await offlineBriefingHtml(bad, { doc: SERVED, fetch }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(InvalidBriefingError)
    expect((failure as InvalidBriefingError).errors.map((e) => e.path)).toEqual(['id', 'chapters'])
    expect(fetch).not.toHaveBeenCalled()
  })

  it('is named after the briefing', () => {
    expect(offlineFileName(ROOM)).toBe('room-2020-offline.html')
  })
})
