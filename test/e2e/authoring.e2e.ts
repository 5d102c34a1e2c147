import { readFileSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { parseBriefingText } from '../../src/sim/briefing'
import type { Briefing } from '../../src/sim/briefing'
import { SCREENSHOT_DIR, dashboardSession, remoteRequests, watchNextRun } from './browser'

const titles = (page: Page): Promise<string[]> =>
  page
    .getByRole('list', { name: 'Chapters' })
    .getByRole('textbox', { name: /^Title of chapter \d+$/ })
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))

async function retitle(page: Page, number: number, title: string): Promise<void> {
  await page.getByLabel(`Title of chapter ${number}`, { exact: true }).fill(title)
}

describe('writing a briefing in the dashboard', () => {
  const session = dashboardSession()
  let downloaded = ''

  it('adds two views as chapters, with their own settings and the map’s frame', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Briefing' }).click()
    const add = page.getByRole('button', { name: 'Add this view as a chapter' })
    await add.click()
    await expect
      .poll(() => page.locator('.kr-draft-status').textContent())
      .toMatch(/^Added chapter 1: /)
    const nextRun = await watchNextRun(page)
    await page.getByRole('combobox', { name: 'Routing policy' }).selectOption('geofenced')
    await nextRun()
    await add.click()
    await expect.poll(() => titles(page)).toHaveLength(2)
    await retitle(page, 1, 'Misconfigured')
    await retitle(page, 2, 'Geofenced')
    await page
      .getByLabel('Caption of chapter 2', { exact: true })
      .fill('Fenced: {blocked} joins refused.')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/authoring-two-chapters.png` })
  })

  it('gives the briefing panel no axe violations', async () => {
    const result = await new AxeBuilder({ page: session.page })
      .include('.kr-side')
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze()
    expect(
      result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
    ).toEqual([])
  })

  it('moves the second chapter up with the keyboard', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Move chapter 2 up' }).focus()
    await page.keyboard.press('Enter')
    expect(await titles(page)).toEqual(['Geofenced', 'Misconfigured'])
    await expect
      .poll(() => page.locator('.kr-draft-status').textContent())
      .toBe('Moved chapter 2 up to 1.')
  })

  it('downloads the briefing as a file the parser reads, chapters in their new order', async () => {
    const { page } = session
    await page.getByLabel('Briefing title', { exact: true }).fill('Two policies')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download briefing' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('two-policies.briefing.json')
    downloaded = readFileSync(await download.path(), 'utf8')
    const parsed = parseBriefingText(downloaded)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const briefing: Briefing = parsed.briefing
    expect(briefing.chapters.map((c) => [c.title, c.view.policy])).toEqual([
      ['Geofenced', 'geofenced'],
      ['Misconfigured', 'misconfigured-2020'],
    ])
    expect(briefing.chapters[0]?.figures.map((f) => f.metric)).toContain('blocked')
    for (const chapter of briefing.chapters) {
      expect(chapter.view.preset).toBe('citizenlab-2020')
      expect(chapter.view.frame).toHaveProperty('bounds')
      expect(chapter.view.time).toMatch(/^2020-0[34]-\d\dT\d\d:\d\dZ$/)
    }
  })

  it('refuses a broken file with its errors and keeps the draft, then imports the download again', async () => {
    const { page } = session
    const input = page.getByLabel('Import briefing', { exact: true })
    const broken = JSON.parse(downloaded) as Record<string, unknown>
    await input.setInputFiles({
      name: 'broken.briefing.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...broken, chapters: [] })),
    })
    const status = page.locator('.kr-draft .kr-import-status')
    await expect.poll(() => status.textContent()).toMatch(/broken\.briefing\.json was not loaded/)
    expect(await status.locator('code').allTextContents()).toEqual(['chapters'])
    expect(await titles(page)).toEqual(['Geofenced', 'Misconfigured'])

    await page.getByRole('button', { name: 'Clear briefing' }).click()
    await page.getByRole('button', { name: 'Clear all 2 chapters' }).click()
    expect(await page.getByRole('list', { name: 'Chapters' }).count()).toBe(0)
    await input.setInputFiles({
      name: 'two-policies.briefing.json',
      mimeType: 'application/json',
      buffer: Buffer.from(downloaded),
    })
    await expect.poll(() => status.textContent()).toBe('Loaded two-policies.briefing.json.')
    expect(await titles(page)).toEqual(['Geofenced', 'Misconfigured'])
    expect(await page.getByLabel('Briefing title', { exact: true }).inputValue()).toBe(
      'Two policies',
    )
    await page.screenshot({ path: `${SCREENSHOT_DIR}/authoring-imported.png` })
  })

  it('shows an imported chapter’s view in the dashboard', async () => {
    const { page } = session
    const nextRun = await watchNextRun(page)
    await page.getByRole('button', { name: 'Show chapter 2' }).click()
    await nextRun()
    expect(await page.getByRole('combobox', { name: 'Routing policy' }).inputValue()).toBe(
      'misconfigured-2020',
    )
    expect(await page.getByRole('tab', { name: 'Briefing' }).getAttribute('aria-selected')).toBe(
      'true',
    )
  })

  it('stays error-free and off the network', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
