/**
 * Side-by-side briefing switch benchmark (not a test): serves two built copies of the app and runs
 * the briefing part of the browser benchmark on each in turn, alternating, in one sitting, so a
 * change is compared with its parent on the same noisy machine.
 * Run: node --import tsx test/bench/ab-briefing.ts DIST_A DIST_B [rounds]
 * (build each with `npx vite build --outDir DIR`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { preview } from 'vite'
import type { PreviewServer } from 'vite'
import { CHROMIUM_ARGS, findBrowser } from '../../build/find-browser'
import { benchBriefing } from './briefing-bench'

/** Serves a built copy of the app on loopback, as the preview server serves `dist/`. */
async function serve(dir: string, port: number): Promise<PreviewServer> {
  return preview({
    logLevel: 'warn',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  })
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function main(): Promise<void> {
  const [a, b, roundsArg] = process.argv.slice(2)
  if (!a || !b) throw new Error('usage: ab-briefing.ts DIST_A DIST_B [rounds]')
  const rounds = Number(roundsArg ?? 3)
  const servers = [await serve(a, 4181), await serve(b, 4182)]
  const profile = mkdtempSync(join(tmpdir(), 'keyroute-ab-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  })
  // tsx keeps function names with a `__name` helper that page.evaluate bodies then call.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f' })
  const results: Record<'A' | 'B', { first: number[]; later: number[]; heap: number[] }> = {
    A: { first: [], later: [], heap: [] },
    B: { first: [], later: [], heap: [] },
  }
  try {
    for (let r = 0; r < rounds; r++)
      for (const [name, port] of [
        ['A', 4181],
        ['B', 4182],
      ] as const) {
        const bench = await benchBriefing(context, `http://127.0.0.1:${port}/`)
        const n = bench.switchMs.length / 2
        const first = bench.switchMs.slice(0, n).map((s) => s.ms)
        const later = bench.switchMs.slice(n).map((s) => s.ms)
        results[name].first.push(...first)
        results[name].later.push(...later)
        results[name].heap.push(bench.heapUsedMB)
        console.log(
          `round ${r + 1} ${name}: first showings ${first.join(' ')} ms; again ${later.join(' ')} ms; heap ${bench.heapUsedMB} MB`,
        )
      }
    for (const name of ['A', 'B'] as const) {
      const x = results[name]
      console.log(
        `${name}: first showing median ${median(x.first)} ms, slowest ${Math.max(...x.first)} ms; again median ${median(x.later)} ms, slowest ${Math.max(...x.later)} ms; heap median ${median(x.heap)} MB`,
      )
    }
  } finally {
    await context.close()
    for (const s of servers) await s.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

await main()
