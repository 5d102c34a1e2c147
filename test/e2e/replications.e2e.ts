import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { INTERVAL_METHOD } from '../../src/sim/replications'
import { POLICY_IDS } from '../../src/sim/model'
import {
  dashboardSession,
  remoteRequests,
  runStatus,
  SCREENSHOT_DIR,
  watchNextRun,
} from './browser'

const run = promisify(execFile)

describe('replications in the built app', () => {
  const session = dashboardSession()

  it('runs 20 replications of citizenlab-2020 with intervals, bands and seeds, and opens one seed', async () => {
    const { page } = session
    const baseHash = (await runStatus(page).getAttribute('data-run-hash')) ?? ''
    expect(baseHash).not.toBe('')
    await page.getByText('Run settings', { exact: true }).click()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/replications-settings.png` })
    // By keyboard, as a screen-reader user would turn it on.
    const box = page.getByRole('checkbox', { name: 'Replications' })
    await box.focus()
    await page.keyboard.press('Space')
    await expect(box.isChecked()).resolves.toBe(true)
    expect(await page.getByRole('spinbutton', { name: 'Replications' }).inputValue()).toBe('20')
    await page.getByText('Run settings', { exact: true }).click()
    expect(page.url()).toMatch(/reps=20/)

    const panel = page.getByRole('region', { name: 'Replications' })
    await panel
      .getByRole('status')
      .filter({ hasText: /^20 of 20 replications done$/ })
      .waitFor({ timeout: 180_000 })
    await expect(panel.locator('.kr-interval-method').textContent()).resolves.toBe(
      `Mean and ${INTERVAL_METHOD}, over 20 replications.`,
    )
    const concern = panel.getByRole('row', { name: /Keys from a jurisdiction of concern/ })
    const cells = await concern.locator('td').allTextContents()
    expect(cells[0]).toMatch(/^[\d,]+$/)
    expect(cells[1]).toMatch(/^-?[\d,]+ to [\d,]+$/)
    const [lower, upper] = (cells[1] ?? '').split(' to ').map((s) => Number(s.replace(/,/g, '')))
    const mean = Number((cells[0] ?? '').replace(/,/g, ''))
    expect(lower).toBeLessThan(upper ?? 0)
    expect(mean).toBeGreaterThanOrEqual(lower ?? 0)
    expect(mean).toBeLessThanOrEqual(upper ?? 0)

    // The same figures, byte for byte, as the command line's replications of the same run.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download replications (JSON)' }).click(),
    ])
    const appJson = readFileSync((await download.path()) ?? '', 'utf8')
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/cli/sim.ts', 'citizenlab-2020', '--replications', '20', '--json'],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    expect(appJson).toBe(stdout.trimEnd())

    // The band: an area over [lower, upper] for each metric of each band chart.
    await panel.locator('.kr-band-area').first().waitFor()
    const bands = await panel
      .locator('.kr-band-area')
      .evaluateAll((els) => els.map((el) => el.getAttribute('d') ?? ''))
    expect(bands.length).toBeGreaterThanOrEqual(3)
    expect(bands.every((d) => d.length > 20)).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/replications.png` })

    await panel.getByText('Seeds (20)').click()
    const seeds = panel.getByRole('list', { name: 'Replication seeds' }).getByRole('listitem')
    expect(await seeds.count()).toBe(20)
    await expect(seeds.first().locator('.kr-seed-hash').textContent()).resolves.toBe(baseHash)
    const third = seeds.nth(2)
    const seed = (await third.getAttribute('data-seed')) ?? ''
    const listedHash = (await third.locator('.kr-seed-hash').textContent()) ?? ''
    expect(listedHash).toMatch(/^[0-9a-f]{16}$/)
    expect(listedHash).not.toBe(baseHash)
    const runDone = await watchNextRun(page)
    await third.getByRole('button', { name: `Open seed ${seed} as a single run` }).click()
    await runDone(60_000)
    await expect(runStatus(page).getAttribute('data-run-hash')).resolves.toBe(listedHash)
    expect(page.url()).toMatch(new RegExp(`seed=${seed}`))
    expect(page.url()).not.toMatch(/reps=/)
    expect(await page.getByRole('region', { name: 'Replications' }).count()).toBe(0)
  })

  it('shows every policy side by side, and a column header shows that run', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'All policies side by side' }).click()
    const table = page.getByRole('region', { name: 'All policies side by side' })
    await table
      .getByRole('status')
      .filter({ hasText: /^5 of 5 policy runs done$/ })
      .waitFor({ timeout: 120_000 })
    const headers = table.getByRole('columnheader')
    expect(await headers.count()).toBe(POLICY_IDS.length + 1)
    const concern = table.getByRole('row', { name: /Keys from a jurisdiction of concern/ })
    const values = await concern.locator('td').allTextContents()
    expect(values).toHaveLength(POLICY_IDS.length)
    expect(values.every((v) => /^[\d,]+/.test(v))).toBe(true)
    const runDone = await watchNextRun(page)
    await table.getByRole('button', { name: /^Geofenced.*: show this run on the map$/ }).click()
    await runDone(60_000)
    expect(page.url()).toMatch(/policy=geofenced/)
    expect(remoteRequests(session.requests)).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})
