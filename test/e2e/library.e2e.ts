import { readFileSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  SCREENSHOT_DIR,
  openBrowser,
  remoteRequests,
  runStatus,
  waitForRunDone,
  watchNextRun,
} from './browser'
import type { BrowserSession } from './browser'

const SCENARIO = {
  ...PRESETS['citizenlab-2020'],
  id: 'harbour',
  name: 'Harbour test',
  timeline: [],
  days: 3,
}

/** Imports `text` as harbour.json from the run settings and waits for its run. */
async function importScenario(page: Page, text: string): Promise<void> {
  if (!(await page.locator('details.kr-settings').evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.getByText('Run settings', { exact: true }).click()
  const runDone = await watchNextRun(page)
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'harbour.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  })
  await runDone()
}

/** Waits until the run on screen is done and has this hash (not an earlier run's "done"). */
async function waitForRunHash(page: Page, hash: string): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('[data-run-status]')
      return (
        el?.getAttribute('data-run-status') === 'done' && el.getAttribute('data-run-hash') === want
      )
    },
    hash,
    { timeout: 30_000 },
  )
}

const libraryItems = (page: Page) =>
  page
    .getByRole('region', { name: 'My library' })
    .getByRole('list', { name: /Items in my library/ })
    .getByRole('listitem')

describe('my library in a real browser', () => {
  let session: BrowserSession
  let other: BrowserSession | undefined
  let runHash = ''
  let backupPath = ''

  beforeAll(async () => {
    session = await openBrowser()
    await session.page.goto(inject('baseUrl'))
    await waitForRunDone(session.page)
  })
  afterAll(async () => {
    await session?.close()
    await other?.close()
  })

  it('keeps an imported scenario across a reload: the custom=1 link reopens it and the run is the same', async () => {
    const { page } = session
    await importScenario(page, JSON.stringify(SCENARIO, null, 2))
    runHash = (await runStatus(page).getAttribute('data-run-hash')) ?? ''
    await page.waitForFunction(() => /[#&]custom=1&lib=[a-z0-9]+/.test(location.hash))
    const link = await page.evaluate(() => location.hash)

    await page.reload()
    await waitForRunHash(page, runHash)
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('custom')
    expect(await page.evaluate(() => location.hash)).toBe(link)
    expect(await page.locator('.kr-notices').textContent()).not.toMatch(/import it again/)

    await page.getByRole('tab', { name: 'My library' }).click()
    const row = libraryItems(page).filter({ hasText: 'harbour.json' })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/harbour\.json.*open.*Scenario/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/library-panel.png` })
    // The panel in both themes, rename form open, passes axe (target size included).
    await page.getByRole('button', { name: 'Rename “harbour.json”' }).click()
    for (const theme of ['dark', 'light']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      const axe = await new AxeBuilder({ page })
        .include('.kr-library')
        .options({ rules: { 'target-size': { enabled: true } } })
        .analyze()
      expect(axe.violations.map((v) => `${theme} ${v.id}`)).toEqual([])
    }
    await page.keyboard.press('Escape')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Rename “harbour.json”')
  })

  it('downloads everything as one file that another browser imports and opens to the same run', async () => {
    const { page } = session
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download everything', exact: true }).click(),
    ])
    backupPath = (await download.path()) ?? ''
    const backup = JSON.parse(readFileSync(backupPath, 'utf8')) as {
      items: { name: string; text: string }[]
    }
    expect(backup.items.map((i) => i.name)).toEqual(['harbour.json'])
    expect(JSON.parse(backup.items[0]?.text ?? '')).toEqual(SCENARIO)

    other = await openBrowser()
    const page2 = other.page
    await page2.goto(inject('baseUrl'))
    await waitForRunDone(page2)
    await page2.getByRole('tab', { name: 'My library' }).click()
    const file = {
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: readFileSync(backupPath),
    }
    await page2.getByLabel('Import backup').setInputFiles(file)
    const status = page2.getByRole('region', { name: 'My library' }).getByRole('status')
    await expect.poll(() => status.textContent()).toBe('Imported 1 item from backup.json.')
    // The same backup again adds nothing.
    await page2.getByLabel('Import backup').setInputFiles(file)
    await expect.poll(() => status.textContent()).toMatch(/Imported 0 items.*1 already/)
    expect(await libraryItems(page2).count()).toBe(1)

    await page2.getByRole('button', { name: 'Open “harbour.json”' }).focus()
    await page2.keyboard.press('Enter')
    await waitForRunHash(page2, runHash)
    expect(await page2.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('custom')
  })

  it('stays error-free and offline', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
    expect(other?.pageErrors).toEqual([])
    expect(remoteRequests(other?.requests ?? [])).toEqual([])
  })
})

describe('my library when the browser refuses storage', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser()
    // As a browser with site data blocked: no IndexedDB at all.
    await session.page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
    })
    await session.page.goto(inject('baseUrl'))
    await waitForRunDone(session.page)
  })
  afterAll(async () => {
    await session?.close()
  })

  it('keeps the imported scenario running, says what failed, and still downloads it', async () => {
    const { page } = session
    await importScenario(page, JSON.stringify(SCENARIO))
    const notice = page.locator('.kr-notice').filter({ hasText: 'could not be saved' })
    await notice.waitFor()
    expect(await notice.textContent()).toMatch(
      /“harbour\.json” could not be saved in your library: this browser offers no IndexedDB.*stays in this page until you download it.*imported scenario keeps running/,
    )
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('custom')

    await page.getByText('Run settings', { exact: true }).click()
    await page.getByRole('tab', { name: 'My library' }).click()
    const row = libraryItems(page).filter({ hasText: 'harbour.json' })
    expect(await row.textContent()).toMatch(/not saved/)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download everything', exact: true }).click(),
    ])
    const backup = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      items: { name: string }[]
    }
    expect(backup.items.map((i) => i.name)).toEqual(['harbour.json'])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/library-refused.png` })
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
