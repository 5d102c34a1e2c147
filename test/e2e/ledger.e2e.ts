import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, dashboardSession } from './browser'

describe('the meeting ledger in the built app', () => {
  const session = dashboardSession()

  it('finds an exposed US-Canada meeting by search, names the Beijing key site and why, and draws the call', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Selection' }).click()
    const ledger = page.getByRole('region', { name: 'Meeting ledger' })
    await ledger.getByLabel('Participants’ countries (e.g. US+CA)').fill('US+CA')
    await ledger.getByLabel('exactly these countries').check()
    await ledger.getByLabel('only keys from a jurisdiction of concern').check()
    await ledger.getByRole('button', { name: 'Find meetings' }).click()
    await expect
      .poll(() => ledger.getByRole('status').first().textContent())
      .toMatch(/logged meetings whose connected participants are in exactly CA and US/)
    const found = ledger.getByRole('list', { name: 'Meetings found' })
    const pick = found.getByRole('button', { name: /Beijing \(CN\)/ }).first()
    // Keyboard reachable: the meeting opens from the keyboard, and focus moves to its ledger.
    await pick.focus()
    await page.keyboard.press('Enter')
    const heading = ledger.getByRole('heading', { level: 3, name: /^Meeting \d+:/ })
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true)

    const table = ledger.getByRole('table', { name: /^Ledger of meeting \d+/ })
    // The meeting's participants may be keyed from either China site: read a Beijing one.
    const exposed = table.locator('tr.kr-ledger-exposed', { hasText: 'Beijing (CN)' }).first()
    const row = (await exposed.textContent()) ?? ''
    expect(row).toContain('Beijing (CN)')
    expect(row).toMatch(/Jurisdiction of concern: the key came from CN/)
    expect(row).toMatch(/secondary/)
    const text = (await ledger.textContent()) ?? ''
    expect(text).toMatch(/whole meeting’s key was exposed/)
    expect(text).toMatch(/Canada \(CA\)/)
    expect(text).toMatch(/United States/)

    // The map draws the call: links and key paths in the call pane, the exposure in its colour.
    const call = page.locator('.leaflet-kr-call-pane')
    await expect.poll(() => call.locator('path').count()).toBeGreaterThanOrEqual(3)
    const strokes = await call
      .locator('path')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke') ?? ''))
    const exposedColour = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--kr-exposed').trim(),
    )
    expect(strokes.map((s) => s.toLowerCase())).toContain(exposedColour.toLowerCase())
    expect(await page.locator('.kr-call-label').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/\S/)]),
    )
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ledger-call.png` })
  })
})
