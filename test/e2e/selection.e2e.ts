import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR, exposedPixelCount, openBrowser, waitForRunDone } from './browser'
import type { BrowserSession } from './browser'

/** The link of the report: exposure #12 of the misconfigured run, compared with Geofenced. */
const OBSERVED = '#preset=citizenlab-2020&seed=2020&t=897&sel=incident:12&compare=geofenced'

const selectionRegion = (page: Page) => page.getByRole('region', { name: /^Selection/ })

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click()
}

describe('a selection follows the shown run and the shown time', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser()
  })

  afterAll(async () => {
    await session?.close()
  })

  it('turns the observed link’s exposure into no selection, with a notice, when the map switches to Geofenced', async () => {
    const { page } = session
    await page.goto(`${inject('baseUrl')}${OBSERVED}`)
    await waitForRunDone(page)
    await openTab(page, 'Selection')
    const region = selectionRegion(page)
    await expect
      .poll(() => region.getByRole('heading', { level: 3 }).textContent())
      .toMatch(/^Exposure: Minneapolis participant, meeting \d+$/)
    await expect.poll(() => region.textContent()).toContain('Beijing')
    // The link now names the exposure by what it is, not by its place in one run's log.
    await page.waitForFunction(() => /sel=incident%3A\d+%3Aminneapolis%3A/.test(location.hash))

    await openTab(page, 'Figures')
    await page.getByRole('radio', { name: 'Geofenced' }).check()
    await expect
      .poll(() => page.locator('.kr-notices').textContent())
      .toMatch(
        /exposure of a Minneapolis participant in meeting \d+ has no counterpart under Geofenced/,
      )
    await openTab(page, 'Selection')
    expect(await region.textContent()).not.toContain('Vancouver')
    expect(await region.textContent()).toContain('Select a site, city or route')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/selection-no-counterpart.png` })
  })

  it('draws the selected exposure’s path only at its own step, and says when it happened', async () => {
    const page = await session.context.newPage()
    await page.goto(`${inject('baseUrl')}${OBSERVED}`)
    await waitForRunDone(page)
    await openTab(page, 'Selection')
    const region = selectionRegion(page)
    await expect.poll(() => region.textContent()).toContain('Beijing')
    await expect.poll(() => exposedPixelCount(page)).toBeGreaterThan(0)

    // After the 3 April fix no key comes from China: neither may the selected path.
    const slider = page.getByRole('slider', { name: 'Simulated time' })
    await slider.focus()
    await slider.press('End')
    await expect.poll(() => exposedPixelCount(page)).toBe(0)
    const notNow = region.getByText(/^Not at the shown time: this exposure happened on 27 Mar/)
    await notNow.waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/selection-not-now.png` })

    await region.getByRole('button', { name: 'Go to 27 Mar, 15:00–16:00 UTC' }).click()
    await expect.poll(() => slider.inputValue()).toBe('900')
    expect(await notNow.count()).toBe(0)
    await expect.poll(() => exposedPixelCount(page)).toBeGreaterThan(0)
  })
})
