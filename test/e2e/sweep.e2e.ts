import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, dashboardSession, remoteRequests } from './browser'

const run = promisify(execFile)

describe('sensitivity sweep in the app', () => {
  const session = dashboardSession()

  it('runs a small surge sweep in the worker pool, states the threshold bracket, draws bands, and downloads the CSV the CLI writes', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Sweep' }).click()
    const form = page.getByRole('form', { name: 'Sweep settings' })
    await form.getByRole('textbox', { name: 'From', exact: true }).fill('0.5')
    await form.getByRole('textbox', { name: 'to', exact: true }).fill('1')
    await form.getByRole('textbox', { name: 'step', exact: true }).fill('0.25')
    await form.getByLabel('Replications per grid point').fill('3')
    await form.getByRole('button', { name: 'Run sweep' }).click()
    const status = page.locator('.kr-sweep-status')
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/9 of 9 runs .*: done\./)
    const thresholds = page.getByRole('list', {
      name: 'Where keys from a jurisdiction of concern first appear',
    })
    await expect.poll(() => thresholds.textContent()).toMatch(/keys from a jurisdiction of concern/)
    // One band and one mean line per policy, drawn.
    expect(await page.locator('.kr-sweep-chart .kr-band-area').count()).toBe(1)
    expect(await page.locator('.kr-sweep-chart .kr-band-mean').count()).toBe(1)
    const cells = await page.locator('.kr-sweep-table tbody td').allTextContents()
    expect(cells).toHaveLength(3)
    for (const cell of cells) expect(cell).toMatch(/^[\d,]+ \(95% interval -?[\d,]+ to [\d,]+\)$/)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.locator('.kr-sweep-results').screenshot({ path: join(SCREENSHOT_DIR, 'sweep.png') })

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download sweep (CSV)' }).click(),
    ])
    const appCsv = readFileSync((await download.path()) ?? '', 'utf8')
    const out = join(mkdtempSync(join(tmpdir(), 'keyroute-sweep-')), 'sweep.csv')
    await run(
      'npx',
      [
        'tsx',
        'src/cli/sweep.ts',
        'citizenlab-2020',
        '--param',
        'surgeMultiplier=0.5:1:0.25',
        '--replications',
        '3',
        '--csv',
        out,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    const cliCsv = readFileSync(out, 'utf8')
    writeFileSync(join(SCREENSHOT_DIR, 'sweep-app.csv'), appCsv)
    expect(appCsv).toBe(cliCsv)
    expect(remoteRequests(session.requests)).toEqual([])
  }, 120_000)
})
