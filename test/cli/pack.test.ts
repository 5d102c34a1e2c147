import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BRIEFING_BLOCK_ID, jsonForDataBlock, withBriefingBlock } from '../../src/sim/offline-page'

const ROOM_FILE = 'test/fixtures/briefing-room.json'

/** Runs the pack command with `args`; a bad command line fails before anything is built. */
function pack(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/pack.ts', ...args], {
    encoding: 'utf8',
    // Only a good command line builds the app (a few seconds, more on a busy machine).
    timeout: 120_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('npm run pack: the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyroute-pack-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints its usage and exits 0 on --help', () => {
    const { code, stdout, stderr } = pack('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^usage: npm run pack -- \[--briefing FILE\] --out FILE\.html/)
    expect(stderr).toBe('')
  })

  it.each([
    [[], /--out FILE\.html is required/],
    [['--out'], /--out/],
    [['--out', 'a.html', 'extra'], /positional|extra/i],
    [['--bogus'], /--bogus/],
    [['--out', '.'], /names a folder/],
    [['--briefing', '', '--out', 'a.html'], /--briefing needs a file name/],
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

  it.each([
    ['a file that is not there', 'missing.json', ['  (file): no such file']],
    ['a file that is not JSON', 'broken.json', [expect.stringMatching(/^ {2}\S.*: /)]],
    [
      'a briefing with two errors',
      'two-errors.json',
      [expect.stringMatching(/^ {2}id: /), expect.stringMatching(/^ {2}chapters\[0\]\.title: /)],
    ],
  ])(
    'refuses %s: every error with its path in one message, exit 1, nothing written',
    (_, name, lines) => {
      const room = JSON.parse(readFileSync(ROOM_FILE, 'utf8')) as { chapters: object[] }
      writeFileSync(join(dir, 'broken.json'), '{"id": "x",')
      writeFileSync(
        join(dir, 'two-errors.json'),
        JSON.stringify({
          ...room,
          id: 'Not An Id',
          chapters: [{ ...room.chapters[0], title: '' }],
        }),
      )
      const out = join(dir, 'refused', 'pack.html')
      const { code, stdout, stderr } = pack('--briefing', join(dir, name), '--out', out)
      expect(code).toBe(1)
      expect(stdout).toBe('')
      const [head, ...rest] = stderr.trimEnd().split('\n')
      expect(head).toBe(`pack: ${join(dir, name)} is not a valid briefing:`)
      expect(rest).toEqual(lines)
      expect(existsSync(join(dir, 'refused'))).toBe(false)
    },
  )

  it('writes only the one file, into a folder it creates, carrying the briefing file as data', () => {
    const out = join(dir, 'new', 'folder', 'room.html')
    const { code, stdout, stderr } = pack('--briefing', ROOM_FILE, '--out', out)
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toMatch(/^pack: wrote .*room\.html \(\d+ kB\)\n$/)
    expect(readdirSync(join(dir, 'new'), { recursive: true })).toEqual([
      'folder',
      'folder/room.html',
    ])
    const html = readFileSync(out, 'utf8')
    const room: unknown = JSON.parse(readFileSync(ROOM_FILE, 'utf8'))
    expect(html).toContain(
      `<script type="application/json" id="${BRIEFING_BLOCK_ID}">${jsonForDataBlock(room)}</script>`,
    )
    // The caption's </script> is written \u003c/script>: the page's only </script> are its own.
    expect(html.match(/<\/script>/g)).toHaveLength(3)
    // Emptied, the block gives a page with no briefing; filled again, the same file.
    expect(withBriefingBlock(withBriefingBlock(html, null), room)).toBe(html)
  })
})
