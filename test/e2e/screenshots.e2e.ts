import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { dashboardSession, remoteRequests, SCREENSHOT_DIR } from './browser'

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const

/** Pairs of header controls whose boxes overlap, and whether the page scrolls sideways. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    if (document.documentElement.scrollWidth > window.innerWidth)
      problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`)
    const header = document.querySelector('header')
    const items = header
      ? [...header.children].filter((el) => el.getBoundingClientRect().width)
      : []
    // One line where the pickers' whole names fit (1920 wide); below that the controls after
    // them wrap to a second line rather than cut a scenario or policy name short.
    const rects = items.map((el) => el.getBoundingClientRect())
    if (
      window.innerWidth >= 1600 &&
      Math.max(...rects.map((r) => r.top)) >= Math.min(...rects.map((r) => r.bottom))
    )
      problems.push('header wraps onto a second line')
    for (const el of header?.querySelectorAll('select') ?? []) {
      const ctx = document.createElement('canvas').getContext('2d')
      if (!ctx) continue
      ctx.font = getComputedStyle(el).font
      const text = el.options[el.selectedIndex]?.text ?? ''
      if (ctx.measureText(text).width + 24 > el.clientWidth)
        problems.push(`header: "${text}" is cut off`)
    }
    items.forEach((a, i) => {
      const ra = a.getBoundingClientRect()
      for (const b of items.slice(i + 1)) {
        const rb = b.getBoundingClientRect()
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left)
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top)
        if (overlapX > 1 && overlapY > 1)
          problems.push(`header: ${a.className || a.tagName} overlaps ${b.className || b.tagName}`)
      }
    })
    for (const sel of ['.kr-map', '.kr-side', '.kr-timeline']) {
      const r = document.querySelector(sel)?.getBoundingClientRect()
      if (!r || r.width < 200 || r.height < 50) problems.push(`${sel} is missing or tiny`)
      else if (r.right > window.innerWidth + 1) problems.push(`${sel} is cut off on the right`)
    }
    return problems
  })
}

describe('screenshots in both themes and two window sizes', () => {
  const session = dashboardSession({ colorScheme: 'light' })

  for (const size of SIZES) {
    for (const theme of ['light', 'dark'] as const) {
      it(`lays out cleanly at ${size.width}x${size.height} in the ${theme} theme`, async () => {
        const { page } = session
        await page.setViewportSize(size)
        const toggle = page.getByRole('button', { name: 'Light theme' })
        if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light'))
          await toggle.click()
        await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
        // Leaflet redraws after its container resizes; the flow canvas follows on moveend.
        await page.waitForTimeout(400)
        expect(await layoutProblems(page)).toEqual([])
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/layout-${size.width}x${size.height}-${theme}.png`,
        })
      })
    }
  }

  it('shows the charts tab in the dark theme at 1920x1080', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Charts' }).click()
    await page.locator('.recharts-line-curve').first().waitFor()
    expect(await layoutProblems(page)).toEqual([])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-1920x1080-dark-charts.png` })
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
