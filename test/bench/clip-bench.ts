/**
 * Clip benchmark (not a test): builds the app, serves it on 127.0.0.1:4176 and records, through
 * the "Record clip" dialog in Debian's Chromium, one day of citizenlab-2020 at 1280x720, 30 fps,
 * one simulated hour per second (720 frames) as MP4. Prints the time from the click on Record to
 * the download, the part the page spent drawing frames (the rest is waiting on the encoder and
 * muxing), and the file's size. Target: under 60 s. Run: npm run bench:clip
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { build, preview } from 'vite'
import { waitForRunDone } from '../e2e/browser'
import { CHROMIUM_ARGS, findBrowser } from '../../build/find-browser'

const PORT = 4176
const TARGET_S = 60

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'keyroute-clip-bench-'))
  const profile = mkdtempSync(join(tmpdir(), 'keyroute-clip-bench-profile-'))
  process.env.NODE_ENV = 'production'
  await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: PORT, strictPort: true },
    logLevel: 'warn',
  })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`http://127.0.0.1:${PORT}/?preset=citizenlab-2020`)
    await waitForRunDone(page)
    await page.getByRole('button', { name: 'Record clip' }).click()
    const dialog = page.getByRole('dialog', { name: 'Record clip' })
    const summary = await dialog.locator('.kr-clip-summary').textContent()
    const started = performance.now()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      dialog.getByRole('button', { name: 'Record' }).click(),
    ])
    const seconds = (performance.now() - started) / 1000
    const status = dialog.getByRole('status')
    const drawMs = Number(await status.getAttribute('data-draw-ms'))
    const elapsedMs = Number(await status.getAttribute('data-elapsed-ms'))
    const bytes = statSync(await download.path()).size
    const rows: [string, string][] = [
      ['clip', `${summary ?? ''} ${download.suggestedFilename()}`],
      ['click to download', `${seconds.toFixed(1)} s (target < ${TARGET_S} s)`],
      ['first frame to file', `${(elapsedMs / 1000).toFixed(1)} s`],
      ['drawing frames', `${(drawMs / 1000).toFixed(1)} s`],
      ['file size', `${(bytes / 1e6).toFixed(2)} MB`],
    ]
    for (const [name, value] of rows) console.log(`${name.padEnd(22)}${value}`)
    console.log(JSON.stringify({ seconds, elapsedMs, drawMs, bytes }))
  } finally {
    await context.close()
    await server.close()
    rmSync(outDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}

await main()
