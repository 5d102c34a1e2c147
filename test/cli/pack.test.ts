import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/** Runs the pack command with `args`; a bad command line fails before anything is built. */
function pack(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/pack.ts', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('npm run pack: the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyroute-pack-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints its usage and exits 0 on --help', () => {
    const { code, stdout, stderr } = pack('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^usage: npm run pack -- --out FILE\.html/)
    expect(stderr).toBe('')
  })

  it.each([
    [[], /--out FILE\.html is required/],
    [['--out'], /--out/],
    [['--out', 'a.html', 'extra'], /positional|extra/i],
    [['--bogus'], /--bogus/],
    [['--out', '.'], /names a folder/],
  ])('refuses %j in one line with exit 2', (args, pattern) => {
    const { code, stdout, stderr } = pack(...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^pack: /)
    expect(lines[0]).toMatch(pattern)
  })

  it('refuses an --out that is an existing folder, leaving it as it was', () => {
    const folder = join(dir, 'existing')
    mkdirSync(folder)
    const { code, stderr } = pack('--out', folder)
    expect(code).toBe(2)
    expect(stderr).toMatch(/names a folder/)
    expect(readdirSync(folder)).toEqual([])
  })
})
