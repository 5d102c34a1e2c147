import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import {
  countOf,
  dashboardSession,
  exposedPixelCount,
  readKeyFigures,
  remoteRequests,
  SCREENSHOT_DIR,
  timeLabel,
  watchNextRun,
} from './browser'

const CHINA_SITES = /^(Beijing|China DC 2 \(city unknown\)) \(CN\)$/
const CONCERN = 'Keys from a jurisdiction of concern'

function countriesOf(cityName: string): string[] {
  return WORLD_2020.cities.filter((c) => c.name === cityName).map((c) => c.country)
}

/** Rows of the incident table as [time, city, key site, kind], after filtering by kind. */
async function incidentRows(
  page: Page,
  kind: string,
): Promise<{ status: string; rows: string[][] }> {
  const region = page.getByRole('region', { name: 'Key exposures' })
  await region.getByRole('combobox', { name: 'Kind' }).selectOption({ label: kind })
  const status = (await region.getByRole('status').textContent()) ?? ''
  const rows = await region
    .getByRole('table')
    .evaluate((table) =>
      [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      ),
    )
  return { status, rows }
}

describe('the Citizen Lab scenario, misconfigured and then geofenced', () => {
  const session = dashboardSession()

  it('plays the default citizenlab-2020 preset and moves the clock', async () => {
    const { page } = session
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe(
      'citizenlab-2020',
    )
    const before = await timeLabel(page).textContent()
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    await expect.poll(() => timeLabel(page).textContent()).not.toBe(before)
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
  })

  it('jumps to an exposure and shows keys going from China to North America', async () => {
    const { page } = session
    const figures = await readKeyFigures(page)
    expect(countOf(figures.rows[CONCERN]?.wholeRun)).toBeGreaterThan(0)

    const before = await timeLabel(page).textContent()
    await page.getByRole('button', { name: 'Jump to next exposure' }).click()
    await expect.poll(() => timeLabel(page).textContent()).not.toBe(before)

    const map = page.getByRole('region', { name: /World map of data centers/ })
    const summary = page.locator(`[id="${await map.getAttribute('aria-describedby')}"]`)
    await expect
      .poll(() => summary.textContent(), { timeout: 5000 })
      .toMatch(
        /\d+ keys? from a jurisdiction of concern \((Beijing|China DC 2)(, (Beijing|China DC 2))?\) to participants in (United States|Canada)/,
      )
    await expect.poll(() => exposedPixelCount(page), { timeout: 5000 }).toBeGreaterThan(50)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/exposure-misconfigured.png` })
  })

  it('lists incidents whose keys came from a China site to US and Canadian cities', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Incidents' }).click()
    const { status, rows } = await incidentRows(page, 'Jurisdiction of concern')
    expect(status).toMatch(
      /^(Showing the first [\d,]+ of )?[1-9][\d,]*( of [\d,]+)? (matching )?incidents/,
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const [, city, keySite] of rows) {
      expect(keySite).toMatch(CHINA_SITES)
      const countries = countriesOf(city ?? '')
      expect(countries.length, city).toBeGreaterThan(0)
      for (const c of countries) expect(['US', 'CA']).toContain(c)
    }
    expect(rows.some(([, , site]) => site === 'Beijing (CN)')).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/exposure-incidents.png` })
  })

  it('sends no key to China once the policy is geofenced', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Figures' }).click()
    const misconfigured = await readKeyFigures(page)
    const runDone = await watchNextRun(page)
    await page.getByRole('combobox', { name: 'Routing policy' }).selectOption('geofenced')
    await runDone()

    const geofenced = await readKeyFigures(page)
    expect(geofenced.hash).not.toBe(misconfigured.hash)
    expect(countOf(geofenced.rows['Meetings']?.wholeRun)).toBeGreaterThan(0)
    expect(countOf(geofenced.rows[CONCERN]?.wholeRun)).toBe(0)

    await page.getByRole('tab', { name: 'Incidents' }).click()
    const concern = await incidentRows(page, 'Jurisdiction of concern')
    expect(concern.status).toMatch(/^0 (of [\d,]+ )?incidents/)
    const all = await incidentRows(page, 'All')
    for (const [, , keySite] of all.rows) expect(keySite).not.toMatch(/\(CN\)$/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/exposure-geofenced.png` })
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
