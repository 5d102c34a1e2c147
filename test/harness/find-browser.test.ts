import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findBrowserIn } from '../../build/find-browser'

describe('findBrowserIn', () => {
  let root: string
  const executable = (dir: string, name: string): string => {
    mkdirSync(dir, { recursive: true })
    const path = join(dir, name)
    writeFileSync(path, '#!/bin/sh\n')
    chmodSync(path, 0o755)
    return path
  }
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'keyroute-find-browser-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('takes CHROMIUM_PATH first, even when a browser is on the PATH', () => {
    const chosen = executable(join(root, 'custom'), 'my-chrome')
    executable(join(root, 'bin'), 'chromium')
    expect(
      findBrowserIn({ CHROMIUM_PATH: chosen, PATH: join(root, 'bin'), platform: 'linux' }),
    ).toBe(chosen)
  })

  it('finds nothing when CHROMIUM_PATH names a file that cannot run', () => {
    const notExecutable = join(root, 'chrome.txt')
    writeFileSync(notExecutable, '')
    executable(join(root, 'bin'), 'chromium')
    expect(
      findBrowserIn({ CHROMIUM_PATH: notExecutable, PATH: join(root, 'bin'), platform: 'linux' }),
    ).toBeUndefined()
  })

  it('prefers chromium to google-chrome on the PATH, in PATH order within a name', () => {
    const chrome = executable(join(root, 'a'), 'google-chrome')
    const chromium = executable(join(root, 'b'), 'chromium')
    const path = [join(root, 'a'), join(root, 'b')].join(':')
    expect(findBrowserIn({ PATH: path, platform: 'linux' })).toBe(chromium)
    expect(findBrowserIn({ PATH: join(root, 'a'), platform: 'linux' })).toBe(chrome)
  })

  it('skips a directory named like a browser', () => {
    mkdirSync(join(root, 'bin', 'chromium'), { recursive: true })
    const edge = executable(join(root, 'bin'), 'microsoft-edge')
    expect(findBrowserIn({ PATH: join(root, 'bin'), platform: 'linux' })).toBe(edge)
  })

  it('falls back to a playwright-downloaded browser, and to nothing', () => {
    const downloaded = executable(join(root, 'ms-playwright'), 'chrome')
    expect(findBrowserIn({ PATH: '', platform: 'none', playwrightPath: downloaded })).toBe(
      downloaded,
    )
    expect(
      findBrowserIn({ PATH: '', platform: 'none', playwrightPath: join(root, 'missing') }),
    ).toBeUndefined()
  })
})
