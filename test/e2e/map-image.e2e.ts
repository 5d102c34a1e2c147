import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import { readPngText } from '../../src/ui/export/png-text'
import {
  SCREENSHOT_DIR,
  basemapCountries,
  openBrowser,
  readKeyFigures,
  remoteRequests,
  waitForRunDone,
} from './browser'
import type { BrowserSession } from './browser'

// 2 April 2020, 18:00 UTC: the busiest hour of keys from China in citizenlab-2020 (seed 2020).
const CONCERN_HOUR_MINUTES = 9720

/** Clicks "Export image" then the size, and returns the saved file's name and bytes. */
async function exportImage(page: Page, label: RegExp): Promise<{ name: string; png: Buffer }> {
  await page.getByRole('button', { name: /^Export image/ }).click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: label }).click(),
  ])
  const png = readFileSync(await download.path())
  return { name: download.suggestedFilename(), png }
}

interface Decoded {
  readonly width: number
  readonly height: number
  /** Pixels right of the legend close to the concern band (the exposed colour at half strength). */
  readonly concernPixels: number
}

/** Decodes a PNG in the page (createImageBitmap) and counts concern-band pixels. */
function decode(page: Page, png: Buffer): Promise<Decoded> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const canvas = document.createElement('canvas')
    canvas.width = bitmap.width
    canvas.height = bitmap.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    const rgb = (name: string): number[] => {
      ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
      const hex = String(ctx.fillStyle)
      return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    }
    const exposed = rgb('--kr-exposed')
    // The band is the exposed colour at half opacity over the sea or the land.
    const targets = [rgb('--kr-ocean'), rgb('--kr-land')].map((base) =>
      base.map((b, i) => (b + (exposed[i] ?? 0)) / 2),
    )
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    let concernPixels = 0
    const fromX = Math.floor(canvas.width * 0.45)
    for (let y = 0; y < canvas.height; y++)
      for (let x = fromX; x < canvas.width; x++) {
        const i = 4 * (y * canvas.width + x)
        const near = targets.some(
          (t) =>
            Math.abs((data[i] ?? 0) - (t[0] ?? 0)) +
              Math.abs((data[i + 1] ?? 0) - (t[1] ?? 0)) +
              Math.abs((data[i + 2] ?? 0) - (t[2] ?? 0)) <
            30,
        )
        if (near) concernPixels++
      }
    return { width: canvas.width, height: canvas.height, concernPixels }
  }, png.toString('base64'))
}

async function openAt(page: Page, policy: string): Promise<void> {
  await page.goto(
    `${inject('baseUrl')}#preset=citizenlab-2020&policy=${policy}&t=${CONCERN_HOUR_MINUTES}`,
  )
  await waitForRunDone(page)
  await expect.poll(() => basemapCountries(page)).toBeGreaterThan(100)
}

/** Turns the sites and country layers off: their rings and circles share the concern colour. */
async function arcsAndCitiesOnly(page: Page): Promise<void> {
  const legend = page.getByRole('button', { name: /^Legend and layers/ })
  if ((await legend.getAttribute('aria-expanded')) !== 'true') await legend.click()
  for (const name of ['Data centers', 'Exposed countries']) {
    const toggle = page.getByRole('button', { name, exact: true })
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click()
  }
  await legend.click()
}

describe('map image export', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser()
    await session.page.emulateMedia({ colorScheme: 'dark' })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('saves PNGs at the map size, twice that and slide size, named for the run, with the run hash in their text', async () => {
    const { page } = session
    await openAt(page, 'misconfigured-2020')
    const box = (await page.locator('.kr-map .leaflet-container').boundingBox())!
    const { hash } = await readKeyFigures(page)
    expect(hash).toMatch(/^[0-9a-f]{16}$/)

    const one = await exportImage(page, /map size \(1x\)/)
    expect(one.name).toBe('keyroute-citizenlab-2020-misconfigured-2020-seed2020-20200402T1800Z.png')
    expect(await page.getByRole('status').filter({ hasText: 'Image saved:' }).textContent()).toBe(
      `Image saved: ${one.name}`,
    )
    await page.getByRole('button', { name: /^Export image/ }).click()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/map-image-menu.png` })
    await page.keyboard.press('Escape')
    expect(
      await page.getByRole('button', { name: /^Export image/ }).getAttribute('aria-expanded'),
    ).toBe('false')
    const two = await exportImage(page, /double size \(2x\)/)
    const slide = await exportImage(page, /slide 1920/)
    writeFileSync(`${SCREENSHOT_DIR}/map-image-1x.png`, one.png)
    writeFileSync(`${SCREENSHOT_DIR}/map-image-2x.png`, two.png)
    writeFileSync(`${SCREENSHOT_DIR}/map-image-slide.png`, slide.png)

    const [d1, d2, ds] = await Promise.all([one, two, slide].map((f) => decode(page, f.png)))
    expect([d1!.width, d1!.height]).toEqual([Math.round(box.width), Math.round(box.height)])
    expect([d2!.width, d2!.height]).toEqual([2 * Math.round(box.width), 2 * Math.round(box.height)])
    expect([ds!.width, ds!.height]).toEqual([1920, 1080])

    const text = Object.fromEntries(readPngText(slide.png).map((e) => [e.keyword, e.text]))
    expect(readPngText(slide.png).every((e) => e.isCrcOk)).toBe(true)
    expect(text['Description']).toContain(`run hash ${hash}`)
    expect(text['Title']).toMatch(/^Citizen Lab test calls/)
    expect(text['Source']).toMatch(/^Sourced: .*https:\/\//)
    expect(text['Software']).toMatch(/^keyroute \d+\.\d+\.\d+/)
    expect(remoteRequests(session.requests)).toEqual([])
  }, 120_000)

  it('shows the concern arc colour under the misconfigured list and none under geofenced, at the same hour', async () => {
    const { page } = session
    await openAt(page, 'misconfigured-2020')
    await arcsAndCitiesOnly(page)
    const misconfigured = await decode(page, (await exportImage(page, /map size \(1x\)/)).png)
    await openAt(page, 'geofenced')
    await arcsAndCitiesOnly(page)
    const geofenced = await exportImage(page, /map size \(1x\)/)
    writeFileSync(`${SCREENSHOT_DIR}/map-image-geofenced.png`, geofenced.png)
    expect(misconfigured.concernPixels).toBeGreaterThan(200)
    expect((await decode(page, geofenced.png)).concernPixels).toBe(0)
    expect(session.pageErrors).toEqual([])
  }, 120_000)

  it('exports this chapter as a slide, and every chapter as a zip of numbered slides without leaving the shown chapter', async () => {
    const { page } = session
    const briefing = BRIEFINGS.find((b) => b.id === 'citizenlab-2020')!
    await page.goto(`${inject('baseUrl')}#briefing=citizenlab-2020&chapter=4`)
    await page.waitForSelector('.kr-chapter-title')

    const [all] = await Promise.all([
      page.waitForEvent('download', { timeout: 240_000 }),
      page.getByRole('button', { name: 'Export all chapters' }).click(),
    ])
    expect(all.suggestedFilename()).toBe('keyroute-citizenlab-2020-chapters.zip')
    const files = unzipSync(readFileSync(await all.path()))
    const names = Object.keys(files).sort()
    expect(names).toHaveLength(briefing.chapters.length)
    expect(names[0]).toMatch(/^01-before-the-surge\.png$/)
    names.forEach((name, i) => expect(name.startsWith(String(i + 1).padStart(2, '0'))).toBe(true))
    for (const name of names) {
      const png = Buffer.from(files[name]!)
      writeFileSync(`${SCREENSHOT_DIR}/chapter-${name}`, png)
      const decoded = await decode(page, png)
      expect([decoded.width, decoded.height], name).toEqual([1920, 1080])
      expect(readPngText(png).find((e) => e.keyword === 'Description')?.text).toMatch(
        /run hash [0-9a-f]{16}/,
      )
    }
    // The screen stayed on its chapter while the slides were drawn.
    expect(await page.locator('.kr-chapter-count').textContent()).toMatch(/^Chapter 4 of/)
    expect(await page.getByRole('status').filter({ hasText: 'Zip saved:' }).textContent()).toMatch(
      /Zip saved: keyroute-citizenlab-2020-chapters\.zip/,
    )

    const [one] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this chapter' }).click(),
    ])
    expect(one.suggestedFilename()).toBe(
      'keyroute-citizenlab-2020-04-the-backup-list-held-china.png',
    )
    const slide = readFileSync(await one.path())
    expect(await decode(page, slide)).toMatchObject({ width: 1920, height: 1080 })
    expect(remoteRequests(session.requests)).toEqual([])
    expect(session.pageErrors).toEqual([])
  }, 300_000)
})
