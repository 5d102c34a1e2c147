// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OBJECT_URL_LIFETIME_MS, downloadText } from '../../../src/ui/panels/export'

describe('downloadText', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('keeps the object URL until the browser has had time to fetch it, then revokes it', () => {
    vi.useFakeTimers()
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:results')
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: Array<{ href: string; download: string }> = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download })
    })
    downloadText('results.json', '{}', 'application/json')
    expect(created).toHaveBeenCalledTimes(1)
    expect(clicked).toEqual([{ href: 'blob:results', download: 'results.json' }])
    // A zero-delay revoke cancelled downloads the browser had not fetched yet.
    vi.advanceTimersByTime(1_000)
    expect(revoked).not.toHaveBeenCalled()
    vi.advanceTimersByTime(OBJECT_URL_LIFETIME_MS)
    expect(revoked).toHaveBeenCalledWith('blob:results')
  })
})
