import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/cli/sim-args'
import { parseSweepArgs } from '../../src/cli/sweep-args'
import { REPLICATED_METRIC_NAMES } from '../../src/sim/replications'

const EXAMPLE = 'deploy/sweep-example.json'

function sweep(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function usageProblem(...argv: string[]): string {
  try {
    parseSweepArgs(argv, false)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message
  }
  return 'no error'
}

describe('sweep arguments', () => {
  it('reads the parameters, policies, replications, seed, workers, shard and outputs', () => {
    const options = parseSweepArgs(
      [
        'citizenlab-2020',
        '--param',
        'surgeMultiplier=0.5:1:0.25',
        '--param',
        'primaryAttempts=1:3:1',
        '--policies',
        'all',
        '--replications',
        '5',
        '--seed',
        '9',
        '--workers',
        '2',
        '--shard',
        '2/3',
        '--csv',
        'out.csv',
      ],
      true,
    )
    expect(options).toEqual({
      command: 'run',
      source: 'citizenlab-2020',
      axes: [
        { parameter: 'surgeMultiplier', values: [0.5, 0.75, 1] },
        { parameter: 'primaryAttempts', values: [1, 2, 3] },
      ],
      policies: 'all',
      replications: 5,
      seed: 9,
      workers: 2,
      shard: { index: 2, count: 3 },
      csvPath: 'out.csv',
      isJson: false,
    })
    expect(parseSweepArgs(['merge', 'a.csv', 'b.csv', '--csv', 'all.csv'], true)).toEqual({
      command: 'merge',
      files: ['a.csv', 'b.csv'],
      csvPath: 'all.csv',
    })
  })

  it('refuses in one line, naming it, a bad parameter, range, shard, count or missing output', () => {
    const run = ['x.json', '--json', '--param']
    expect(usageProblem(...run, 'speed=1:2:1')).toMatch(/^unknown parameter "speed"/)
    expect(usageProblem(...run, 'surgeMultiplier=2:1:0.5')).toMatch(/range 2:1:0.5 has no points/)
    expect(usageProblem(...run, 'secondaryPicks=1:12:1')).toMatch(/secondaryPicks=11 is outside/)
    expect(usageProblem(...run, 'surgeMultiplier=1', '--shard', '3/2')).toMatch(
      /--shard takes i\/n/,
    )
    expect(usageProblem(...run, 'surgeMultiplier=1', '--replications', '1')).toMatch(
      /--replications takes a whole number from 2/,
    )
    expect(usageProblem('x.json', '--param', 'surgeMultiplier=1')).toMatch(/--csv FILE or --json/)
    expect(usageProblem('x.json', '--json')).toMatch(/needs --param/)
    expect(usageProblem('merge', 'a.csv')).toMatch(/merge needs --csv OUT/)
  })
})

describe('sweep command', () => {
  it('refuses a grid over the limit and an invalid point with exit 2 and one line, before any run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-sweep-'))
    const out = join(dir, 'never.csv')
    const big = sweep(
      EXAMPLE,
      '--param',
      'surgeMultiplier=1:60:1',
      '--param',
      'capacityMultiplier=1:60:1',
      '--csv',
      out,
    )
    expect(big.code).toBe(2)
    expect(big.stderr.trim()).toMatch(
      /^sweep: the grid has 3600 points; the limit is 2500 grid points/,
    )
    expect(big.stderr.trim().split('\n')).toHaveLength(1)
    const mix = sweep(EXAMPLE, '--param', 'accountMix=0.5:1:0.5', '--csv', out)
    expect(mix.code).toBe(2)
    expect(mix.stderr.trim()).toMatch(
      /^sweep: at accountMix=1 the scenario is invalid: accounts.free/,
    )
    expect(existsSync(out)).toBe(false)
  })

  it('writes one row per point and policy, the JSON agreeing with the CSV, and states the threshold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-sweep-'))
    const csv = join(dir, 'sweep.csv')
    const args = [
      EXAMPLE,
      '--param',
      'surgeMultiplier=0.5:1:0.5',
      '--policies',
      'misconfigured-2020,geofenced',
      '--replications',
      '2',
      '--workers',
      '2',
    ]
    const { code, stdout, stderr } = sweep(...args, '--csv', csv, '--json')
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as {
      rows: {
        row: number
        policy: string
        values: { surgeMultiplier: number }
        figures: Record<string, { mean: number }>
      }[]
      thresholds: { policy: string; text: string }[]
    }
    expect(json.rows.map((r) => [r.row, r.values.surgeMultiplier, r.policy])).toEqual([
      [1, 0.5, 'misconfigured-2020'],
      [2, 0.5, 'geofenced'],
      [3, 1, 'misconfigured-2020'],
      [4, 1, 'geofenced'],
    ])
    expect(json.thresholds.map((t) => t.policy)).toEqual(['misconfigured-2020', 'geofenced'])
    for (const t of json.thresholds) expect(stderr).toContain(`sweep: ${t.text}`)
    expect(stderr).toMatch(/2 grid points x 2 policies = 4 rows; 8 runs/)
    const lines = readFileSync(csv, 'utf8').split('\r\n')
    expect(lines).toHaveLength(6)
    const cells = lines[3]?.split(',') ?? []
    expect(cells.slice(0, 5)).toEqual(['3', '4', cells[2], '1', 'misconfigured-2020'])
    const concern = 5 + 3 * REPLICATED_METRIC_NAMES.indexOf('concernExposures')
    expect(Number(cells[concern])).toBe(json.rows[2]?.figures.concernExposures?.mean)
  })

  it('refuses to merge overlapping shard files, naming them, with exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-sweep-'))
    const header = 'row,rows,sweep,surgeMultiplier (times demand),policy\r\n'
    writeFileSync(join(dir, 'a.csv'), `${header}1,2,0123456789abcdef,1,geofenced\r\n`)
    writeFileSync(join(dir, 'b.csv'), `${header}1,2,0123456789abcdef,1,geofenced\r\n`)
    const merged = join(dir, 'all.csv')
    const { code, stderr } = sweep('merge', join(dir, 'a.csv'), join(dir, 'b.csv'), '--csv', merged)
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      `sweep: merge refused: ${join(dir, 'b.csv')} and ${join(dir, 'a.csv')} both hold row 1`,
    )
    expect(existsSync(merged)).toBe(false)
  })
})
