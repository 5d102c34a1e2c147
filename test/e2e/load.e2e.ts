import { describe, expect, it } from 'vitest'
import {
  dashboardSession,
  remoteRequests,
  SCREENSHOT_DIR,
  siteMarkerPoint,
  sitesDrawn,
} from './browser'

describe('loading the dashboard', () => {
  const session = dashboardSession()

  it('shows the title and marks every figure as a simulation', async () => {
    const { page } = session
    expect(await page.title()).toMatch(/keyroute/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('keyroute')
    expect(await page.getByText('Simulation – not observed traffic', { exact: true }).count()).toBe(
      1,
    )
  })

  it('draws the data-center sites on the map and lists them as buttons', async () => {
    const { page } = session
    // The site layer draws every site, and a marker is in view.
    await expect.poll(() => sitesDrawn(page)).toBeGreaterThanOrEqual(15)
    expect(await siteMarkerPoint(page)).not.toBeNull()
    await page.getByRole('tab', { name: 'Selection' }).click()
    const list = page.getByRole('list', { name: 'Data centers on the map' })
    expect(await list.getByRole('button').count()).toBeGreaterThanOrEqual(15)
    expect(await list.getByRole('button', { name: /Beijing \(CN\)/ }).count()).toBe(1)
    await page.getByRole('tab', { name: 'Figures' }).click()
  })

  it('lays out only the data-center rows in view, and the keyboard still reaches the others', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Selection' }).click()
    const last = page
      .getByRole('list', { name: 'Data centers on the map' })
      .getByRole('button')
      .last()
    // Scrolled out of the panel, the last row is skipped by layout (content-visibility: auto).
    const isRendered = (): Promise<boolean> =>
      last.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))
    expect(await isRendered()).toBe(false)
    await last.focus()
    await expect.poll(isRendered).toBe(true)
    const box = await last.evaluate((el) => {
      const r = el.getBoundingClientRect()
      const panel = (el.closest('[role="tabpanel"]') as Element).getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, panelTop: panel.top, panelBottom: panel.bottom }
    })
    // Focus scrolled it into the panel, at its full height.
    expect(box.top).toBeGreaterThanOrEqual(box.panelTop)
    expect(box.bottom).toBeLessThanOrEqual(box.panelBottom + 1)
    expect(box.bottom - box.top).toBeGreaterThan(20)
    await page.getByRole('tab', { name: 'Figures' }).click()
  })

  it('describes the map in words for screen readers once the run has data', async () => {
    const { page } = session
    const map = page.getByRole('region', { name: /World map of data centers/ })
    const summaryId = await map.getAttribute('aria-describedby')
    expect(summaryId).toBeTruthy()
    await expect
      .poll(() => page.locator(`[id="${summaryId}"]`).textContent(), { timeout: 5000 })
      .toMatch(/^At \d+ \w+ 2020 \d\d:\d\d UTC: 16 data centers, \d+ congested/)
  })

  it('loads without page errors and requests nothing beyond localhost', async () => {
    const { page } = session
    await page.screenshot({ path: `${SCREENSHOT_DIR}/load-1280x720.png` })
    expect(session.pageErrors).toEqual([])
    expect(session.requests.length).toBeGreaterThan(0)
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
