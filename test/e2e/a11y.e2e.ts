import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { dashboardSession, remoteRequests, waitForRunDone } from './browser'

/**
 * axe violations as "rule: selector (impact)" lines, so a failure says what to fix. The WCAG 2.2
 * target-size rule (24 x 24 CSS px, or room around a smaller target) is off in axe by default;
 * Lighthouse runs it, so it runs here too.
 */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze()
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
  const session = dashboardSession({ colorScheme: 'light' })

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

  it('gives every timeline marker a hit area of at least 24 x 24 CSS px that passes axe target-size', async () => {
    const { page } = session
    // surge-march-2020 has two events four hours apart, whose markers are fanned out side by side.
    await page.goto(`${inject('baseUrl')}#preset=surge-march-2020`)
    await page.reload()
    await waitForRunDone(page)
    const markers = page.getByRole('list', { name: 'Timeline events' }).getByRole('button')
    await expect.poll(() => markers.count()).toBe(2)
    const boxes = await Promise.all((await markers.all()).map((m) => m.boundingBox()))
    for (const box of boxes) {
      expect(box?.width).toBeGreaterThanOrEqual(24)
      expect(box?.height).toBeGreaterThanOrEqual(24)
    }
    const [a, b] = boxes.map((box) => box ?? { x: 0, y: 0, width: 0, height: 0 })
    expect(Math.abs((b?.x ?? 0) - (a?.x ?? 0))).toBeGreaterThanOrEqual(24)
    const slider = await page.getByRole('slider', { name: 'Simulated time' }).boundingBox()
    expect((a?.y ?? 0) + (a?.height ?? 0)).toBeLessThanOrEqual(slider?.y ?? 0)

    const result = await new AxeBuilder({ page })
      .include('.kr-markers')
      .withRules(['target-size'])
      .analyze()
    expect(result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([])
    // The rule really looked at both markers (a rule that matches nothing also has no violations).
    expect(result.passes.flatMap((p) => p.nodes)).toHaveLength(2)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
