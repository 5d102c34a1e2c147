import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, remoteRequests, waitForRunDone } from './browser'
import type { BrowserSession } from './browser'

/** axe violations as "rule: selector (impact)" lines, so a failure says what to fix. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.impact ?? 'unknown'})`),
  )
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Light theme' })
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light'))
    await toggle.click()
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
}

describe('accessibility (axe-core)', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser({ width: 1280, height: 720 })
    await session.page.emulateMedia({ colorScheme: 'light' })
    await session.page.goto(inject('baseUrl'))
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('finds no violations on the loaded page in the light theme', async () => {
    const { page } = session
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    expect(await violations(page)).toEqual([])
  })

  it('finds no violations on the loaded page in the dark theme', async () => {
    const { page } = session
    await setTheme(page, 'dark')
    expect(await violations(page)).toEqual([])
  })

  it('finds no violations with the Charts tab open, dark and light', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Charts' }).click()
    await page.locator('.recharts-line-curve').first().waitFor()
    expect(await violations(page)).toEqual([])
    await setTheme(page, 'light')
    expect(await violations(page)).toEqual([])
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
