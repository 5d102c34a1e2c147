import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScenarioSource } from '../../src/cli/scenario-source'
import { runOnThreads } from '../../src/cli/replication-pool'
import { parseCliArgs } from '../../src/cli/sim-args'
import { runHash } from '../../src/sim/engine'
import { ENGINE_VERSION } from '../../src/sim/engine-version'
import { replicationsJson } from '../../src/sim/exports'
import { METRICS } from '../../src/sim/metrics'
import {
  BANDED_METRIC_NAMES,
  INTERVAL_METHOD,
  MAX_REPLICATIONS,
  MIN_REPLICATIONS,
  REPLICATED_METRIC_NAMES,
  combineReplications,
  replicationSeeds,
} from '../../src/sim/replications'
import { runReplication } from '../../src/sim/replication-run'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import { MINIMAL_SCENARIO } from '../sim/helpers'
import { expectOneLineError, sim } from './sim-spawn'

/** The replications of the first day of citizenlab-2020 from base seed 7, run in this process. */
async function inProcess(count: number, policy?: 'geofenced') {
  const parsed = await loadScenarioSource('citizenlab-2020', { days: 1 })
  if (!parsed.ok) throw new Error('citizenlab-2020 does not parse')
  const resolved = resolveScenario(parsed.scenario)
  const summaries = replicationSeeds(7, count).map((seed, index) =>
    runReplication(resolved, {
      index,
      seed,
      holdPolicy: policy !== undefined,
      ...(policy === undefined ? {} : { policy }),
    }),
  )
  return { resolved, set: combineReplications(summaries) }
}

describe('sim --replications', () => {
  const args = ['citizenlab-2020', '--days', '1', '--seed', '7', '--replications', '4']

  it('prints the same JSON bytes with 1 and 2 worker threads, equal to the replications run in-process', async () => {
    const one = sim(...args, '--workers', '1', '--json')
    const two = sim(...args, '--workers', '2', '--json')
    expect(one.code).toBe(0)
    expect(two.code).toBe(0)
    expect(two.stdout).toBe(one.stdout)
    expect(one.stderr).toMatch(/^sim: 4 of 4 replications done$/m)
    const { resolved, set } = await inProcess(4)
    const identity = {
      scenarioId: 'citizenlab-2020',
      engineVersion: ENGINE_VERSION,
      baseSeed: 7,
      policy: resolved.initialPolicy,
    }
    expect(one.stdout).toBe(`${replicationsJson(identity, set)}\n`)
    const out = JSON.parse(one.stdout) as {
      baseSeed: number
      replicationCount: number
      method: string
      metrics: Record<string, { mean: number; lower: number; upper: number; sd: number }>
      replications: { index: number; seed: number; hash: string; figures: object }[]
    }
    expect(out.replicationCount).toBe(4)
    expect(out.method).toBe(INTERVAL_METHOD)
    expect(Object.keys(out.metrics)).toEqual(REPLICATED_METRIC_NAMES)
    for (const name of REPLICATED_METRIC_NAMES) {
      const { mean, lower, upper } = out.metrics[name] ?? { mean: NaN, lower: NaN, upper: NaN }
      expect(lower <= mean && mean <= upper, name).toBe(true)
    }
    // Replication 1 is the single run at the base seed: same seed, same hash.
    expect(out.replications[0]?.seed).toBe(7)
    expect(out.replications[0]?.hash).toBe(runHash(resolved, { seed: 7, holdPolicy: false }))
    expect(out.replications.map((r) => r.index)).toEqual([0, 1, 2, 3])
  })

  it('applies --policy and --hold-policy to every replication', async () => {
    const { code, stdout } = sim(...args, '--policy', 'geofenced', '--hold-policy', '--json')
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as { policy: string; replications: { hash: string }[] }
    expect(out.policy).toBe('geofenced')
    const { set } = await inProcess(4, 'geofenced')
    expect(out.replications.map((r) => r.hash)).toEqual(set.replications.map((r) => r.hash))
  })

  it('prints each figure as mean and interval with the method, and every seed with its hash', () => {
    const { code, stdout } = sim(...args, '--workers', '2')
    expect(code).toBe(0)
    expect(stdout).toContain(INTERVAL_METHOD)
    for (const m of METRICS.filter((m) => REPLICATED_METRIC_NAMES.some((n) => n === m.name)))
      expect(stdout).toMatch(new RegExp(`^${m.label} +[\\d.]+ \\[[\\d.-]+, [\\d.-]+\\] `, 'm'))
    for (const seed of replicationSeeds(7, 4))
      expect(stdout).toMatch(new RegExp(`seed ${seed} +hash [0-9a-f]{16}$`, 'm'))
  })

  it('writes the bands with --csv: step start, then mean, lower and upper of each banded metric', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyroute-')), 'bands.csv')
    const { code } = sim(...args, '--csv', file)
    expect(code).toBe(0)
    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\r\n')
    const unitOf = (name: string) => METRICS.find((m) => m.name === name)?.unit ?? ''
    expect(header?.split(',')).toEqual([
      'step_start_utc',
      ...BANDED_METRIC_NAMES.flatMap((name) =>
        ['mean', 'lower', 'upper'].map((s) => `${name}_${s} (${unitOf(name)})`),
      ),
    ])
    expect(rows).toHaveLength(24)
    expect(rows[23]?.split(',')[0]).toBe('2020-03-27T23:00:00.000Z')
  })

  it('refuses bad replication arguments in one line with exit code 2, before running', () => {
    const spawned: [string[], RegExp][] = [
      [['--workers', '2'], /^sim: --workers sets the threads of --replications/],
      [['--replications', '4', '--at', '2020-03-27T10:00Z'], /^sim: --at .* does not combine/],
      [['--replications', '1'], /^sim: --replications takes a whole number from 2 to 1000/],
    ]
    for (const [extra, pattern] of spawned) {
      const { code, stdout, stderr } = sim('citizenlab-2020', ...extra)
      expect(code, extra.join(' ')).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, pattern)
    }
    const parsed: [string[], RegExp][] = [
      [['--replications', String(MIN_REPLICATIONS - 1)], /--replications takes a whole number/],
      [['--replications', String(MAX_REPLICATIONS + 1)], /--replications takes a whole number/],
      [['--replications', '4', '--workers', '0'], /--workers takes a whole number from 1 to 64/],
      [['--replications', '4', '--workers', '65'], /--workers takes a whole number from 1 to 64/],
    ]
    for (const [extra, pattern] of parsed)
      expect(() => parseCliArgs(['citizenlab-2020', ...extra], false)).toThrow(pattern)
    const options = parseCliArgs(['x', '--replications', '20', '--workers', '3'], false)
    expect([options.replications, options.workers]).toEqual([20, 3])
  })

  it('runs jobs of several scenarios on the same threads, each on its own scenario', async () => {
    const scenarios = [1, 2].map((days) => {
      const parsed = parseScenario({ ...MINIMAL_SCENARIO, days, population: { countries: ['US'] } })
      if (!parsed.ok) throw new Error('the minimal scenario does not parse')
      return parsed.scenario
    })
    // Alternating scenarios, so each thread is sent a scenario other than its last one.
    const jobs = replicationSeeds(3, 6).map((seed, index) => ({
      scenario: scenarios[index % 2] ?? scenarios[0]!,
      task: { index, seed },
    }))
    const done: number[] = []
    const summaries = await runOnThreads(jobs, 2, (_summary, count) => done.push(count))
    expect(done).toEqual([1, 2, 3, 4, 5, 6])
    expect(summaries.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5])
    for (const [i, { scenario, task }] of jobs.entries())
      expect(summaries[i]?.hash, `job ${i}`).toBe(
        runReplication(resolveScenario(scenario), task).hash,
      )
  })
})
