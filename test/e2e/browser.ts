import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'

/** Chromium flags that keep the browser itself off the network (see toolchain notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
]

export const SCREENSHOT_DIR = 'test-results/screenshots'

/** A browser session that records every request the page makes. */
export interface BrowserSession {
  readonly context: BrowserContext
  readonly page: Page
  readonly requests: string[]
  readonly pageErrors: string[]
  close(): Promise<void>
}

/** Launches Debian's Chromium with a fresh profile. */
export async function openBrowser(
  viewport = { width: 1280, height: 720 },
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'keyroute-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
  })
  const requests: string[] = []
  const pageErrors: string[] = []
  context.on('request', (request) => requests.push(request.url()))
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => pageErrors.push(error.message))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    context,
    page,
    requests,
    pageErrors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Requests that went anywhere but the local preview server (data: and blob: URLs are local). */
export function remoteRequests(requests: readonly string[]): string[] {
  return requests.filter(
    (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(url),
  )
}
