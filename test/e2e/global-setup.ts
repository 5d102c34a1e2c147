import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { build, preview } from 'vite'
import { findBrowser } from '../../build/find-browser'
import type { PreviewServer } from 'vite'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** The folder the app was built into, for tests that serve it otherwise (under a sub-path). */
    buildDir: string
  }
}

let server: PreviewServer | undefined
let outDir: string | undefined

/**
 * Builds the app as `npm run build` does, into a folder of its own so a concurrent build or
 * `npm start` is not disturbed, and serves it on loopback (port 4174, or the next free one).
 */
export async function setup(project: TestProject): Promise<void> {
  // Before the build: with no browser on the machine, say so in one line at once.
  findBrowser()
  outDir = mkdtempSync(join(tmpdir(), 'keyroute-e2e-'))
  // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: without this the tests would
  // drive React's development build instead of the production app users get.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 4174, strictPort: false },
    logLevel: 'warn',
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the preview server reported no local URL')
  project.provide('baseUrl', url)
  project.provide('buildDir', outDir)
}

export async function teardown(): Promise<void> {
  await server?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
}
