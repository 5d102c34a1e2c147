import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  SCREENSHOT_DIR,
  countOf,
  openBrowser,
  readKeyFigures,
  remoteRequests,
  waitForRunDone,
  watchNextRun,
} from './browser'
import type { BrowserSession } from './browser'

/** The whole-run cell of the first key-figures row whose label matches. */
function wholeRun(rows: Awaited<ReturnType<typeof readKeyFigures>>['rows'], label: RegExp) {
  const key = Object.keys(rows).find((k) => label.test(k))
  if (key === undefined) throw new Error(`no key-figures row matches ${label}`)
  return countOf(rows[key]?.wholeRun)
}

describe('the 3 April 2020 fix corrects the backup lists, whichever policy is shown', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser()
    await session.page.goto(`${inject('baseUrl')}#preset=citizenlab-2020&policy=fail-closed`)
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('leaves fail-closed without a single redirected join or cross-border key', async () => {
    const { page } = session
    // Before, the fix switched every policy to geofenced: 4,590 redirected joins and 85
    // cross-border keys after 3 April under "Fail closed".
    const { rows } = await readKeyFigures(page)
    expect(wholeRun(rows, /^Participant joins$/)).toBeGreaterThan(0)
    expect(wholeRun(rows, /^Redirected joins$/)).toBe(0)
    expect(wholeRun(rows, /cross-border|outside the allowed/i)).toBe(0)
  })

  it('says in the policy box and on the timeline marker that the fix changes nothing for it', async () => {
    const { page } = session
    const figures = page.getByRole('region', { name: 'Key figures' })
    await expect
      .poll(() => figures.locator('.kr-policy-summary').textContent())
      .toMatch(/Backup-list fix at 3 Apr, 12:00 UTC: No change: this policy has no backup lists\./)
    const marker = page
      .getByRole('region', { name: 'Timeline' })
      .getByRole('button', { name: /3 April 2020 fix/ })
    await expect
      .poll(() => marker.getAttribute('aria-label'))
      .toMatch(/For “Fail closed \(no secondaries\)”: No change: this policy has no backup lists\./)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/list-correction-fail-closed.png` })
  })

  it('says the fix removes China from the misconfigured list when that policy is shown', async () => {
    const { page } = session
    const runDone = await watchNextRun(page)
    await page.getByRole('combobox', { name: 'Routing policy' }).selectOption('misconfigured-2020')
    await runDone()
    const summary = page.getByRole('region', { name: 'Key figures' }).locator('.kr-policy-summary')
    expect(await summary.textContent()).toMatch(
      /Backup-list fix at 3 Apr, 12:00 UTC: Removes the two China data centers from the backup lists/,
    )
    const marker = page
      .getByRole('region', { name: 'Timeline' })
      .getByRole('button', { name: /3 April 2020 fix/ })
    expect(await marker.getAttribute('title')).toMatch(
      /For “Misconfigured backup list \(Feb - 3 Apr 2020\)”: Removes the two China data centers/,
    )
    const { rows } = await readKeyFigures(page)
    expect(wholeRun(rows, /^Redirected joins$/)).toBeGreaterThan(0)
  })

  it('stays offline and error-free throughout', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
