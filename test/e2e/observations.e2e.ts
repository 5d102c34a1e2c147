import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, inject, it } from 'vitest'
import { SCREENSHOT_DIR, dashboardSession, remoteRequests, waitForRunDone } from './browser'

const CSV = [
  'time,participant,server,seen,source,source_url,note',
  '2020-04-02T15:00Z,CA,52.81.151.250,key-delivered,Citizen Lab,https://citizenlab.ca/2020/04/move-fast-roll-your-own-crypto-a-quick-look-at-the-confidentiality-of-zoom-meetings/,',
  '2020-13-01,US,beijing,key-delivered,,,',
  '2020-03-30T09:00Z,Toronto,beijing,media-relayed,a test,,',
].join('\r\n')

const OBSERVED_SENTENCE =
  /^Observed: key delivered by 52\.81\.151\.250 \(Beijing\) to a participant in Canada, 2 Apr 2020, 15:00 UTC \(Citizen Lab\)$/

describe('observed data in a real browser', () => {
  const session = dashboardSession()

  it('imports a CSV with one bad row: the error by line, the good rows in the table and on the map', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Incidents' }).click()
    await page.getByLabel('Import observations (CSV)').setInputFiles({
      name: 'observations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    })
    const status = page.locator('.kr-observations [role="alert"]')
    await expect
      .poll(() => status.textContent())
      .toContain('observations.csv loaded: 2 observations shown; 1 problem')
    await expect(
      status
        .getByRole('list', { name: 'Problems by line' })
        .getByRole('listitem')
        .allTextContents(),
    ).resolves.toEqual(['line 3: time "2020-13-01" is not a UTC time such as 2020-04-02T15:00Z'])

    const rows = page.locator('tr.kr-observed-row')
    await expect(rows.count()).resolves.toBe(2)
    await expect(rows.nth(0).textContent()).resolves.toContain('Toronto, Canada')
    await expect(rows.nth(1).textContent()).resolves.toMatch(/Beijing \(CN\) · 52\.81\.151\.250/)
    await expect(rows.nth(1).getByText('Observed', { exact: true }).count()).resolves.toBe(1)

    // The row moves the clock to the observation: its mark appears on the map.
    await rows.nth(1).getByRole('button').click()
    const mark = page.getByRole('button', { name: OBSERVED_SENTENCE })
    await mark.waitFor()
    await expect(mark.textContent()).resolves.toBe('observed')
    await expect(
      page.locator('.leaflet-kr-observed-labels-pane .kr-observed-label:visible').count(),
    ).resolves.toBeGreaterThanOrEqual(2)
    // The legend lists the layer while observations are loaded.
    await page.getByRole('button', { name: /Legend and layers/ }).click()
    await page.getByRole('button', { name: 'Observed (imported)' }).waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/observations.png` })
    // The map's marks and legend, and the Incidents tab with the observed rows and the import card.
    await page.getByRole('tab', { name: 'Incidents' }).click()
    await page.getByRole('heading', { name: 'Observed data' }).waitFor()
    const axe = await new AxeBuilder({ page }).include('.kr-map').include('.kr-side').analyze()
    expect(
      axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
    ).toEqual([])

    // Reached by keyboard, it names the whole observation.
    await mark.focus()
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    ).resolves.toMatch(OBSERVED_SENTENCE)
    expect(remoteRequests(session.requests)).toEqual([])
    expect(session.pageErrors).toEqual([])
  })

  it('keeps the observations across a reload, from the library', async () => {
    const { page } = session
    await page.reload()
    await waitForRunDone(page)
    await page.getByRole('tab', { name: 'Incidents' }).click()
    await expect.poll(() => page.locator('tr.kr-observed-row').count()).toBe(2)
  })

  it('says the observation under the caption of a briefing chapter on its day', async () => {
    const { page } = session
    // Chapter 3 shows 2 April 2020, 15:00 UTC: the day of the key observation, not the other.
    await page.goto(`${inject('baseUrl')}#briefing=citizenlab-2020&chapter=3`)
    const observed = page.getByRole('list', { name: 'Observed data in this chapter' })
    await observed.waitFor({ timeout: 30_000 })
    await expect(observed.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Observed: key delivered by 52.81.151.250 (Beijing) to a participant in Canada, 2 Apr 2020, 15:00 UTC (Citizen Lab)',
    ])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/observations-briefing.png` })
  })
})
