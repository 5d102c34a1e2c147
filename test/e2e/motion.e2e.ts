import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { dashboardSession, exposedPixelCount, remoteRequests } from './browser'

/** Two snapshots of the flow canvases, `gapMs` apart. */
async function snapshots(page: Page, gapMs: number): Promise<[string, string]> {
  const shot = (): Promise<string> =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('canvas.kr-flow-canvas')]
        .map((c) => c.toDataURL())
        .join('|'),
    )
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
    expect(a).not.toBe(b)
  })

  it('stops the animation but keeps the exposed arcs when reduced motion is asked for', async () => {
    const { page } = session
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.waitForTimeout(100)
    expect(await exposedPixelCount(page)).toBeGreaterThan(50)
    const [a, b] = await snapshots(page, 300)
    expect(a === b).toBe(true)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
