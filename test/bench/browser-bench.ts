/**
 * Browser benchmark (not a test): builds the app, serves it on 127.0.0.1:4175 and drives Debian's
 * Chromium with the offline flags. Measures
 *   a. first-load JavaScript: gzip size of the .js files requested before the first run is done;
 *   b. main-thread long tasks while a big run (surge-march-2020 at scale 0.0015, about 1.5 million
 *      meetings over 14 days, imported as a scenario file) executes, and the run's wall time;
 *   c. frame rate with the busiest step of that run on the map: idle arc animation, drag pan,
 *      wheel zoom and playback at one day per second;
 *   d. the built-in briefing: time until every chapter is ready, each chapter switch (key press to
 *      painted frame) and the heap with every chapter ready (briefing-bench.ts);
 *   e. 20 replications of citizenlab-2020 in the worker pool: wall time from opening the link to
 *      the last replication, and the page's heap after them (target under 300 MB);
 *   f. the stress worlds (stress-worlds.ts: 60 x 1,000, 200 x 5,000, a misconfigured list, a
 *      congested world), each imported as a scenario file: key paths and exposures at the busiest
 *      step, longest task while the run streams, frames at the busiest step, hit-test time
 *      (stress-bench.ts).
 * Prints a table, then, as its last line, one JSON object (with a `stress` array). Run:
 *   npm run bench:browser                      everything
 *   npm run bench:browser -- --only stress     only f (or KR_BENCH_ONLY=stress)
 *   npm run bench:browser -- --only stress --case 60x1000,congested   some stress cases
 *                                              (or KR_BENCH_CASE=60x1000,congested)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'
import { build, preview } from 'vite'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { ScenarioInput } from '../../src/sim/scenario'
import { timeLabel, waitForRunDone, watchNextRun } from '../e2e/browser'
import { CHROMIUM_ARGS, findBrowser } from '../../build/find-browser'
import { benchBriefing } from './briefing-bench'
import {
  busiestStep,
  clearLongTasks,
  dragPan,
  importScenarioFile,
  mapCentre,
  measureFrames,
  readLongTasks,
  round,
  setTimeMinutes,
  wheelZoom,
} from './page-measure'
import { benchStress, printStress } from './stress-bench'
import { STRESS_CASES } from './stress-worlds'
import type { StressCase } from './stress-worlds'

// KR_BENCH_PORT lets two benchmarks (say, before and after a change) run on one machine.
const PORT = Number(process.env.KR_BENCH_PORT ?? 4175)
const BASE_URL = `http://127.0.0.1:${PORT}/`
const JS_BUDGET_KB = 350
const LONG_TASK_MS = 50
const FPS_TARGET = 30

const BIG_SCENARIO: ScenarioInput = {
  ...PRESETS['surge-march-2020'],
  id: 'surge-march-2020-big',
  name: 'Global surge, March 2020, 1:667 (benchmark)',
  demand: { ...PRESETS['surge-march-2020'].demand, scale: 0.0015 },
}

/**
 * e. Opens a link asking for 20 replications of citizenlab-2020 on a page of its own, waits for
 * the last, and reads the page's heap after a garbage collection: the page keeps per-replication
 * summaries and bands, never a replication's step records.
 */
async function benchReplications(
  context: BrowserContext,
): Promise<{ wallSeconds: number; heapUsedMB: number; workers: number }> {
  const page = await context.newPage()
  try {
    const started = Date.now()
    await page.goto(`${BASE_URL}#preset=citizenlab-2020&reps=20`)
    await page
      .getByRole('region', { name: 'Replications' })
      .getByRole('status')
      .filter({ hasText: /^20 of 20 replications done$/ })
      .waitFor({ timeout: 600_000 })
    const wallSeconds = round((Date.now() - started) / 1000)
    const workers = await page.evaluate(() => Math.max(1, navigator.hardwareConcurrency - 1))
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return { wallSeconds, heapUsedMB: round(usedSize / 1e6), workers }
  } finally {
    await page.close()
  }
}

/** a. to e.: first load, the big run, its frames, the briefing and replications; prints a table. */
async function benchPresets(
  context: BrowserContext,
  page: Page,
  requests: readonly string[],
  outDir: string,
) {
  console.log('computing the busiest step of the big run in Node…')
  const busiest = busiestStep(BIG_SCENARIO)
  // a. First-load JavaScript.
  const loadStart = Date.now()
  await page.goto(BASE_URL)
  await waitForRunDone(page, 60_000)
  const firstRunMs = Date.now() - loadStart
  const jsFiles = [...new Set(requests)]
    .map((url) => new URL(url))
    .filter((u) => u.host === `127.0.0.1:${PORT}` && u.pathname.endsWith('.js'))
    .map((u) => {
      const bytes = readFileSync(join(outDir, decodeURIComponent(u.pathname)))
      return { file: u.pathname, gzipKB: round(gzipSync(bytes).length / 1024) }
    })
  const firstLoadJsKB = round(jsFiles.reduce((sum, f) => sum + f.gzipKB, 0))
  const loadLongTasks = (await readLongTasks(page)).map(([, d]) => d)

  // b. Long tasks during the big run.
  await page.getByText('Run settings').click()
  await clearLongTasks(page)
  const runDone = await watchNextRun(page)
  const runStart = Date.now()
  const runStartPageMs = await importScenarioFile(page, 'surge-big.json', BIG_SCENARIO)
  await runDone(600_000)
  const bigRunSeconds = round((Date.now() - runStart) / 1000, 2)
  const runEndPageMs = await page.evaluate(() => performance.now())
  await page.getByText('Run settings').click()
  const runTasks = (await readLongTasks(page)).filter(([start]) => start >= runStartPageMs)
  const runLongTasks = runTasks.map(([, d]) => d)
  // When each long task began, in seconds from the import and before the end of the run.
  const runTaskTimes = runTasks.map(([start, d]) => ({
    durationMs: round(d),
    atSeconds: round((start - runStartPageMs) / 1000, 2),
    beforeEndSeconds: round((runEndPageMs - start) / 1000, 2),
  }))
  const meetingsShown = await page
    .getByRole('region', { name: 'Key figures' })
    .getByRole('row', { name: /^Meetings/ })
    .getByRole('cell')
    .last()
    .textContent()

  // c. Frame rate on the busiest step.
  await setTimeMinutes(page, busiest.minutes)
  await page.waitForTimeout(500)
  const shownTime = await timeLabel(page).textContent()
  const { cx, cy } = await mapCentre(page)

  const idle = await measureFrames(page)
  const pan = await measureFrames(page, (isDone) => dragPan(page, cx, cy, isDone))
  const zoom = await measureFrames(page, (isDone) => wheelZoom(page, cx, cy, isDone))
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '1 day/s' })
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  const playback = await measureFrames(page)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()

  // d. The briefing, on a page of its own.
  const briefing = await benchBriefing(context, BASE_URL)

  // e. Replications, on a page of their own.
  const replications = await benchReplications(context)

  const frames = { idle, pan, zoom, playback }
  const result = {
    firstLoadJsKB,
    firstLoadJsBudgetKB: JS_BUDGET_KB,
    firstLoadJsFiles: jsFiles,
    firstRunMs,
    firstLoadLongestTaskMs: round(Math.max(0, ...loadLongTasks)),
    bigRun: {
      meetings: busiest.meetings,
      meetingsShown: meetingsShown?.trim() ?? '',
      wallSeconds: bigRunSeconds,
      longestTaskMs: round(Math.max(0, ...runLongTasks)),
      tasksOver50ms: runLongTasks.filter((d) => d > LONG_TASK_MS).length,
      longTasks: runTaskTimes,
    },
    busiestStep: { step: busiest.step, minutes: busiest.minutes, flows: busiest.flows },
    shownTime: shownTime ?? '',
    frames,
    briefing,
    replications,
  }

  const pass = (ok: boolean): string => (ok ? 'ok' : 'OVER')
  console.log('')
  console.log('keyroute browser benchmark (Chromium, 1280x720, software rendering)')
  console.log(
    `  first-load JS       ${firstLoadJsKB} KB gzip (budget ${JS_BUDGET_KB} KB) ${pass(firstLoadJsKB <= JS_BUDGET_KB)}`,
  )
  for (const f of jsFiles) console.log(`    ${f.file.padEnd(40)} ${f.gzipKB} KB`)
  console.log(`  first run done      ${firstRunMs} ms after navigation`)
  console.log(
    `  big run             ${busiest.meetings.toLocaleString('en-US')} meetings, ${bigRunSeconds} s wall`,
  )
  console.log(
    `  long tasks in run   longest ${result.bigRun.longestTaskMs} ms, ${result.bigRun.tasksOver50ms} over ${LONG_TASK_MS} ms ${pass(result.bigRun.tasksOver50ms === 0)}`,
  )
  for (const t of runTaskTimes)
    console.log(
      `    ${t.durationMs} ms task at +${t.atSeconds} s (${t.beforeEndSeconds} s before "Done" was seen)`,
    )
  console.log(
    `  busiest step        #${busiest.step} (${shownTime ?? '?'}), ${busiest.flows} flows`,
  )
  console.log('  case        fps     worst frame')
  for (const [name, f] of Object.entries(frames))
    console.log(
      `  ${name.padEnd(10)} ${String(f.fps).padStart(5)}   ${String(f.worstFrameMs).padStart(6)} ms  ${pass(f.fps >= FPS_TARGET)}`,
    )
  console.log(
    `  briefing            ready in ${briefing.readyMs} ms; chapter switch (key to painted frame) median ${briefing.medianSwitchMs} ms (in the page after ${briefing.medianDomMs} ms), slowest ${briefing.slowestSwitchMs} ms ${pass(briefing.slowestSwitchMs < 100)}; heap ${briefing.heapUsedMB} MB ${pass(briefing.heapUsedMB < 300)}`,
  )
  console.log(
    `  replications        20 of citizenlab-2020 on ${replications.workers} worker(s) in ${replications.wallSeconds} s; heap ${replications.heapUsedMB} MB ${pass(replications.heapUsedMB < 300)}`,
  )
  return result
}

/** The value of `--<flag> value`, else of the environment variable `env`. */
function option(flag: string, env: string): string | undefined {
  const i = process.argv.indexOf(`--${flag}`)
  return i >= 0 ? process.argv[i + 1] : process.env[env]
}

/** Which part to run: `--only stress` (or KR_BENCH_ONLY=stress) runs only the stress cases. */
function onlyPart(): 'stress' | null {
  const only = option('only', 'KR_BENCH_ONLY')
  if (only === undefined || only === '') return null
  if (only !== 'stress') throw new Error(`--only takes "stress", not "${only}"`)
  return only
}

/** The stress cases to run: `--case 60x1000,congested` (or KR_BENCH_CASE), else all of them. */
function stressCases(): StressCase[] {
  const names = option('case', 'KR_BENCH_CASE')?.split(',') ?? STRESS_CASES.map((c) => c.name)
  return names.map((name) => {
    const found = STRESS_CASES.find((c) => c.name === name)
    if (!found)
      throw new Error(
        `no stress case "${name}"; cases: ${STRESS_CASES.map((c) => c.name).join(', ')}`,
      )
    return found
  })
}

async function main(): Promise<void> {
  const only = onlyPart()
  const cases = stressCases()
  const outDir = mkdtempSync(join(tmpdir(), 'keyroute-bench-dist-'))
  const profile = mkdtempSync(join(tmpdir(), 'keyroute-bench-chromium-'))
  console.log('building…')
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: PORT, strictPort: true },
  })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  })
  try {
    const requests: string[] = []
    context.on('request', (r) => requests.push(r.url()))
    const pageErrors: string[] = []
    context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)))
    // tsx keeps function names with a `__name` helper that page.evaluate bodies then call.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f' })
    await context.addInitScript(() => {
      const w = window as unknown as { krLongTasks: Array<[number, number]> }
      w.krLongTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.krLongTasks.push([e.startTime, e.duration])
      }).observe({ type: 'longtask', buffered: true })
    })
    // The persistent context opens with a page of its own, before the 'page' listener above.
    const first = context.pages()[0]
    first?.on('pageerror', (e) => pageErrors.push(e.message))
    const page = first ?? (await context.newPage())
    const loadBefore = loadavg().map((x) => round(x, 2))

    const presets = only === 'stress' ? {} : await benchPresets(context, page, requests, outDir)
    // f. The stress worlds, each on a page of its own.
    const stress = await benchStress(context, BASE_URL, cases)
    printStress(stress)

    const remote = requests.filter(
      (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(url),
    )
    const loadAverage = { before: loadBefore, after: loadavg().map((x) => round(x, 2)) }
    console.log(
      `  load average (1, 5, 15 min) before ${loadAverage.before.join(', ')}, after ${loadAverage.after.join(', ')}`,
    )
    console.log(`  remote requests     ${remote.length}; page errors ${pageErrors.length}`)
    console.log(
      JSON.stringify({ ...presets, stress, loadAverage, remoteRequests: remote, pageErrors }),
    )
  } finally {
    await context.close()
    await server.close()
    rmSync(profile, { recursive: true, force: true })
    rmSync(outDir, { recursive: true, force: true })
  }
}

await main()
