import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { dashboardSession, remoteRequests, timeLabel, waitForRunDone } from './browser'

interface Focused {
  readonly name: string
  readonly isFocusVisible: boolean
  readonly hasIndicator: boolean
}

/** The focused element's label, and whether a focus ring is drawn for it. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { name: '', isFocusVisible: false, hasIndicator: false }
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent
    const name = (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim()
    const style = getComputedStyle(el)
    const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
    return {
      name,
      isFocusVisible: el.matches(':focus-visible'),
      hasIndicator: hasOutline || style.boxShadow !== 'none',
    }
  })
}

/** Presses Tab until the focused element's name is `name`; returns what it saw there. */
async function tabTo(page: Page, name: string, maxPresses = 120): Promise<Focused> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (f.name === name) return f
  }
  throw new Error(`Tab never reached "${name}" in ${maxPresses} presses`)
}

describe('keyboard use', () => {
  const session = dashboardSession()

  it('reaches the policy picker, the play button and the timeline slider by Tab, with a visible focus', async () => {
    const { page } = session
    for (const name of ['Routing policy', 'Play', 'Simulated time']) {
      const f = await tabTo(page, name)
      expect(f, name).toEqual({ name, isFocusVisible: true, hasIndicator: true })
    }
  })

  it('reaches the scenario picker and the side panel from the page start without stopping on map markers', async () => {
    const { page } = session
    await page.reload()
    await waitForRunDone(page)
    const stops: { name: string; tag: string }[] = []
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab')
      const f = await focused(page)
      const tag = await page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? '')
      stops.push({ name: f.name, tag })
      if (f.name === 'Figures') break
    }
    const names = stops.map((s) => s.name)
    expect(names).toContain('Scenario')
    // The side panel's tabs lead to the site list, the keyboard route to the sites.
    expect(names).toContain('Figures')
    expect(names.indexOf('Scenario')).toBeLessThan(names.indexOf('Figures'))
    for (const stop of stops) {
      expect(stop.tag, names.join(' | ')).not.toBe('path')
      expect(stop.name, `${stop.tag} without a name`).not.toBe('')
    }
  })

  it('pans the map with the arrow keys and draws a focus ring inside it', async () => {
    const { page } = session
    const map = page.getByRole('region', { name: /World map of data centers/ })
    await tabTo(page, await map.evaluate((el) => el.getAttribute('aria-label') ?? ''))
    const ring = await map.evaluate((el) => {
      const style = getComputedStyle(el)
      return {
        isFocusVisible: el.matches(':focus-visible'),
        width: parseFloat(style.outlineWidth),
        style: style.outlineStyle,
        // The map's wrapper clips overflow: the ring must lie inside the container.
        offset: parseFloat(style.outlineOffset),
      }
    })
    expect(ring.isFocusVisible).toBe(true)
    expect(ring.style).not.toBe('none')
    expect(ring.width).toBeGreaterThanOrEqual(2)
    expect(ring.offset).toBeLessThanOrEqual(-ring.width)
    const pane = page.locator('.leaflet-map-pane')
    const before = await pane.evaluate((el) => el.style.transform)
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => pane.evaluate((el) => el.style.transform)).not.toBe(before)
  })

  it('moves the clock with the arrow, Home and End keys on the slider', async () => {
    const { page } = session
    const slider = page.getByRole('slider', { name: 'Simulated time' })
    await slider.focus()
    await slider.press('Home')
    const start = await timeLabel(page).textContent()
    expect(start).toMatch(/00:00 UTC$/)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => timeLabel(page).textContent()).toMatch(/01:00 UTC$/)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => timeLabel(page).textContent()).toBe(start)
    await page.keyboard.press('End')
    await expect.poll(() => timeLabel(page).textContent()).not.toBe(start)
  })

  it('starts and stops playback with Space on the play button', async () => {
    const { page } = session
    const slider = page.getByRole('slider', { name: 'Simulated time' })
    await slider.focus()
    await slider.press('Home')
    const play = page.getByRole('button', { name: 'Play', exact: true })
    await play.focus()
    const before = await timeLabel(page).textContent()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor()
    await expect.poll(() => timeLabel(page).textContent()).not.toBe(before)
    await page.keyboard.press('Space')
    await play.waitFor()
    const stopped = await timeLabel(page).textContent()
    await page.waitForTimeout(300)
    expect(await timeLabel(page).textContent()).toBe(stopped)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
