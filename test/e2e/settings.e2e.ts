import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  countOf,
  dashboardSession,
  readKeyFigures,
  remoteRequests,
  SCREENSHOT_DIR,
  waitForRunDone,
  watchNextRun,
} from './browser'

/** The `d` of every line in the time charts and the charts' text alternatives. */
async function readCharts(page: Page): Promise<{ paths: string[]; captions: string[] }> {
  const charts = page.getByRole('region', { name: 'Charts' })
  await charts.locator('.recharts-line-curve').first().waitFor()
  const paths = await charts
    .locator('.recharts-line-curve')
    .evaluateAll((els) => els.map((el) => el.getAttribute('d') ?? ''))
  const captions = await charts
    .getByRole('figure')
    .evaluateAll((els) => els.map((el) => el.querySelector('figcaption')?.textContent ?? ''))
  return { paths, captions }
}

describe('changing run settings', () => {
  const session = dashboardSession()

  it('redraws the charts and changes the key figures when the surge multiplier changes', async () => {
    const { page } = session
    const figuresBefore = await readKeyFigures(page)
    await page.getByRole('tab', { name: 'Charts' }).click()
    const before = await readCharts(page)
    expect(before.paths.length).toBeGreaterThanOrEqual(8)
    expect(before.paths.every((d) => d.length > 20)).toBe(true)

    // Back to the figures while the run executes: charts redrawn for every batch of steps
    // slow the run down on two cores (see the report), and the charts are read once it is done.
    await page.getByRole('tab', { name: 'Figures' }).click()
    await page.getByText('Run settings').click()
    const surge = page.getByRole('slider', { name: 'Surge multiplier' })
    expect(await surge.inputValue()).toBe('1')
    const runDone = await watchNextRun(page)
    await surge.focus()
    await page.keyboard.press('ArrowRight')
    await runDone()
    expect(await surge.inputValue()).toBe('1.25')
    // The open settings panel lies over the tabs; its summary closes it.
    await page.getByText('Run settings').click()

    const figuresAfter = await readKeyFigures(page)
    expect(figuresAfter.hash).not.toBe(figuresBefore.hash)
    expect(countOf(figuresAfter.rows['Meetings']?.wholeRun)).toBeGreaterThan(
      countOf(figuresBefore.rows['Meetings']?.wholeRun),
    )

    await page.getByRole('tab', { name: 'Charts' }).click()
    const after = await readCharts(page)
    expect(after.paths.length).toBe(before.paths.length)
    expect(after.paths).not.toEqual(before.paths)
    expect(after.captions[0]).not.toBe(before.captions[0])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-charts-surge.png` })
    await page.getByRole('tab', { name: 'Figures' }).click()
  })

  it('rejects a broken scenario file with errors that name the path and keeps the figures', async () => {
    const { page } = session
    const before = await readKeyFigures(page)
    await page.getByText('Run settings').click()
    const broken = {
      ...PRESETS['citizenlab-2020'],
      days: -3,
      demand: { ...PRESETS['citizenlab-2020'].demand, scale: 'a lot' },
    }
    await page.getByLabel('Import scenario file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    })
    const alert = page.locator('.kr-import-status')
    await expect.poll(() => alert.textContent()).toMatch(/broken\.json was not loaded/)
    const paths = await alert.locator('code').allTextContents()
    expect(paths).toContain('days')
    expect(paths).toContain('demand.scale')
    expect(await alert.getAttribute('role')).toBe('alert')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-import-error.png` })

    // Give a wrongly started run the time to show itself before comparing.
    await page.waitForTimeout(300)
    await waitForRunDone(page)
    const settingsOpen = await readKeyFigures(page)
    expect(settingsOpen).toEqual(before)

    await page.getByLabel('Import scenario file').setInputFiles({
      name: 'not-json.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "id": '),
    })
    await expect.poll(() => alert.locator('code').allTextContents()).toEqual(['not-json.json'])
    await page.getByText('Run settings').click()
    expect(await readKeyFigures(page)).toEqual(before)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
