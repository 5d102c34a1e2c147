import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SCREENSHOT_DIR, openBrowser, timeLabel, waitForRunDone } from './browser'
import type { BrowserSession } from './browser'

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click()
}

/** Tick labels of one axis, in order. */
async function tickTexts(axis: Locator): Promise<string[]> {
  return axis.locator('.recharts-cartesian-axis-tick-value').allTextContents()
}

const numberOf = (label: string): number => {
  const m = /^([\d.,]+)(K?)$/.exec(label.trim())
  return m ? Number((m[1] ?? '').replace(/,/g, '')) * (m[2] ? 1000 : 1) : Number.NaN
}

describe('panels say what their numbers are, in one voice', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser()
    await session.page.goto(`${inject('baseUrl')}#preset=citizenlab-2020&seed=2020&t=840`)
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('says what is done: the days and meetings of the run', async () => {
    const status = session.page.locator('.kr-run').getByRole('status')
    expect(await status.textContent()).toMatch(/^Run done: 9 days, \d{1,3}(,\d{3})* meetings$/)
  })

  it('labels the figures with the shown step as the clock shows it', async () => {
    const { page } = session
    expect(await timeLabel(page).textContent()).toMatch(/27 Mar 2020, 14:00 UTC$/)
    const header = page
      .getByRole('region', { name: /^Key figures/ })
      .getByRole('columnheader', { name: /^Through/ })
    expect(await header.textContent()).toBe('Through 27 Mar, 14:00–15:00 UTC')
  })

  it('uses one name per figure across the figures, the comparison and the charts', async () => {
    const { page } = session
    const figures = page.getByRole('region', { name: /^Key figures/ })
    await figures
      .getByRole('rowheader', { name: 'Keys issued outside the allowed regions' })
      .waitFor()
    await openTab(page, 'Charts')
    const exposures = page.getByRole('figure', { name: 'Redirects and key exposures per step' })
    await exposures.locator('.recharts-legend-wrapper').waitFor()
    expect(await exposures.locator('.recharts-legend-wrapper').textContent()).toContain(
      'Keys issued outside the allowed regions',
    )
    const text = (await page.locator('body').textContent()) ?? ''
    expect(text).not.toContain('Cross-border key deliveries')
    expect(text).not.toContain('Cross-border keys')
  })

  it('plots US and Canadian load against their primaries, with the backup capacity apart, and names the sites counted', async () => {
    const { page } = session
    await openTab(page, 'Charts')
    const load = page.getByRole('figure', {
      name: 'Load of United States and Canada vs the capacity of their primaries',
    })
    const caption = (await load.locator('figcaption').textContent()) ?? ''
    expect(caption).toContain(
      'Capacity of the 4 primaries of United States and Canada: San Jose, New York area, Toronto, Vancouver.',
    )
    expect(caption).toMatch(/Backup only: .*Beijing/)
    expect(caption).not.toContain('7,980')
    const legend = (await load.locator('.recharts-legend-wrapper').textContent()) ?? ''
    expect(legend).toContain('Capacity of the 4 primaries (assumption)')
    expect(legend).toContain('Backup capacity, 5 sites (assumption)')
    expect(await load.locator('.recharts-line-curve[stroke-dasharray="2 3"]').count()).toBe(1)
  })

  it('uses even value ticks, day ticks at 00:00 UTC, and a scale of their own for blocked joins', async () => {
    const { page } = session
    await openTab(page, 'Charts')
    const joins = page.getByRole('figure', { name: 'Joins per step: offered, carried, blocked' })
    await joins.locator('.recharts-yAxis-tick-labels').first().waitFor()
    expect(await joins.locator('.recharts-yAxis-tick-labels').count()).toBe(2)
    for (const axis of await joins.locator('.recharts-yAxis-tick-labels').all()) {
      const values = (await tickTexts(axis)).map(numberOf)
      expect(values[0]).toBe(0)
      const step = (values[1] ?? 0) - (values[0] ?? 0)
      const mantissa = step / 10 ** Math.floor(Math.log10(step))
      expect([1, 2, 5]).toContain(mantissa)
      values.forEach((v, i) => expect(v).toBe(i * step))
    }
    expect(await joins.locator('.recharts-legend-wrapper').textContent()).toContain(
      'Blocked joins (right axis)',
    )
    const days = await tickTexts(joins.locator('.recharts-xAxis-tick-labels'))
    expect(days).toEqual(['27 Mar', '29 Mar', '31 Mar', '2 Apr', '4 Apr'])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/charts-1280.png` })
  })

  it('shows the meeting’s countries in the incident table, filters by them, and names the participant’s city', async () => {
    const { page } = session
    await openTab(page, 'Incidents')
    const region = page.getByRole('region', { name: /^Key exposures/ })
    await region.getByRole('columnheader', { name: 'Meeting countries' }).waitFor()
    await region.getByRole('combobox', { name: 'Meeting country' }).selectOption('CA')
    const countries = await region
      .getByRole('table')
      .evaluate((t) =>
        [...t.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[3]?.textContent),
      )
    expect(countries.length).toBeGreaterThan(0)
    for (const c of countries) expect(c).toMatch(/\bCA\b/)
    const first = region.getByRole('table').locator('tbody tr').first()
    const city = (await first.locator('td').nth(1).textContent()) ?? ''
    await first.locator('td').nth(1).click()
    const details = page.getByRole('region', { name: /^Selection/ })
    expect(await details.getByRole('heading', { level: 3 }).first().textContent()).toContain(
      `${city} participant`,
    )
    expect(
      await details.getByText('Participant', { exact: true }).locator('+ dd').textContent(),
    ).toMatch(new RegExp(`^in ${city} \\((US|CA)\\)$`))
  })

  it('says capacity and utilisation are assumptions and what the site’s sourced badge is about', async () => {
    const { page } = session
    await page.goto(`${inject('baseUrl')}#preset=citizenlab-2020&seed=2020&t=840&sel=site:toronto`)
    await waitForRunDone(page)
    await openTab(page, 'Selection')
    const details = page.getByRole('region', { name: /^Selection/ })
    const capacity = details.getByText('Capacity', { exact: true }).locator('+ dd')
    expect(await capacity.locator('.kr-tag-assumption').textContent()).toMatch(/^Assumption: /)
    expect(await details.getByText('Now', { exact: true }).locator('+ dd').textContent()).toContain(
      'of the assumed capacity',
    )
    const badges = await details.locator('.kr-tag-sourced').allTextContents()
    expect(badges.length).toBeGreaterThan(0)
    for (const badge of badges) expect(badge).toBe('Location: Sourced')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/site-details-1280.png` })

    await openTab(page, 'Sources')
    const sources = page.getByRole('region', { name: 'Sources and assumptions' })
    for (const badge of await sources
      .locator('li', { hasText: 'Toronto (CA)' })
      .locator('.kr-tag-sourced')
      .allTextContents())
      expect(badge).toBe('Location: Sourced')
    expect(
      await sources.getByText(/Capacity of every site follows one documented rule/).count(),
    ).toBe(1)
  })
})
