import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, inject, it } from 'vitest'
import { runHash } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { Scenario } from '../../src/sim/scenario'

const run = promisify(execFile)

function parsedPreset(id: keyof typeof PRESETS): Scenario {
  const parsed = parseScenario(PRESETS[id])
  if (!parsed.ok) throw new Error(`${id} is not a valid scenario`)
  return parsed.scenario
}
/** Where the rendered files are kept, to be looked at after a run. */
const OUT_DIR = 'test-results/render'

/** Runs `npm run render` against the app the tests serve; returns its exit code and stderr. */
async function render(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'build/render.ts', ...args, '--app', inject('baseUrl')],
      { timeout: 240_000 },
    )
    return { code: 0, stderr }
  } catch (error) {
    const e = error as { code?: number; stderr?: string }
    return { code: e.code ?? -1, stderr: e.stderr ?? '' }
  }
}

const out = (name: string): string => {
  mkdirSync(OUT_DIR, { recursive: true })
  return join(OUT_DIR, name)
}

/** A PNG's size from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The text of a PNG's tEXt chunks, keyword and value. */
function pngText(bytes: Buffer): string {
  const parts: string[] = []
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(at)
    const type = bytes.subarray(at + 4, at + 8).toString('latin1')
    if (type === 'tEXt') parts.push(bytes.subarray(at + 8, at + 8 + length).toString('latin1'))
    at += 12 + length
  }
  return parts.join('\n')
}

describe('npm run render', () => {
  it('writes a slide PNG of a preset at a time, with the run in its text, as the button does', async () => {
    const file = out('citizenlab-2020-at-1500.png')
    const { code, stderr } = await render([
      'citizenlab-2020',
      '--policy',
      'misconfigured-2020',
      '--seed',
      '2020',
      '--at',
      '2020-04-02T15:00Z',
      '--out',
      file,
    ])
    expect(stderr).toContain(`wrote ${file}`)
    expect(code).toBe(0)
    const bytes = readFileSync(file)
    expect(pngSize(bytes)).toEqual({ width: 1920, height: 1080 })
    const text = pngText(bytes)
    // The same run as the engine's, as npm run sim -- citizenlab-2020 names it.
    const resolved = resolveScenario(parsedPreset('citizenlab-2020'))
    expect(text).toContain(
      `run hash ${runHash(resolved, { seed: 2020, policy: 'misconfigured-2020' })}`,
    )
    expect(text).toContain('2020')
  }, 300_000)

  it('writes a chart as standalone SVG', async () => {
    const file = out('load.svg')
    const { code } = await render(['citizenlab-2020', '--chart', 'load', '--out', file])
    expect(code).toBe(0)
    const svg = readFileSync(file, 'utf8')
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg).toContain('vs the capacity of their')
    expect(svg).not.toContain('var(')
  }, 300_000)

  it('writes clips as MP4, WebM and GIF over a range', async () => {
    const range = ['--from', '2020-04-02T12:00Z', '--to', '2020-04-02T14:00Z', '--fps', '24']
    const mp4 = out('clip.mp4')
    const webm = out('clip.webm')
    const gif = out('clip.gif')
    for (const file of [mp4, webm, gif])
      expect((await render(['citizenlab-2020', ...range, '--out', file])).code).toBe(0)
    const mp4Bytes = readFileSync(mp4)
    expect(mp4Bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    expect(mp4Bytes.includes(Buffer.from('avc1'))).toBe(true)
    expect(readFileSync(webm).readUInt32BE(0)).toBe(0x1a45dfa3)
    const gifBytes = readFileSync(gif)
    expect(gifBytes.subarray(0, 6).toString('latin1')).toBe('GIF89a')
    expect(gifBytes.readUInt16LE(6)).toBe(960)
  }, 600_000)

  it("writes a briefing chapter as a slide, from the chapter's own run", async () => {
    const file = out('chapter-6.png')
    const { code } = await render([
      '--briefing',
      'citizenlab-2020',
      '--chapter',
      '6',
      '--out',
      file,
    ])
    expect(code).toBe(0)
    const bytes = readFileSync(file)
    expect(pngSize(bytes)).toEqual({ width: 1920, height: 1080 })
    // Chapter 6 shows the counterfactual: the geofenced run.
    expect(pngText(bytes)).toMatch(/Geofenced/i)
  }, 300_000)

  it('refuses bad arguments in one line with a non-zero exit, before starting anything', async () => {
    for (const [args, message] of [
      [['citizenlab-2020', '--out', out('x.jpg')], /must end in \.png/],
      [['nowhere', '--out', out('x.png')], /neither a preset .* nor a file/],
      [['citizenlab-2020', '--at', '27/03/2020', '--out', out('x.png')], /--at takes a UTC/],
      [['citizenlab-2020', '--at', '2021-01-01T00:00Z', '--out', out('x.png')], /outside/],
    ] as const) {
      const { code, stderr } = await render(args)
      expect(code).not.toBe(0)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(message)
    }
  }, 120_000)
})
