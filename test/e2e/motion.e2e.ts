import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { dashboardSession, exposedPixelCount, remoteRequests } from './browser'

/**
 * Takes pictures of the map as the screen shows it: the moving dashes are on a canvas the page
 * hands to a worker, which the page cannot read back. The pointer rests off the map.
 */
async function mapShooter(page: Page): Promise<() => Promise<Buffer>> {
  await page.mouse.move(2, 2)
  const box = await page.locator('.kr-map .leaflet-container').first().boundingBox()
  if (!box) throw new Error('the map has no box')
  const clip = { x: box.x, y: box.y, width: box.width, height: box.height }
  // caret 'initial': a hidden caret is a style the page would have to apply on its own thread.
  return () => page.screenshot({ clip, caret: 'initial' })
}

/** Two pictures of the map, `gapMs` apart. */
async function snapshots(page: Page, gapMs: number): Promise<[Buffer, Buffer]> {
  const shot = await mapShooter(page)
  const first = await shot()
  await page.waitForTimeout(gapMs)
  return [first, await shot()]
}

describe('motion on the map', () => {
  const session = dashboardSession({ reducedMotion: 'no-preference' })

  it('animates the dashes of exposed arcs while paused', async () => {
    const { page } = session
    // A fresh view lands on the first step with an exposure.
    await expect.poll(() => exposedPixelCount(page), { timeout: 5000 }).toBeGreaterThan(50)
    expect(await page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1)
    const [a, b] = await snapshots(page, 300)
    expect(a.equals(b)).toBe(false)
  })

  it('moves the dashes in a worker: the page’s thread runs no animation frame for them', async () => {
    const { page } = session
    expect(await page.locator('.kr-flow-layer').getAttribute('data-dashes')).toBe('worker')
    // Frames the page asks for in 600 ms while paused (its own dash loop asked for one a frame).
    const asked = await page.evaluate(async () => {
      const ask = window.requestAnimationFrame.bind(window)
      let count = 0
      window.requestAnimationFrame = (callback) => {
        count++
        return ask(callback)
      }
      await new Promise((resolve) => setTimeout(resolve, 600))
      window.requestAnimationFrame = ask
      return count
    })
    expect(asked).toBe(0)
    const [a, b] = await snapshots(page, 300)
    expect(a.equals(b)).toBe(false)
  })

  it('stops the animation but keeps the exposed arcs when reduced motion is asked for', async () => {
    const { page } = session
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.waitForTimeout(100)
    expect(await exposedPixelCount(page)).toBeGreaterThan(50)
    const [a, b] = await snapshots(page, 300)
    expect(a.equals(b)).toBe(true)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
