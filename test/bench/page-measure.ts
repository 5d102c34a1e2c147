/**
 * Measurements the browser benchmarks take on the built app: frame times, long tasks, the time
 * slider, and the busiest step of a scenario as the engine computes it in Node. Every wait can
 * be bounded, so a frozen page is reported as such instead of hanging the benchmark.
 */
import type { Page } from 'playwright-core'
import { createRun } from '../../src/sim/engine'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'

/** How long one frame measurement watches requestAnimationFrame. */
export const MEASURE_MS = 2000

export interface FrameFigures {
  readonly fps: number
  readonly worstFrameMs: number
  readonly frames: number
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

/** Raised by {@link withTimeout} when the work did not finish in time. */
export class TimeoutError extends Error {}

/**
 * `work`, or a {@link TimeoutError} after `ms`. The work keeps running (a frozen page cannot be
 * interrupted); its later failure, as when the page is closed under it, goes to the race, which
 * has already settled, so it is not an unhandled rejection.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer in ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** The busiest step of a scenario (most key paths drawn), computed by the engine in Node. */
export interface BusiestStep {
  readonly step: number
  readonly minutes: number
  readonly stepMinutes: number
  readonly runMinutes: number
  /** Key paths (key site, city) of the step: the arcs the map draws. */
  readonly flows: number
  /** Of those, paths whose keys come from a jurisdiction of concern (the animated arcs). */
  readonly concernFlows: number
  readonly meetings: number
}

export function busiestStep(input: ScenarioInput): BusiestStep {
  const parsed = parseScenario(input)
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const run = createRun(resolveScenario(parsed.scenario))
  let best = { step: 0, minutes: 0, flows: -1, concernFlows: 0 }
  while (!run.isDone) {
    for (const record of run.advance(24)) {
      if (record.flows.length > best.flows)
        best = {
          step: record.step,
          minutes: record.startMinutes,
          flows: record.flows.length,
          concernFlows: record.flows.filter((f) => f.concern > 0).length,
        }
    }
  }
  const { stepMinutes } = parsed.scenario
  return {
    ...best,
    stepMinutes,
    runMinutes: run.stepCount * stepMinutes,
    meetings: run.finish().totals.meetings,
  }
}

/**
 * Frame times from requestAnimationFrame for `ms`, while `drive` (if any) acts on the page. The
 * drive's `isDone` also turns true after `timeoutMs`, so its loop ends even if the page hangs.
 */
export async function measureFrames(
  page: Page,
  drive?: (isDone: () => boolean) => Promise<void>,
  timeoutMs = 10 * 60_000,
): Promise<FrameFigures> {
  let isCollected = false
  const deadline = Date.now() + timeoutMs
  const isDone = () => isCollected || Date.now() > deadline
  const collecting = page
    .evaluate(
      (ms) =>
        new Promise<number[]>((resolve) => {
          const times: number[] = []
          const start = performance.now()
          const tick = (now: number): void => {
            times.push(now)
            if (now - start < ms) requestAnimationFrame(tick)
            else resolve(times)
          }
          requestAnimationFrame(tick)
        }),
      MEASURE_MS,
    )
    .finally(() => {
      isCollected = true
    })
  // Handled here too: when `drive` fails first, the page's later answer must not go unheard.
  collecting.catch(() => undefined)
  const work = (async () => {
    if (drive) await drive(isDone)
    return collecting
  })()
  const times = await withTimeout(work, timeoutMs, 'frames')
  let worst = 0
  for (let i = 1; i < times.length; i++)
    worst = Math.max(worst, (times[i] ?? 0) - (times[i - 1] ?? 0))
  const seconds = ((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000
  return {
    fps: round((times.length - 1) / seconds),
    worstFrameMs: round(worst),
    frames: times.length,
  }
}

/** Drag pans back and forth across the map's centre until `isDone`. */
export async function dragPan(
  page: Page,
  cx: number,
  cy: number,
  isDone: () => boolean,
): Promise<void> {
  let direction = 1
  while (!isDone()) {
    await page.mouse.move(cx - direction * 240, cy)
    await page.mouse.down()
    for (let i = 1; i <= 60 && !isDone(); i++)
      await page.mouse.move(cx - direction * 240 + direction * 8 * i, cy)
    await page.mouse.up()
    direction = -direction
  }
}

/** Wheel zooms in and out at the map's centre until `isDone`. */
export async function wheelZoom(
  page: Page,
  cx: number,
  cy: number,
  isDone: () => boolean,
): Promise<void> {
  await page.mouse.move(cx, cy)
  let delta = -120
  while (!isDone()) {
    await page.mouse.wheel(0, delta)
    await page.waitForTimeout(120)
    delta = -delta
  }
}

/** Long tasks `[startTime, duration]` the page's observer (installed by the bench) has seen. */
export function readLongTasks(page: Page): Promise<Array<[number, number]>> {
  return page.evaluate(
    () => (window as unknown as { krLongTasks: Array<[number, number]> }).krLongTasks,
  )
}

/** Forgets the long tasks seen so far. */
export async function clearLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(window as unknown as { krLongTasks: unknown[] }).krLongTasks = []
  })
}

/** Sets the timeline slider to `minutes` the way a drag does (one input event). */
export async function setTimeMinutes(page: Page, minutes: number): Promise<void> {
  await page.getByRole('slider', { name: 'Simulated time' }).evaluate((el, value) => {
    const input = el as HTMLInputElement
    // React tracks the value property; the prototype's setter bypasses that, as typing does.
    Reflect.set(HTMLInputElement.prototype, 'value', String(value), input)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, minutes)
}

/** The map region's centre, in page pixels. */
export async function mapCentre(page: Page): Promise<{ cx: number; cy: number }> {
  const box = await page.getByRole('region', { name: /World map of data centers/ }).boundingBox()
  if (!box) throw new Error('the map has no box')
  return { cx: box.x + box.width / 2, cy: box.y + box.height / 2 }
}

/**
 * Imports `scenario` as a scenario file and resolves to the page's time when the file input's
 * `change` event fired: the moment the run starts. Playwright builds the file in the page from
 * base64 in the same task that fires the event (40-60 ms for a stress world), so long tasks
 * that began before this moment are the upload's, not the app's.
 */
export async function importScenarioFile(
  page: Page,
  name: string,
  scenario: unknown,
): Promise<number> {
  const input = page.getByLabel('Import scenario file')
  await input.evaluate((el) => {
    const w = window as unknown as { krImportedAtMs?: number }
    delete w.krImportedAtMs
    el.addEventListener('change', () => (w.krImportedAtMs = performance.now()), {
      capture: true,
      once: true,
    })
  })
  await input.setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  })
  const at = await page.evaluate(
    () => (window as unknown as { krImportedAtMs?: number }).krImportedAtMs,
  )
  if (at === undefined) throw new Error('the file input fired no change event')
  return at
}
