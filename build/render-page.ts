/**
 * The render command's part inside the page: waits for the app to be ready, then clicks the same
 * export control a user would and returns the download it makes. The controls are found by their
 * accessible names, as the browser tests find them.
 */
import { statSync } from 'node:fs'
import type { Download, Page } from 'playwright-core'
import type { RenderOptions } from '../src/cli/render-args'

const RUN_TIMEOUT_MS = 10 * 60_000

async function waitForRuns(page: Page): Promise<void> {
  await page.locator('[data-run-status="done"]').waitFor({ timeout: RUN_TIMEOUT_MS })
  const failed = page.locator('[data-run-status="failed"]')
  if ((await failed.count()) > 0) throw new Error('the run failed in the app')
}

async function waitForBriefing(page: Page): Promise<void> {
  await page.locator('.kr-chapter-title').waitFor({ timeout: RUN_TIMEOUT_MS })
  await page.waitForFunction(() => !document.querySelector('.kr-briefing-progress'), undefined, {
    timeout: RUN_TIMEOUT_MS,
  })
}

/** Clicks `click` and returns the download it starts (an export can take a while). */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: RUN_TIMEOUT_MS }),
    click(),
  ])
  return download
}

/** A map image, a chart SVG, or a briefing's chapter or chapters. */
export async function chooseImage(page: Page, options: RenderOptions): Promise<Download> {
  if (options.briefing !== undefined) {
    await waitForBriefing(page)
    const name = options.format === '.zip' ? 'Export all chapters' : 'Export this chapter'
    return downloadOf(page, () => page.getByRole('button', { name }).click())
  }
  await waitForRuns(page)
  if (options.format === '.svg') {
    await page.getByRole('tab', { name: 'Charts' }).click()
    const buttons = page.getByRole('button', { name: /^Export .* as SVG$/ })
    await buttons.first().waitFor()
    const names = await buttons.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-chart') ?? ''),
    )
    const index = options.chart === undefined ? 0 : names.indexOf(options.chart)
    if (index < 0)
      throw new Error(`no chart "${options.chart}"; charts: ${names.filter(Boolean).join(', ')}`)
    return downloadOf(page, () => buttons.nth(index).click())
  }
  await page.getByRole('button', { name: /^Export image/ }).click()
  const label = `PNG, slide ${options.width} × ${options.height}`
  return downloadOf(page, () => page.getByRole('button', { name: label }).click())
}

/** A clip recorded through the Record clip dialog with the options' range, speed, size and rate. */
export async function chooseClip(page: Page, options: RenderOptions): Promise<Download> {
  await waitForRuns(page)
  await page.getByRole('button', { name: 'Record clip' }).click()
  const dialog = page.getByRole('dialog', { name: 'Record clip' })
  if (options.from !== undefined)
    await dialog.getByLabel('From (UTC)').fill(options.from.replace(/Z$/, ''))
  if (options.to !== undefined)
    await dialog.getByLabel('To (UTC)').fill(options.to.replace(/Z$/, ''))
  await selectByValue(dialog.getByLabel('Speed'), String(options.speed), '--speed')
  if (options.format !== '.gif')
    await dialog.getByLabel('Size').selectOption({ label: `${options.width}x${options.height}` })
  await selectByValue(dialog.getByLabel('Frame rate'), String(options.fps), '--fps')
  await selectByValue(dialog.getByLabel('Format'), options.format.slice(1), '--out')
  const problem = await dialog.getByRole('button', { name: 'Record' }).isDisabled()
  if (problem)
    throw new Error(`the clip cannot be recorded: ${await dialog.locator('p').first().innerText()}`)
  return downloadOf(page, () => dialog.getByRole('button', { name: 'Record' }).click())
}

async function selectByValue(
  select: ReturnType<Page['getByLabel']>,
  value: string,
  flag: string,
): Promise<void> {
  const values = await select
    .locator('option')
    .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))
  if (!values.includes(value))
    throw new Error(`${flag}: the app offers ${values.join(', ')}, not ${value}`)
  await select.selectOption(value)
}

/** Imports a briefing file as the one being written, presents it and goes to `chapter`. */
export async function openBriefingFile(page: Page, file: string, chapter: number): Promise<void> {
  await page.getByRole('tab', { name: 'Briefing' }).click()
  await page.getByLabel('Import briefing').setInputFiles(file)
  const errors = page.locator('.kr-errors')
  const present = page.getByRole('button', { name: 'Present this briefing' })
  await Promise.race([present.waitFor(), errors.first().waitFor()])
  if (await errors.count())
    throw new Error(`the app refused the briefing: ${await errors.first().innerText()}`)
  await present.click()
  await page.locator('.kr-chapter-title').waitFor()
  for (const digit of String(chapter)) await page.keyboard.press(digit)
  await page.keyboard.press('Enter')
  const count = page.locator('.kr-chapter-count')
  await page.waitForFunction(
    (n) => document.querySelector('.kr-chapter-count')?.textContent?.startsWith(`Chapter ${n} of`),
    chapter,
  )
  if (!(await count.innerText()).startsWith(`Chapter ${chapter} of`))
    throw new Error(`the briefing has no chapter ${chapter}`)
}

/** Saves a download at `path`; returns its size in bytes. */
export async function saveDownload(download: Download, path: string): Promise<number> {
  const failure = await download.failure()
  if (failure) throw new Error(`the download failed: ${failure}`)
  await download.saveAs(path)
  return statSync(path).size
}
