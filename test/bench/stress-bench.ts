/**
 * The stress part of the browser benchmark: each stress world (stress-worlds.ts) is imported
 * into the built app as a scenario file, on a page of its own, and measured: key paths at the
 * busiest step and exposures among them (from the engine in Node), the longest main-thread task
 * while the run streams, then with the busiest step on the map the frame rate and worst frame
 * for idle animation, drag pan, wheel zoom and playback, and the time one pointer move over the
 * paths takes to handle (hit test, hover highlight and tooltip). Every step has a timeout: a page
 * that does not answer gets a figure of null and a note saying which step froze.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { waitForRunDone, watchNextRun } from '../e2e/browser'
import * as bench from './page-measure'
import type { FrameFigures } from './page-measure'
import { STRESS_CASES, stressScenario } from './stress-worlds'
import type { StressCase } from './stress-worlds'

const LOAD_TIMEOUT_MS = 90_000
const RUN_TIMEOUT_MS = 240_000
const STEP_TIMEOUT_MS = 60_000
const HIT_TEST_MOVES = 50
const PICTURE_WAIT_MS = 20_000
/** Playback speed for the stress runs: a day-long run at 1 day/s would end within the measure. */
const PLAYBACK_SPEED = '4 hours/s'
const PLAYBACK_SPAN_MINUTES = 600

type Figures<T> = { idle: T; pan: T; zoom: T; playback: T }

/** One stress case's figures; null where the page did not answer in time (see `notes`). */
export interface StressEntry {
  readonly name: string
  readonly arcs: number
  readonly exposures: number
  readonly fps: Figures<number | null>
  readonly worstFrameMs: Figures<number | null>
  readonly longestTaskMs: number | null
  /** Median time to handle one pointer move over the map's paths. */
  readonly hitTestMs: number | null
  readonly detail: {
    readonly sites: number
    readonly cities: number
    readonly busiestStep: number
    readonly meetings: number
    readonly runWallSeconds: number | null
    readonly tasksOver50ms: number | null
    /** Each long task of the run: its duration and when it began, in ms after the file arrived. */
    readonly longTasks: ReadonlyArray<{ ms: number; atMs: number }> | null
    readonly hitTestMaxMs: number | null
    /** Pointer moves that ended over a path or city (the map shows the pointer cursor). */
    readonly hitTestOverPath: string | null
  }
  readonly notes: string[]
}

interface HitTestFigures {
  readonly times: number[]
  readonly over: number
  readonly painted: number
}

// Time for paths to show in view after the run is framed again.
const PATHS_WAIT_MS = 5_000

/** Whether a canvas of the map's flow pane has a painted pixel (run in the page). */
function pathsInView(): boolean {
  return [...document.querySelectorAll<HTMLCanvasElement>('.leaflet-kr-flows-pane canvas')].some(
    (canvas) => {
      try {
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
        return data?.some((value, i) => i % 4 === 3 && value > 0) ?? false
      } catch {
        return false
      }
    },
  )
}

/**
 * Dispatches `moves` synthetic mouse moves on the map at painted pixels of its flow pane
 * (where paths are drawn), or on a grid when the pane's pixels cannot be read, and times each
 * synchronous dispatch: everything the page does for a pointer move before it can paint.
 */
function timePointerMoves(page: Page, moves: number): Promise<HitTestFigures> {
  return page.getByRole('region', { name: /World map of data centers/ }).evaluate((mapEl, n) => {
    const box = mapEl.getBoundingClientRect()
    const inside = (x: number, y: number) =>
      x > box.left + 2 && x < box.right - 2 && y > box.top + 2 && y < box.bottom - 2
    const painted: Array<[number, number]> = []
    for (const canvas of mapEl.querySelectorAll<HTMLCanvasElement>(
      '.leaflet-kr-flows-pane canvas',
    )) {
      // A canvas handed to a worker (an OffscreenCanvas) cannot be read here.
      const ctx = ((): CanvasRenderingContext2D | null => {
        try {
          return canvas.getContext('2d')
        } catch {
          return null
        }
      })()
      const r = canvas.getBoundingClientRect()
      if (!ctx || r.width === 0 || r.height === 0) continue
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      const sx = canvas.width / r.width
      const sy = canvas.height / r.height
      for (let y = 0; y < r.height; y += 5)
        for (let x = 0; x < r.width; x += 5) {
          const alpha = data[(Math.floor(y * sy) * canvas.width + Math.floor(x * sx)) * 4 + 3]
          if (alpha && inside(r.left + x, r.top + y)) painted.push([r.left + x, r.top + y])
        }
    }
    const points: Array<[number, number]> = []
    for (let k = 0; k < n; k++) {
      const p = painted[Math.floor((k * painted.length) / n)]
      points.push(
        p ?? [
          box.left + ((k % 10) + 0.5) * (box.width / 10),
          box.top + (Math.floor(k / 10) + 0.5) * (box.height / Math.ceil(n / 10)),
        ],
      )
    }
    const times: number[] = []
    let over = 0
    for (const [x, y] of points) {
      const target = document.elementFromPoint(x, y) ?? mapEl
      const event = new MouseEvent('mousemove', {
        bubbles: true,
        cancelable: true,
        clientX: x,
        clientY: y,
        view: window,
      })
      const t0 = performance.now()
      target.dispatchEvent(event)
      times.push(performance.now() - t0)
      // The hand shows on the map's box, or (since the basemap is a canvas) on that canvas.
      const hand = (el: Element) => getComputedStyle(el).cursor === 'pointer'
      if (hand(mapEl) || (target.classList.contains('kr-basemap') && hand(target))) over++
    }
    mapEl.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, view: window }))
    return { times, over, painted: painted.length }
  }, moves)
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** Waits until the page has painted twice, so what was just changed is on screen. */
const painted = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  )

// Time for the pause button to take a click, while playback may reach the run's end meanwhile.
const PAUSE_CLICK_MS = 3000

// Longer than the flow layer's wait after a zoom before it draws the zoom's picture.
const ZOOM_SETTLE_WAIT_MS = 400

/*
 * Waits until the flow layer shows the picture of the current view (its `data-picture` is
 * 'ready'): until then a pointer finds no path (the layer hit-tests the picture on screen), and
 * the painted pixels the moves aim at are those of the last zoom, scaled. A build whose layer has
 * no such mark gets a fixed wait. False when the picture was not done in time.
 */
async function pictureReady(page: Page): Promise<boolean> {
  const layer = page.locator('.kr-flow-layer').first()
  if ((await layer.getAttribute('data-picture')) === null) {
    await page.waitForTimeout(PICTURE_WAIT_MS / 4)
    return true
  }
  return page
    .locator('.kr-flow-layer[data-picture="ready"]')
    .first()
    .waitFor({ state: 'attached', timeout: PICTURE_WAIT_MS })
    .then(() => true)
    .catch(() => false)
}

async function benchCase(context: BrowserContext, baseUrl: string, c: StressCase) {
  const scenario = stressScenario(c)
  const busiest = bench.busiestStep(scenario)
  const notes: string[] = []
  // Runs one measuring step within its timeout; a step that fails or times out gives null.
  const attempt = async <T>(what: string, ms: number, work: () => Promise<T>) => {
    try {
      return await bench.withTimeout(work(), ms, what)
    } catch (e) {
      notes.push(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
      return null
    }
  }
  const frames: Figures<FrameFigures | null> = {
    idle: null,
    pan: null,
    zoom: null,
    playback: null,
  }
  let longestTaskMs: number | null = null
  let tasksOver50ms: number | null = null
  let longTasks: Array<{ ms: number; atMs: number }> | null = null
  let runWallSeconds: number | null = null
  let hits: HitTestFigures | null = null
  const page = await context.newPage()
  try {
    const loaded = await attempt('load', LOAD_TIMEOUT_MS, async () => {
      await page.goto(baseUrl)
      await waitForRunDone(page, LOAD_TIMEOUT_MS)
      await page.getByText('Run settings').click()
      await bench.clearLongTasks(page)
      return true
    })
    if (!loaded) throw new Error('skipped')
    const runDone = await watchNextRun(page)
    const runStart = Date.now()
    // Tasks count from the file's arrival, after Playwright's upload (see importScenarioFile).
    const runStartPageMs = await attempt('import', STEP_TIMEOUT_MS, () =>
      bench.importScenarioFile(page, `stress-${c.name}.json`, scenario),
    )
    if (runStartPageMs === null) throw new Error('skipped')
    const isRunDone = await attempt('run', RUN_TIMEOUT_MS, () =>
      runDone(RUN_TIMEOUT_MS).then(() => true),
    )
    if (isRunDone) runWallSeconds = bench.round((Date.now() - runStart) / 1000, 2)
    const tasks = await attempt('long tasks', STEP_TIMEOUT_MS, async () => {
      const endPageMs = await page.evaluate(() => performance.now())
      return (await bench.readLongTasks(page))
        .filter(([start]) => start >= runStartPageMs && start <= endPageMs)
        .map(([start, d]) => ({ ms: bench.round(d), atMs: Math.round(start - runStartPageMs) }))
    })
    if (tasks) {
      longTasks = tasks
      longestTaskMs = bench.round(Math.max(0, ...tasks.map((t) => t.ms)))
      tasksOver50ms = tasks.filter((t) => t.ms > 50).length
      if (isRunDone === null) notes.push('longest task is over the part of the run that streamed')
    }
    const onBusiest = await attempt('show busiest step', STEP_TIMEOUT_MS, async () => {
      await page.getByText('Run settings').click()
      await bench.setTimeMinutes(page, busiest.minutes)
      await painted(page)
      await page.waitForTimeout(300)
      return bench.mapCentre(page)
    })
    if (onBusiest) {
      const { cx, cy } = onBusiest
      const framesOf = (what: string, drive?: (isDone: () => boolean) => Promise<void>) =>
        attempt(`${what} frames`, STEP_TIMEOUT_MS, () =>
          bench.measureFrames(page, drive, STEP_TIMEOUT_MS),
        )
      frames.idle = await framesOf('idle')
      frames.pan = await framesOf('pan', (isDone) => bench.dragPan(page, cx, cy, isDone))
      frames.zoom = await framesOf('zoom', (isDone) => bench.wheelZoom(page, cx, cy, isDone))
      hits = await attempt('hit test', STEP_TIMEOUT_MS, async () => {
        // Back to the run's framing: the pan and zoom may have left only open sea in view.
        await page.getByRole('button', { name: /Fit to key paths/ }).click()
        await page.waitForTimeout(ZOOM_SETTLE_WAIT_MS)
        if (!(await pictureReady(page)))
          notes.push('hit test: the picture of the view was not done')
        // A framing may land after the last view's picture said ready: wait for paths in view.
        const hasPaths = await page
          .waitForFunction(pathsInView, null, { timeout: PATHS_WAIT_MS, polling: 200 })
          .then(() => true)
          .catch(() => false)
        if (!hasPaths) notes.push(`hit test: no path drawn in view after ${PATHS_WAIT_MS} ms`)
        else if (!(await pictureReady(page)))
          notes.push('hit test: the picture of the framed view was not done')
        await painted(page)
        return timePointerMoves(page, HIT_TEST_MOVES)
      })
      if (hits && hits.painted === 0)
        notes.push('hit test: no painted pixels read; moved on a grid')
      const playing = await attempt('start playback', STEP_TIMEOUT_MS, async () => {
        const from = Math.max(
          0,
          Math.min(
            busiest.minutes - busiest.stepMinutes / 2,
            busiest.runMinutes - PLAYBACK_SPAN_MINUTES,
          ),
        )
        await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: PLAYBACK_SPEED })
        await bench.setTimeMinutes(page, from)
        await page.getByRole('button', { name: 'Play', exact: true }).click()
        return true
      })
      if (playing) {
        frames.playback = await framesOf('playback')
        // Playback stops by itself at the end of the run; pause only if it is still going. It
        // may end between the look and the click, and the button then says Play: no pause is due.
        await attempt('pause', STEP_TIMEOUT_MS, async () => {
          const pause = page.getByRole('button', { name: 'Pause', exact: true })
          if (!(await pause.isVisible())) return
          await pause.click({ timeout: PAUSE_CLICK_MS }).catch(async (e: unknown) => {
            if (await pause.isVisible()) throw e
          })
        })
      }
    }
  } catch (e) {
    if (!(e instanceof Error && e.message === 'skipped')) throw e
  } finally {
    await page.close().catch(() => undefined)
  }
  const pick = (key: 'fps' | 'worstFrameMs') => ({
    idle: frames.idle?.[key] ?? null,
    pan: frames.pan?.[key] ?? null,
    zoom: frames.zoom?.[key] ?? null,
    playback: frames.playback?.[key] ?? null,
  })
  const entry: StressEntry = {
    name: c.name,
    arcs: busiest.flows,
    exposures: busiest.concernFlows,
    fps: pick('fps'),
    worstFrameMs: pick('worstFrameMs'),
    longestTaskMs,
    hitTestMs: hits ? bench.round(median(hits.times), 2) : null,
    detail: {
      sites: c.sites,
      cities: c.cities,
      busiestStep: busiest.step,
      meetings: busiest.meetings,
      runWallSeconds,
      tasksOver50ms,
      longTasks,
      hitTestMaxMs: hits ? bench.round(Math.max(...hits.times), 2) : null,
      hitTestOverPath: hits ? `${hits.over} of ${hits.times.length}` : null,
    },
    notes,
  }
  return entry
}

/** Measures every stress case, each on a fresh page of `context` (which records long tasks). */
export async function benchStress(
  context: BrowserContext,
  baseUrl: string,
  cases: readonly StressCase[] = STRESS_CASES,
): Promise<StressEntry[]> {
  const entries: StressEntry[] = []
  for (const c of cases) {
    console.log(`stress case ${c.name}…`)
    entries.push(await benchCase(context, baseUrl, c))
  }
  return entries
}

const cell = (x: number | null, width: number): string => String(x ?? '-').padStart(width)

/** Prints the stress figures as a table, with the notes of steps that froze. */
export function printStress(entries: readonly StressEntry[]): void {
  console.log(
    '  stress case          arcs  exposures  longest task  hit test median/max  over path   fps idle/pan/zoom/play   worst frame ms idle/pan/zoom/play',
  )
  for (const e of entries) {
    const fps = [e.fps.idle, e.fps.pan, e.fps.zoom, e.fps.playback].map((x) => cell(x, 5)).join(' ')
    const worst = [
      e.worstFrameMs.idle,
      e.worstFrameMs.pan,
      e.worstFrameMs.zoom,
      e.worstFrameMs.playback,
    ]
      .map((x) => cell(x, 7))
      .join(' ')
    console.log(
      `  ${e.name.padEnd(18)} ${cell(e.arcs, 6)} ${cell(e.exposures, 10)} ${cell(e.longestTaskMs, 10)} ms ${cell(e.hitTestMs, 6)}/${cell(e.detail.hitTestMaxMs, 6)} ms ${(e.detail.hitTestOverPath ?? '-').padStart(10)}   ${fps}   ${worst}`,
    )
    for (const note of e.notes) console.log(`      note: ${note}`)
  }
}
