import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  SCREENSHOT_DIR,
  basemapCountries,
  openBrowser,
  remoteRequests,
  siteMarkerPoint,
  waitForRunDone,
} from './browser'
import type { BrowserSession } from './browser'

// citizenlab-2020, seed 2020: the first hour with exposures in both countries (the one before
// has a single Canadian one) and the hour with the most.
const FIRST_EXPOSURE_MINUTES = 900
const BUSIEST_MINUTES = 9720
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const

async function openAt(page: Page, minutes: number, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' })
  await page.goto(`${inject('baseUrl')}#preset=citizenlab-2020&seed=2020&t=${minutes}`)
  await page.reload()
  await waitForRunDone(page)
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
  await expect.poll(() => basemapCountries(page), { timeout: 10_000 }).toBeGreaterThan(100)
  // The view is fitted, and labels placed, after the run is done and the basemap is in.
  await page.waitForTimeout(500)
}

interface LabelBox {
  readonly text: string
  readonly fontPx: number
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

/** The labels the map shows (placed ones are visible), with their boxes and font sizes. */
async function shownLabels(page: Page): Promise<LabelBox[]> {
  const map = page.getByRole('region', { name: /World map of data centers/ })
  return map.getByRole('list', { name: 'Places named on the map' }).evaluate(
    (list) =>
      [...list.querySelectorAll('li')]
        .filter((li) => getComputedStyle(li).visibility === 'visible')
        .map((li) => {
          const r = li.getBoundingClientRect()
          return {
            text: li.textContent ?? '',
            fontPx: parseFloat(getComputedStyle(li).fontSize),
            left: r.left,
            top: r.top,
            right: r.right,
            bottom: r.bottom,
          }
        }),
    undefined,
    { timeout: 10_000 },
  )
}

const overlaps = (a: LabelBox | DOMRectLike, b: LabelBox | DOMRectLike): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

interface DOMRectLike {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

/**
 * Pixels of exposure arcs (the exposed and the cross-border colours) on the flow canvases that
 * lie outside the map's box, and how many lie inside. The canvases reach past the map on every
 * side, so an arc that leaves the frame leaves pixels there.
 */
async function arcPixelsOutsideMap(page: Page): Promise<{ inside: number; outside: number }> {
  return page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')
    const container = document.querySelector('.kr-map .leaflet-container')
    if (!probe || !container) return { inside: -1, outside: -1 }
    const style = getComputedStyle(container)
    const wanted = ['--kr-exposed', '--kr-cross-border'].map((name) => {
      probe.fillStyle = style.getPropertyValue(name).trim()
      const hex = String(probe.fillStyle)
      return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    })
    const frame = container.getBoundingClientRect()
    let inside = 0
    let outside = 0
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas.kr-flow-canvas')) {
      const ctx = canvas.getContext('2d')
      if (!ctx || canvas.width === 0) continue
      const box = canvas.getBoundingClientRect()
      const sx = box.width / canvas.width
      const sy = box.height / canvas.height
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) < 64) continue
        const isArc = wanted.some(
          (w) =>
            Math.abs((data[i] ?? 0) - (w[0] ?? 0)) +
              Math.abs((data[i + 1] ?? 0) - (w[1] ?? 0)) +
              Math.abs((data[i + 2] ?? 0) - (w[2] ?? 0)) <
            40,
        )
        if (!isArc) continue
        const p = i / 4
        const x = box.left + (p % canvas.width) * sx
        const y = box.top + Math.floor(p / canvas.width) * sy
        if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) outside++
        else inside++
      }
    }
    return { inside, outside }
  })
}

/** A point on an exposed arc's band near the middle of the map, away from labels and markers. */
async function pointOnExposedArc(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')
    const container = document.querySelector('.kr-map .leaflet-container')
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.kr-flow-canvas')
    const ctx = canvas?.getContext('2d')
    if (!probe || !container || !canvas || !ctx) return null
    probe.fillStyle = getComputedStyle(container).getPropertyValue('--kr-exposed').trim()
    const hex = String(probe.fillStyle)
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    const frame = container.getBoundingClientRect()
    const box = canvas.getBoundingClientRect()
    const sx = box.width / canvas.width
    const sy = box.height / canvas.height
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    // A data-center marker takes the pointer over the arcs: keep 16 px clear of any drawn (and of
    // the country circles, which share the markers' canvas).
    const sites = document.querySelector<HTMLCanvasElement>('canvas.kr-marks')
    const sitesCtx = sites?.getContext('2d')
    const isNearSite = (x: number, y: number): boolean => {
      if (!sites || !sitesCtx) return false
      const r = sites.getBoundingClientRect()
      const k = sites.width / r.width
      const left = Math.round((x - r.left - 16) * k)
      const top = Math.round((y - r.top - 16) * k)
      const side = Math.round(32 * k)
      const near = sitesCtx.getImageData(left, top, side, side).data
      for (let j = 3; j < near.length; j += 4) if ((near[j] ?? 0) > 0) return true
      return false
    }
    let best: { x: number; y: number; d: number } | null = null
    const cx = frame.left + frame.width * 0.35
    const cy = frame.top + frame.height * 0.35
    for (let i = 0; i < data.length; i += 4 * 3) {
      if ((data[i + 3] ?? 0) < 64) continue
      const d =
        Math.abs((data[i] ?? 0) - (want[0] ?? 0)) +
        Math.abs((data[i + 1] ?? 0) - (want[1] ?? 0)) +
        Math.abs((data[i + 2] ?? 0) - (want[2] ?? 0))
      if (d >= 40) continue
      const p = i / 4
      const x = box.left + (p % canvas.width) * sx
      const y = box.top + Math.floor(p / canvas.width) * sy
      const hit = document.elementFromPoint(x, y)
      if (!hit || hit.closest('.kr-map-label, .leaflet-marker-icon, .kr-map-legend')) continue
      const dist = Math.hypot(x - cx, y - cy)
      if (best && dist >= best.d) continue
      if (isNearSite(x, y)) continue
      best = { x, y, d: dist }
    }
    return best ? { x: best.x, y: best.y } : null
  })
}

/** The text of the map tooltip open now ('' when none), without waiting for one to appear. */
async function openTooltipText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.kr-map .leaflet-tooltip')]
      .map((el) => el.textContent ?? '')
      .join(' | '),
  )
}

describe('the map reads from across a room', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser({ width: 1280, height: 720 })
  })

  afterAll(async () => {
    await session?.close()
  })

  for (const size of SIZES) {
    for (const theme of ['light', 'dark'] as const) {
      for (const [moment, minutes] of [
        ['the first exposures', FIRST_EXPOSURE_MINUTES],
        ['the busiest hour', BUSIEST_MINUTES],
      ] as const) {
        it(`names the places of ${moment} in labels of 14 px or more that never overlap (${size.width}x${size.height}, ${theme})`, async () => {
          const { page } = session
          await page.setViewportSize(size)
          await openAt(page, minutes, theme)
          const labels = await shownLabels(page)
          const texts = labels.map((l) => l.text)
          expect(texts).toContain('Beijing')
          expect(texts.some((t) => /^United States: [\d,]+ keys? this hour$/.test(t))).toBe(true)
          expect(labels.length).toBeGreaterThanOrEqual(5)
          for (const l of labels) expect(l.fontPx, l.text).toBeGreaterThanOrEqual(14)
          const legend = await page
            .getByRole('region', { name: 'Map legend and layers' })
            .evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRectLike)
          labels.forEach((a, i) => {
            expect(overlaps(a, legend), `${a.text} covers the legend`).toBe(false)
            for (const b of labels.slice(i + 1))
              expect(overlaps(a, b), `${a.text} overlaps ${b.text}`).toBe(false)
          })
          const file = `${SCREENSHOT_DIR}/map-${size.width}x${size.height}-${theme}-${minutes === BUSIEST_MINUTES ? 'busiest' : 'first'}.png`
          await page.screenshot({ path: file })
        })
      }
    }
  }

  it('keeps every exposure arc inside the map frame at the fitted view', async () => {
    const { page } = session
    await page.setViewportSize({ width: 1280, height: 720 })
    for (const minutes of [FIRST_EXPOSURE_MINUTES, BUSIEST_MINUTES]) {
      await openAt(page, minutes, 'dark')
      await page.getByRole('button', { name: 'Fit to key paths' }).click()
      await page.waitForTimeout(300)
      const pixels = await arcPixelsOutsideMap(page)
      expect(pixels.inside).toBeGreaterThan(200)
      expect(pixels.outside).toBe(0)
    }
  })

  it('marks each country with a circle and its count this hour, not with its area', async () => {
    const { page } = session
    await openAt(page, FIRST_EXPOSURE_MINUTES, 'light')
    const texts = (await shownLabels(page)).map((l) => l.text)
    const us = texts.find((t) => t.startsWith('United States:'))
    const ca = texts.find((t) => t.startsWith('Canada:'))
    expect(us).toMatch(/^United States: [1-9][\d,]* keys? this hour$/)
    expect(ca).toMatch(/^Canada: [1-9][\d,]* keys? this hour$/)
    // The marks' canvas draws a circle a country, and has drawn them: hiding the circles from the
    // legend clears pixels the markers do not cover.
    const marks = page.locator('canvas.kr-marks[data-view]')
    const painted = (): Promise<{ count: number; painted: number }> =>
      marks.evaluate((el) => {
        const canvas = el as HTMLCanvasElement
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
        let painted = 0
        for (let i = 3; i < (data?.length ?? 0); i += 4) if ((data?.[i] ?? 0) > 0) painted++
        return { count: Number(canvas.dataset.symbols), painted }
      })
    const circles = await painted()
    expect(circles.count).toBeGreaterThanOrEqual(2)
    const legend = page.getByRole('button', { name: /^Legend and layers/ })
    if ((await legend.getAttribute('aria-expanded')) !== 'true') await legend.click()
    const toggle = page.getByRole('button', { name: 'Exposed countries', exact: true })
    await toggle.click()
    await expect.poll(async () => (await painted()).count).toBe(0)
    expect(circles.painted - (await painted()).painted).toBeGreaterThan(100)
    await toggle.click()
    await expect.poll(async () => (await painted()).count).toBe(circles.count)
    await legend.click()
    await expect
      .poll(() => page.getByRole('region', { name: 'Map legend and layers' }).textContent())
      .toBeTruthy()
  })

  it('shows the cause chain and the count when the pointer rests on an exposure arc', async () => {
    const { page } = session
    await openAt(page, FIRST_EXPOSURE_MINUTES, 'dark')
    const point = await pointOnExposedArc(page)
    expect(point).not.toBeNull()
    await page.mouse.move(point!.x, point!.y)
    await expect.poll(() => openTooltipText(page), { timeout: 3000 }).toMatch(/→/)
    const text = await openTooltipText(page)
    expect(text).toMatch(/\d+ keys? delivered this hour, \d+ from a jurisdiction of concern/)
    expect(text).toMatch(
      /Cause \([\d, of]+ logged (on this path (this hour|so far)|from (Beijing|China DC 2 \(city unknown\)) this hour)\): .+ -> key issued in (Beijing|China DC 2)/,
    )
  })

  it('tells what reached a shaded country and why when the pointer rests on it', async () => {
    const { page } = session
    await openAt(page, FIRST_EXPOSURE_MINUTES, 'dark')
    // A point on Canada's tinted land, north of every arc: its circle's label says where Canada is.
    // The basemap is one canvas: its pixels tell tinted land from plain land.
    const point = await page.evaluate(() => {
      const frame = document.querySelector('.kr-map .leaflet-container')?.getBoundingClientRect()
      const canvas = document.querySelector<HTMLCanvasElement>('.kr-basemap')
      const ctx = canvas?.getContext('2d')
      if (!frame || !canvas || !ctx) return null
      const box = canvas.getBoundingClientRect()
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      const rgbaAt = (x: number, y: number): number[] => {
        const i = 4 * (Math.round(y) * canvas.width + Math.round(x))
        return [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0]
      }
      // Plain land as the canvas paints it.
      const probe = document.createElement('canvas').getContext('2d')!
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--kr-land')
      probe.fillRect(0, 0, 1, 1)
      const land = [...probe.getImageData(0, 0, 1, 1).data]
      const differs = (a: number[], b: number[], by: number): boolean =>
        a.some((v, i) => Math.abs(v - (b[i] ?? 0)) > by)
      const sx = canvas.width / box.width
      const sy = canvas.height / box.height
      for (let y = frame.top + 60; y < frame.bottom; y += 6) {
        for (let x = frame.left + 200; x < frame.right - 200; x += 6) {
          if (document.elementFromPoint(x, y) !== canvas) continue
          const cx = (x - box.left) * sx
          const cy = (y - box.top) * sy
          const here = rgbaAt(cx, cy)
          // Opaque land, not plain, and the same 3 px around (inside a country, off its outline).
          if (here[3] !== 255 || !differs(here, land, 6)) continue
          const around = [
            rgbaAt(cx - 3, cy),
            rgbaAt(cx + 3, cy),
            rgbaAt(cx, cy - 3),
            rgbaAt(cx, cy + 3),
          ]
          if (around.every((p) => !differs(p, here, 1))) return { x, y }
        }
      }
      return null
    })
    expect(point).not.toBeNull()
    await page.mouse.move(point!.x, point!.y)
    await expect
      .poll(() => openTooltipText(page), { timeout: 3000 })
      .toMatch(/reached participants here this hour/)
    const text = await openTooltipText(page)
    expect(text).toMatch(/^(Canada|United States)/)
    expect(text).toMatch(/from China \d+/)
    expect(text).toMatch(/So far: [\d,]+ exposed keys?/)
    expect(text).toMatch(
      /Most common cause \([\d, of]+ logged here this hour\): .+ -> key issued in/,
    )
    // The box stands centred above the pointer, its arrow's tip a few pixels over it.
    const box = await page.locator('.kr-map .leaflet-tooltip').first().boundingBox()
    expect(Math.abs(box!.x + box!.width / 2 - point!.x)).toBeLessThan(2)
    expect(point!.y - (box!.y + box!.height)).toBeGreaterThan(4)
    expect(point!.y - (box!.y + box!.height)).toBeLessThan(30)
    // The country points like a link, and a click selects it.
    expect(await page.$eval('.kr-basemap', (el) => (el as HTMLElement).style.cursor)).toBe(
      'pointer',
    )
    await page.mouse.click(point!.x, point!.y)
    const code = text.startsWith('Canada') ? 'CA' : 'US'
    await page.waitForFunction((c) => location.hash.includes(`sel=country%3A${c}`), code)
    // A click at sea, with no arc or city over it, clears the selection.
    const sea = await page.evaluate(() => {
      const frame = document.querySelector('.kr-map .leaflet-container')?.getBoundingClientRect()
      const canvases = [
        document.querySelector<HTMLCanvasElement>('.kr-basemap'),
        ...document.querySelectorAll<HTMLCanvasElement>('.kr-flow-canvas'),
      ]
      if (!frame || canvases.some((c) => !c)) return null
      const isClear = (canvas: HTMLCanvasElement | null, x: number, y: number): boolean => {
        const box = canvas!.getBoundingClientRect()
        const cx = Math.round(((x - box.left) * canvas!.width) / box.width)
        const cy = Math.round(((y - box.top) * canvas!.height) / box.height)
        const alpha = canvas!.getContext('2d')!.getImageData(cx - 8, cy - 8, 17, 17).data
        return alpha.every((v, i) => i % 4 !== 3 || v === 0)
      }
      for (let y = frame.bottom - 80; y > frame.top + 60; y -= 10) {
        for (let x = frame.left + 200; x < frame.right - 200; x += 10) {
          if (document.elementFromPoint(x, y) !== canvases[0]) continue
          if (canvases.every((c) => isClear(c, x, y))) return { x, y }
        }
      }
      return null
    })
    expect(sea).not.toBeNull()
    await page.mouse.click(sea!.x, sea!.y)
    await page.waitForFunction(() => !location.hash.includes('sel='))
  })

  it('says in the site tooltips that capacity and utilisation are assumptions of the model', async () => {
    const { page } = session
    await openAt(page, FIRST_EXPOSURE_MINUTES, 'dark')
    // A data-center marker in view that nothing covers.
    const marker = await siteMarkerPoint(page)
    expect(marker).not.toBeNull()
    await page.mouse.move(marker!.x - 40, marker!.y - 40)
    await page.mouse.move(marker!.x, marker!.y, { steps: 5 })
    await expect
      .poll(() => openTooltipText(page), { timeout: 3000 })
      .toMatch(/Capacity [\d,]+ participants \(assumption\)/)
    expect(await openTooltipText(page)).toMatch(/(Utilisation \d+% \(simulated\)|Down)/)
    // The pointing hand shows over it, and a click selects the site.
    expect(
      await page.evaluate(
        ({ x, y }) => getComputedStyle(document.elementFromPoint(x, y)!).cursor,
        marker!,
      ),
    ).toBe('pointer')
    await page.mouse.click(marker!.x, marker!.y)
    await page.waitForFunction(() => /sel=site(%3A|:)/.test(location.hash))
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
