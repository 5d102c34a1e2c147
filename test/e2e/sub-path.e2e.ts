import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectMapRunAndCharts, openBrowser, waitForRunDone } from './browser'
import type { BrowserSession } from './browser'

const SUB_PATH = '/some/sub/path/'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain',
}

/** A static host that serves the built app under SUB_PATH only: anything else is a 404. */
function startSubPathServer(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname
    const rest = path.startsWith(SUB_PATH) ? normalize(path.slice(SUB_PATH.length)) : null
    if (rest === null || rest.startsWith('..')) {
      res.writeHead(404).end()
      return
    }
    const file = join(dir, rest === '.' || rest === '' ? 'index.html' : rest)
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        res.end(body)
      },
      () => res.writeHead(404).end(),
    )
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, url: `http://127.0.0.1:${port}${SUB_PATH}` })
    }),
  )
}

describe('the built app served from a sub-path of a static host', () => {
  let session: BrowserSession
  let host: Awaited<ReturnType<typeof startSubPathServer>>
  const failed: string[] = []

  beforeAll(async () => {
    host = await startSubPathServer(inject('buildDir'))
    session = await openBrowser()
    session.page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`))
    session.page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} HTTP ${r.status()}`)
    })
    await session.page.goto(host.url)
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
    await new Promise((resolve) => host?.server.close(resolve))
  })

  it('draws the basemap and the sites, finishes a run and shows the charts', async () => {
    await expectMapRunAndCharts(session.page)
  })

  it('loads the worker and the topology from under the sub-path, with no failed request', () => {
    const paths = session.requests.map((u) => new URL(u).pathname)
    expect(paths.filter((p) => !p.startsWith(SUB_PATH))).toEqual([])
    expect(paths.some((p) => /\/assets\/sim\.worker-[\w-]+\.js$/.test(p))).toBe(true)
    expect(paths.some((p) => /\/assets\/countries-110m-[\w-]+\.json$/.test(p))).toBe(true)
    expect(failed).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})
