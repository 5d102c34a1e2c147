import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  SCREENSHOT_DIR,
  countOf,
  readKeyFigures,
  remoteRequests,
  timeLabel,
  waitForRunDone,
  watchNextRun,
  openDashboard,
} from './browser'
import type { BrowserSession } from './browser'

describe('links that carry the view', () => {
  let session: BrowserSession
  let defaultHash = ''

  beforeAll(async () => {
    session = await openDashboard(inject('baseUrl'))
    defaultHash = (await readKeyFigures(session.page)).hash
  })

  afterAll(async () => {
    await session?.close()
  })

  it('reopens a shared link with the same figures, run hash and time', async () => {
    const { page, context } = session
    const runDone = await watchNextRun(page)
    await page.getByRole('combobox', { name: 'Routing policy' }).selectOption('government')
    await page.getByText('Run settings').click()
    const seed = page.getByRole('spinbutton', { name: 'Seed' })
    await seed.fill('77')
    await seed.press('Enter')
    await page.getByText('Run settings').click()
    await runDone()

    const slider = page.getByRole('slider', { name: 'Simulated time' })
    await slider.focus()
    await slider.press('Home')
    for (let i = 0; i < 30; i++) await slider.press('ArrowRight')
    expect(await slider.inputValue()).toBe('1800')
    // The clock reaches the link at most every 2 s.
    await page.waitForFunction(() => /[#&]t=1800(&|$)/.test(location.hash), null, {
      timeout: 5000,
    })
    const url = page.url()
    expect(url).toMatch(/#.*preset=citizenlab-2020/)
    expect(url).toMatch(/[#&]policy=government(&|$)/)
    expect(url).toMatch(/[#&]seed=77(&|$)/)
    const original = await readKeyFigures(page)
    const originalTime = await timeLabel(page).textContent()
    expect(original.hash).not.toBe(defaultHash)
    expect(countOf(original.rows['Meetings']?.wholeRun)).toBeGreaterThan(0)

    const shared = await context.newPage()
    try {
      await shared.goto(url)
      await waitForRunDone(shared)
      expect(await shared.getByRole('combobox', { name: 'Routing policy' }).inputValue()).toBe(
        'government',
      )
      expect(await timeLabel(shared).textContent()).toBe(originalTime)
      expect(await readKeyFigures(shared)).toEqual(original)
      await shared.screenshot({ path: `${SCREENSHOT_DIR}/links-shared.png` })
    } finally {
      await shared.close()
    }
  })

  it('names what an odd link got wrong and still runs the default scenario', async () => {
    const odd = await session.context.newPage()
    try {
      await odd.goto(`${inject('baseUrl')}#seed=abc&preset=nope&t=-5`)
      await waitForRunDone(odd)
      const notices = await odd.locator('.kr-notices').getByRole('paragraph').allTextContents()
      const text = notices.join('\n')
      expect(text).toMatch(/seed "abc" was ignored/)
      expect(text).toMatch(/preset "nope" was ignored/)
      expect(text).toMatch(/t "-5" was ignored/)
      expect(await odd.getByRole('button', { name: /^Dismiss notice/ }).count()).toBe(3)
      expect(await odd.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe(
        'citizenlab-2020',
      )
      const figures = await readKeyFigures(odd)
      expect(figures.hash).toBe(defaultHash)
      expect(
        countOf(figures.rows['Keys from a jurisdiction of concern']?.wholeRun),
      ).toBeGreaterThan(0)
      await odd.screenshot({ path: `${SCREENSHOT_DIR}/links-odd.png` })
    } finally {
      await odd.close()
    }
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
