import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Chapter } from '../../src/sim/briefing'
import { viewTimeMs } from '../../src/sim/briefing'
import { viewRunChoices } from '../../src/sim/briefing-figures'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import { SCREENSHOT_DIR, openBrowser, remoteRequests } from './browser'
import type { BrowserSession } from './browser'

const BRIEFING = BRIEFINGS.find((b) => b.id === 'citizenlab-2020')!
const COUNT = BRIEFING.chapters.length
const run = promisify(execFile)

interface CliFigures {
  readonly totals: Record<string, number>
  readonly at: { readonly step: Record<string, number>; readonly upTo: Record<string, number> }
}

/** The CLI's figures for one run of a chapter's view at the chapter's time (its range's end). */
async function cliFigures(chapter: Chapter, which: 'primary' | 'compare'): Promise<CliFigures> {
  const { view } = chapter
  const choices = viewRunChoices(view, which)
  const at = new Date(viewTimeMs(view)).toISOString().slice(0, 16) + 'Z'
  const args = ['tsx', 'src/cli/sim.ts', view.preset ?? '', '--at', at, '--json']
  if (choices.policy) args.push('--policy', choices.policy)
  if (choices.seed !== undefined) args.push('--seed', String(choices.seed))
  const { stdout } = await run('npx', args, { maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout) as CliFigures
}

interface ShownFigure {
  readonly metric: string
  readonly span: string
  readonly run: string
  readonly text: string
}

const shownFigures = (page: Page): Promise<ShownFigure[]> =>
  page.$$eval('.kr-chapter-figure', (els) =>
    els.map((el) => ({
      metric: el.getAttribute('data-metric') ?? '',
      span: el.getAttribute('data-span') ?? '',
      run: el.getAttribute('data-run') ?? '',
      text: el.querySelector('.kr-chapter-figure-value')?.textContent ?? '',
    })),
  )

const chapterInUrl = (page: Page): number =>
  Number(new URL(page.url()).hash.match(/chapter=(\d+)/)?.[1] ?? NaN)

/** Waits until every chapter's run is ready: the briefing's progress bar is gone. */
async function waitForBriefingReady(page: Page): Promise<void> {
  await page.waitForSelector('.kr-chapter-title')
  await page.waitForFunction(() => !document.querySelector('.kr-briefing-progress'), undefined, {
    timeout: 240_000,
  })
}

/** Waits for chapter `n` (from 1) with its figures computed. */
async function waitForChapter(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelector('.kr-chapter-count')?.textContent?.startsWith(`Chapter ${n} of`) &&
      !document.querySelector('.kr-chapter-run-progress') &&
      [...document.querySelectorAll('.kr-chapter-figure-value')].every(
        (el) => el.textContent !== '…',
      ),
    n,
    { timeout: 60_000 },
  )
}

const forwardLabel = (page: Page) => page.locator('.kr-briefing-controls button').nth(1).innerText()

describe('briefing mode', () => {
  let session: BrowserSession
  let cli: Promise<Map<string, CliFigures>>

  beforeAll(async () => {
    // The CLI's figures for every chapter's runs, computed while the page prepares its own.
    cli = (async () => {
      const out = new Map<string, CliFigures>()
      for (const [i, chapter] of BRIEFING.chapters.entries())
        for (const which of chapter.view.comparePolicy
          ? (['primary', 'compare'] as const)
          : (['primary'] as const))
          out.set(`${i}:${which}`, await cliFigures(chapter, which))
      return out
    })()
    session = await openBrowser()
    await session.page.emulateMedia({ colorScheme: 'dark' })
    await session.page.goto(`${inject('baseUrl')}#briefing=citizenlab-2020&chapter=1`)
    await waitForBriefingReady(session.page)
  })
  afterAll(async () => {
    await session?.close()
  })

  it("goes through every chapter with PageDown, each called-out figure equal to the CLI's for the same view, and back with PageUp", async () => {
    const { page } = session
    const figuresOf = await cli
    for (let n = 1; n <= COUNT; n++) {
      await waitForChapter(page, n)
      expect(chapterInUrl(page)).toBe(n)
      if ((await forwardLabel(page)).startsWith('Play')) {
        // Forward plays the chapter's range; forward while it plays jumps to its end.
        await page.keyboard.press('PageDown')
        expect(await forwardLabel(page)).toMatch(/To the end|Forward/)
        await page.keyboard.press('PageDown')
        await waitForChapter(page, n)
        expect(await forwardLabel(page)).toMatch(/Forward/)
      }
      const chapter = BRIEFING.chapters[n - 1]!
      const shown = await shownFigures(page)
      expect(shown.map((f) => f.metric)).toEqual(chapter.figures.map((f) => f.metric))
      for (const f of shown) {
        const from = figuresOf.get(`${n - 1}:${f.run}`)!
        const value = f.span === 'run' ? from.totals[f.metric] : from.at[f.span as 'step'][f.metric]
        expect(
          Number(f.text.replace(/,/g, '')),
          `chapter ${n} ${f.metric} ${f.span} ${f.run}`,
        ).toBe(value)
      }
      await page.waitForSelector('.kr-flow-layer[data-picture="ready"]', { state: 'attached' })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/briefing-${n}-1280x720-dark.png` })
      if (n < COUNT) await page.keyboard.press('PageDown')
    }
    for (let n = COUNT - 1; n >= 1; n--) {
      await page.keyboard.press('PageUp')
      await waitForChapter(page, n)
      expect(chapterInUrl(page)).toBe(n)
      expect(await page.locator('.kr-chapter-title').innerText()).toBe(
        BRIEFING.chapters[n - 1]!.title,
      )
    }
    expect(remoteRequests(session.requests)).toEqual([])
    expect(session.pageErrors).toEqual([])
  }, 300_000)

  it('puts the caption in at least 28 px and the figures in at least 48 px at 1280x720, and names the places on the map', async () => {
    const { page } = session
    await page.keyboard.press('4')
    await page.keyboard.press('Enter')
    await waitForChapter(page, 4)
    const size = (selector: string) =>
      page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await size('.kr-chapter-caption')).toBeGreaterThanOrEqual(28)
    expect(await size('.kr-chapter-figure-value')).toBeGreaterThanOrEqual(48)
    // Labels are placed once the map has flown to the chapter's frame.
    await expect
      .poll(async () => (await page.locator('.kr-map-label').allInnerTexts()).join(' '), {
        timeout: 10_000,
      })
      .toMatch(/Beijing/)
  })

  it('hides the place names while the map flies to the next frame, and names them once it is there', async () => {
    const { page } = session
    await page.keyboard.press('3')
    await page.keyboard.press('Enter')
    await waitForChapter(page, 3)
    await expect
      .poll(() => page.locator('.kr-map-label:visible').count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    // Each frame for two seconds: whether the map moved since the last frame, and whether a
    // place name showed (a name placed for the last frame would be off its place).
    const frames = page.evaluate(
      () =>
        new Promise<{ moved: boolean; named: boolean }[]>((resolve) => {
          const out: { moved: boolean; named: boolean }[] = []
          // A flight moves and scales the basemap's canvas each frame and redraws it at its end.
          const canvas = () => document.querySelector<HTMLCanvasElement>('.kr-basemap')
          const view = () => `${canvas()?.style.transform} ${canvas()?.dataset.view}`
          let last = view()
          const start = performance.now()
          const frame = () => {
            const now = view()
            const named = [...document.querySelectorAll('.kr-map-label')].some(
              (el) => getComputedStyle(el).visibility === 'visible',
            )
            out.push({ moved: now !== last, named })
            last = now
            if (performance.now() - start < 2000) requestAnimationFrame(frame)
            else resolve(out)
          }
          requestAnimationFrame(frame)
        }),
    )
    await page.keyboard.press('PageDown')
    const seen = await frames
    // Mid-flight: the map moved into this frame and moves on in the next (the last frame of a
    // flight lays the names out where the map stops).
    const midFlight = seen.filter((f, i) => f.moved && seen[i + 1]?.moved)
    expect(midFlight.length).toBeGreaterThan(3)
    expect(midFlight.filter((f) => f.named)).toEqual([])
    await waitForChapter(page, 4)
    await expect
      .poll(async () => (await page.locator('.kr-map-label:visible').allInnerTexts()).join(' '), {
        timeout: 10_000,
      })
      .toMatch(/Beijing/)
  })

  it('jumps by number and Enter, Home and End; blanks on B; leaves on Escape where it stands', async () => {
    const { page } = session
    await page.keyboard.press('6')
    await page.keyboard.press('Enter')
    await waitForChapter(page, 6)
    await page.keyboard.press('End')
    await waitForChapter(page, COUNT)
    await page.keyboard.press('Home')
    await waitForChapter(page, 1)
    await page.keyboard.press('b')
    await expect.poll(() => page.locator('.kr-briefing-blank').count()).toBe(1)
    await page.keyboard.press('PageDown')
    await expect.poll(() => page.locator('.kr-briefing-blank').count()).toBe(0)
    expect(chapterInUrl(page)).toBe(1)
    await page.keyboard.press('6')
    await page.keyboard.press('Enter')
    await waitForChapter(page, 6)
    await page.keyboard.press('Escape')
    await page.waitForSelector('.kr-header')
    // The dashboard shows the chapter's view: its compared policy and the time it stood at.
    const hash = new URL(page.url()).hash
    expect(hash).toContain('compare=geofenced')
    expect(hash).toContain('map=compare')
    expect(hash).not.toContain('briefing=')
    await page.getByRole('button', { name: /Present briefing/ }).click()
    await waitForChapter(page, 1)
  }, 120_000)

  it('keeps a presenter window in step both ways', async () => {
    const { page, context } = session
    const [presenter] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Presenter view' }).click(),
    ])
    await presenter.waitForSelector('.kr-presenter-current')
    const now = () => presenter.locator('.kr-presenter-current .kr-chapter-count').innerText()
    await expect.poll(now).toBe(`Now: chapter 1 of ${COUNT}`)
    await page.bringToFront()
    await page.keyboard.press('PageDown')
    await expect.poll(now).toBe(`Now: chapter 2 of ${COUNT}`)
    expect(await presenter.locator('.kr-presenter-next').innerText()).toContain(
      BRIEFING.chapters[2]!.title,
    )
    expect(await presenter.locator('.kr-presenter-notes').innerText()).toBe(
      BRIEFING.chapters[1]!.notes ?? 'No notes for this chapter.',
    )
    await presenter.getByRole('button', { name: /Forward/ }).click()
    await waitForChapter(page, 3)
    await presenter.getByRole('button', { name: /Back/ }).click()
    await waitForChapter(page, 2)
    await presenter.close()
  })

  it('takes a screenshot of every chapter at 1920x1080', async () => {
    const { page } = session
    await page.setViewportSize({ width: 1920, height: 1080 })
    await screenshotChapters(page, '1920x1080-dark')
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.keyboard.press('2')
    await page.keyboard.press('Enter')
  }, 240_000)

  it('has no axe-core violations in briefing mode', async () => {
    const { page } = session
    await waitForChapter(page, 2)
    const result = await new AxeBuilder({ page })
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze()
    expect(
      result.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
      ),
    ).toEqual([])
  })
})

/** Steps through every chapter, a screenshot of each (a range chapter at its end), once drawn. */
async function screenshotChapters(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Home')
  for (let n = 1; n <= COUNT; n++) {
    await waitForChapter(page, n)
    if ((await forwardLabel(page)).startsWith('Play')) {
      await page.keyboard.press('PageDown')
      await page.keyboard.press('PageDown')
      await waitForChapter(page, n)
    }
    // Once the map has reached the chapter's frame and drawn its picture there.
    await page.waitForSelector('.kr-flow-layer[data-picture="ready"]', { state: 'attached' })
    await page.screenshot({ path: `${SCREENSHOT_DIR}/briefing-${n}-${name}.png` })
    if (n < COUNT) await page.keyboard.press('PageDown')
  }
}

/**
 * Where the map stands, read from the basemap's canvas: where it is moved to and the view it
 * drew. It changes at every step of a flight and stands still once the map is there.
 */
const mapPanePosition = (page: Page): Promise<string> =>
  page.$eval(
    '.kr-basemap',
    (el) => `${(el as HTMLElement).style.transform} ${(el as HTMLElement).dataset.view}`,
  )

describe('briefing mode in the light theme, with reduced motion', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser({ width: 1920, height: 1080 })
    await session.page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await session.page.goto(`${inject('baseUrl')}#briefing=citizenlab-2020&chapter=1`)
    await waitForBriefingReady(session.page)
  })
  afterAll(async () => {
    await session?.close()
  })

  it('scales its type with the window: caption and figures half as large again at 1920x1080', async () => {
    const { page } = session
    await waitForChapter(page, 1)
    const size = (selector: string) =>
      page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await size('.kr-chapter-caption')).toBeCloseTo(42, 0)
    expect(await size('.kr-chapter-figure-value')).toBeCloseTo(72, 0)
  })

  it('jumps the map to the next chapter at once instead of flying', async () => {
    const { page } = session
    await page.keyboard.press('Home')
    await waitForChapter(page, 1)
    const before = await mapPanePosition(page)
    await page.keyboard.press('PageDown')
    await waitForChapter(page, 2)
    // The map moves from the frame after the chapter's words paint.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    const right = await mapPanePosition(page)
    await page.waitForTimeout(800)
    expect(right).not.toBe(before)
    expect(await mapPanePosition(page)).toBe(right)
  })

  it('takes a screenshot of every chapter at 1920x1080 and 1280x720', async () => {
    const { page } = session
    await screenshotChapters(page, '1920x1080-light')
    await page.setViewportSize({ width: 1280, height: 720 })
    await screenshotChapters(page, '1280x720-light')
    expect(session.pageErrors).toEqual([])
  }, 240_000)
})
