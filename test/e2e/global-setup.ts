import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { build, preview } from 'vite'
import type { PreviewServer } from 'vite'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

let server: PreviewServer | undefined

/** Builds the app as `npm run build` does and serves it on loopback for the browser tests. */
export async function setup(project: TestProject): Promise<void> {
  rmSync('dist', { recursive: true, force: true })
  await build({ logLevel: 'warn' })
  server = await preview({ preview: { host: '127.0.0.1', port: 4174, strictPort: true } })
  project.provide('baseUrl', 'http://127.0.0.1:4174/')
}

export async function teardown(): Promise<void> {
  await server?.close()
}
