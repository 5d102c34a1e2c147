import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError, parseCliArgs, parseWholeNumber } from '../../src/cli/sim-args'
import { chapterFigures, viewRunChoices, viewScenario } from '../../src/sim/briefing-figures'
import { createRun } from '../../src/sim/engine'
import { resultsJson } from '../../src/sim/exports'
import { METRICS } from '../../src/sim/metrics'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { WorkerMessage } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'
import { resolve } from '../sim/helpers'
import { expectOneLineError, sim, simWith } from './sim-spawn'

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

  it('refuses a directory, a FIFO and a device in one line without opening them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-'))
    const fifo = join(dir, 'scenario.fifo')
    execFileSync('mkfifo', [fifo])
    const cases: [string, RegExp][] = [
      [dir, /is a directory, not a scenario file/],
      [fifo, /is a named pipe \(FIFO\), not a scenario file/],
      ['/dev/null', /\/dev\/null is a character device, not a scenario file/],
      ['/dev/zero', /\/dev\/zero is a character device, not a scenario file/],
    ]
    for (const [path, pattern] of cases) {
      const { code, stderr } = sim(path)
      expect(code, path).toBe(1)
      expectOneLineError(stderr, pattern)
    }
  })

  it('reads a scenario from standard input with - and runs it like the same file', () => {
    const text = JSON.stringify(PRESETS['citizenlab-2020'])
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-'))
    const file = join(dir, 'two-days.json')
    writeFileSync(file, text)
    const piped = simWith(text, ['-', '--days', '2', '--json'])
    expect(piped.code).toBe(0)
    const fromFile = sim(file, '--days', '2', '--json')
    expect(JSON.parse(piped.stdout)).toEqual(JSON.parse(fromFile.stdout))
    const empty = simWith('', ['-'])
    expect(empty.code).toBe(1)
    expectOneLineError(empty.stderr, /standard input was empty/)
  })

  it('prints usage on --help and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = sim(flag)
      expect(code).toBe(0)
      expect(stdout).toMatch(/^usage: npm run sim -- <preset \| file \| ->/)
      expect(stdout).toMatch(/--seed N/)
    }
  })

  it('parses every numeric flag one way: decimal digits only, range named', () => {
    for (const flag of ['--seed', '--days']) {
      for (const value of ['0x10', '1e1', '-1', '1.5']) {
        const { code, stderr } = sim('citizenlab-2020', `${flag}=${value}`)
        expect(code, `${flag}=${value}`).toBe(2)
        expectOneLineError(stderr, new RegExp(`${flag} takes a whole number from \\d+ to \\d+`))
      }
    }
    expect(parseWholeNumber('--seed', '16', 0, 4294967295)).toBe(16)
    for (const value of ['+3', ' 7', '99999999999', '0'])
      expect(() => parseWholeNumber('--days', value, 1, 120)).toThrow(/--days .* from 1 to 120/)
  })

  it('sets the share of real participants with --scale: above 0, at most 1, in decimals', () => {
    expect(parseCliArgs(['citizenlab-2020', '--scale', '1'], false).scale).toBe(1)
    expect(parseCliArgs(['citizenlab-2020', '--scale', '0.0005'], false).scale).toBe(0.0005)
    expect(parseCliArgs(['citizenlab-2020', '--scale', '.25'], false).scale).toBe(0.25)
    for (const value of ['0', '1.5', '2', '-0.1', '1e-3', '0x1', '', '.'])
      expect(() => parseCliArgs(['citizenlab-2020', `--scale=${value}`], false), value).toThrow(
        /--scale takes the simulated share of real participants, a decimal above 0 and at most 1/,
      )
    const small = sim('citizenlab-2020', '--days', '1', '--scale', '0.00025', '--json')
    const base = sim('citizenlab-2020', '--days', '1', '--json')
    expect(small.code).toBe(0)
    type Figures = { hash: string; totals: { offered: number } }
    const a = JSON.parse(small.stdout) as Figures
    const b = JSON.parse(base.stdout) as Figures
    expect(a.hash).not.toBe(b.hash)
    // The preset simulates 1 in 2,000 (0.0005): half that share offers about half the joins.
    expect(a.totals.offered / b.totals.offered).toBeCloseTo(0.5, 1)
  })

  it('refuses to wait for a scenario typed at a terminal', () => {
    for (const argv of [['-'], [], ['--json']]) {
      expect(() => parseCliArgs(argv, true)).toThrow(UsageError)
      expect(() => parseCliArgs(argv, true)).toThrow(/standard input is a terminal/)
      expect(parseCliArgs(argv, false).source).toBe('-')
    }
    expect(parseCliArgs(['citizenlab-2020'], true).source).toBe('citizenlab-2020')
    expect(parseCliArgs(['--help'], true).isHelp).toBe(true)
  })

  it('says the estimate on standard error and reports progress when asked', () => {
    const { code, stdout, stderr } = sim('citizenlab-2020', '--days', '2', '--json', '--progress')
    expect(code).toBe(0)
    expect(() => JSON.parse(stdout) as unknown).not.toThrow()
    expect(stderr).toMatch(
      /^sim: estimate: [\d,.]+( million)? participant joins and [\d,.]+( million)? cells of per-step output \(48 steps × 16 sites × 29 cities\); about \d+ MB of memory; expected /m,
    )
    expect(stderr).toMatch(/sim: 100% \(48 of 48 steps\)/)
    expect(stderr).toMatch(/sim: 50% \(24 of 48 steps\)/)
  })

  it('prints every whole-run metric of the metric table in --json', () => {
    const { code, stdout } = sim('citizenlab-2020', '--days', '2', '--json')
    expect(code).toBe(0)
    const { totals } = JSON.parse(stdout) as { totals: Record<string, unknown> }
    const names = METRICS.filter((m) => m.isTotal).map((m) => m.name)
    expect(Object.keys(totals)).toEqual(names)
    for (const name of names) expect(typeof totals[name], name).toBe('number')
  })

  it('writes the step series with --csv: a row per step, a column per step metric', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyroute-')), 'steps.csv')
    const { code } = sim('citizenlab-2020', '--days', '2', '--csv', file)
    expect(code).toBe(0)
    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\r\n')
    const columns = header?.split(',') ?? []
    expect(columns[0]).toBe('step_start_utc')
    expect(columns.slice(1)).toEqual(
      METRICS.filter((m) => m.isStep).map((m) => `${m.name} (${m.unit})`),
    )
    expect(rows).toHaveLength(48)
    expect(rows[47]?.split(',')[0]).toBe('2020-03-28T23:00:00.000Z')
    const unwritable = sim('citizenlab-2020', '--days', '1', '--csv', join(file, 'nested.csv'))
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toMatch(/sim: cannot write the step series to .*nested\.csv/)
    expect(sim('citizenlab-2020', '--csv').code).toBe(2)
  })

  it('gives the same results JSON as the app for the same run', () => {
    // The app's path: the worker session's summary, as the store keeps it for the download.
    const messages: WorkerMessage[] = []
    let clock = 0
    const session = createSession(
      (m) => messages.push(m),
      () => clock++,
    )
    session.handle({ type: 'run', runId: 1, scenario: PRESETS['citizenlab-2020'], seed: 4 })
    while (session.hasWork) session.runSlice(500)
    const done = messages.at(-1)
    if (done?.type !== 'done') throw new Error(`the session ended with ${done?.type}`)
    const { code, stdout } = sim('citizenlab-2020', '--seed', '4', '--json')
    expect(code).toBe(0)
    expect(stdout).toBe(`${resultsJson(done.summary)}\n`)
  })

  it('adds the figures at a time with --at: the step holding it and the run up to its end', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyroute-')), 'steps.csv')
    const { code, stdout } = sim(
      'citizenlab-2020',
      '--days',
      '2',
      '--json',
      '--csv',
      file,
      '--at',
      '2020-03-28T14:30Z',
    )
    expect(code).toBe(0)
    const { at } = JSON.parse(stdout) as {
      at: { time: string; step: Record<string, number>; upTo: Record<string, number> }
    }
    const stepNames = METRICS.filter((m) => m.isStep).map((m) => m.name)
    expect(at.time).toBe('2020-03-28T14:30Z')
    expect(Object.keys(at.step)).toEqual(stepNames)
    expect(Object.keys(at.upTo)).toEqual(stepNames)
    // The CSV's rows are the step records: row 38 starts at 14:00 on the second day.
    const rows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(','))
    expect(rows[38]?.[0]).toBe('2020-03-28T14:00:00.000Z')
    const column = (name: string) => 1 + stepNames.indexOf(name as (typeof stepNames)[number])
    const upTo = rows.slice(0, 39)
    for (const name of ['meetings', 'redirected', 'concernExposures'])
      expect(at.upTo[name], name).toBe(upTo.reduce((a, r) => a + Number(r[column(name)]), 0))
    expect(at.step.redirected).toBe(Number(rows[38]?.[column('redirected')]))
    expect(at.upTo.activeParticipants).toBe(
      Math.max(...upTo.map((r) => Number(r[column('activeParticipants')]))),
    )
  })

  it('gives the figures a briefing chapter calls out for the same view', () => {
    const chapter = BRIEFINGS[0]?.chapters[2]
    if (!chapter?.view.time || !chapter.view.preset) throw new Error('chapter 3 has no time')
    const { code, stdout } = sim(chapter.view.preset, '--json', '--at', chapter.view.time)
    expect(code).toBe(0)
    const { at } = JSON.parse(stdout) as { at: Record<'step' | 'upTo', Record<string, number>> }
    const resolved = resolve(viewScenario(chapter.view))
    const run = createRun(resolved, viewRunChoices(chapter.view, 'primary'))
    const steps = run.advance(Number.MAX_SAFE_INTEGER)
    const figures = chapterFigures(chapter, { primary: { ...run.finish(), steps } })
    expect(figures.length).toBeGreaterThan(0)
    for (const f of figures)
      expect(f.value, f.metric).toBe(at[f.span === 'step' ? 'step' : 'upTo'][f.metric])
  })

  it('refuses an --at time not to the minute in UTC or outside the run, in one line, exit 2', () => {
    for (const value of [
      '2020-03-28T14:30',
      '2020-03-28',
      '2020-03-28T14:30:00Z',
      '2020-02-30T10:00Z',
    ]) {
      const { code, stderr } = sim('citizenlab-2020', '--json', '--at', value)
      expect(code, value).toBe(2)
      expectOneLineError(
        stderr,
        /^sim: --at takes a UTC time to the minute such as 2020-03-27T14:00Z/,
      )
    }
    for (const value of ['2020-03-26T23:59Z', '2020-04-05T00:00Z']) {
      const { code, stderr, stdout } = sim('citizenlab-2020', '--json', '--at', value)
      expect(code, value).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(
        stderr,
        /^sim: --at .* lies outside the run \(2020-03-27T00:00Z to 2020-04-05T00:00Z\)/,
      )
    }
  })
})
