import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sim(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('sim command', () => {
  it('prints one JSON object with totals, exposures by jurisdiction, site peaks and the hash', () => {
    const { code, stdout } = sim('citizenlab-2020', '--days', '3', '--seed', '4', '--json')
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['totals', 'exposuresByJurisdiction', 'sitePeakUtilisation', 'hash']),
    )
    expect(out.seed).toBe(4)
    expect(out.hash).toMatch(/^[0-9a-f]{16}$/)
    // Same arguments, same bytes.
    expect(sim('citizenlab-2020', '--days', '3', '--seed', '4', '--json').stdout).toBe(stdout)
  })

  it('prints a readable summary naming the policy and the exposures', () => {
    const { code, stdout } = sim('citizenlab-2020', '--days', '2', '--policy', 'geofenced')
    expect(code).toBe(0)
    expect(stdout).toMatch(/policy geofenced/)
    expect(stdout).toMatch(/exposures by participant jurisdiction/)
  })

  it('holds the policy for the whole run with --hold-policy', () => {
    type Summary = { totals: { concernExposures: number }; hash: string }
    const held = JSON.parse(
      sim('citizenlab-2020', '--policy', 'government', '--hold-policy', '--json').stdout,
    ) as Summary
    const plain = JSON.parse(
      sim('citizenlab-2020', '--policy', 'government', '--json').stdout,
    ) as Summary
    // Held, the carve-out keeps China on its lists after the 3 April list correction too.
    expect(held.totals.concernExposures).toBeGreaterThan(plain.totals.concernExposures)
    expect(held.hash).not.toBe(plain.hash)
  })

  it('fails with a clear message and a non-zero code on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-'))
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"id": "x", "days": 3,,}')
    const bad = sim(broken)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/not valid JSON \(line 1, column 23\)/)
    const unknown = sim('no-such-preset')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/neither a preset/)
    const badSeed = sim('citizenlab-2020', '--seed', 'abc')
    expect(badSeed.code).toBe(2)
    expect(badSeed.stderr).toMatch(/--seed takes a whole number/)
  })
})
