import { describe, expect, it } from 'vitest'
import { createRun } from '../../src/sim/engine'
import {
  STEP_START_COLUMN,
  csvCell,
  csvText,
  incidentsCsv,
  resultsJson,
  scenarioJson,
  stepColumnName,
  stepSeriesCsv,
} from '../../src/sim/exports'
import { METRICS } from '../../src/sim/metrics'
import { PRESETS } from '../../src/sim/presets/scenarios'
import type { PresetId } from '../../src/sim/presets/scenarios'
import { parseScenarioText } from '../../src/sim/scenario'
import { resolve } from './helpers'

/** A finished run of a preset as the app holds it: the summary, the resolved world, the steps. */
function runOf(presetId: PresetId) {
  const resolved = resolve(PRESETS[presetId])
  const run = createRun(resolved)
  const steps = run.advance(Number.MAX_SAFE_INTEGER)
  const { stepFlows: _stepFlows, ...summary } = run.finish()
  return { summary, world: resolved.world, steps }
}

let cached: ReturnType<typeof runOf> | undefined
/** The 2020 preset's run, computed once for the file. */
function realRun(presetId: 'citizenlab-2020') {
  cached ??= runOf(presetId)
  return cached
}

/** Splits RFC 4180 CSV into rows of cells (quotes, doubled quotes and commas inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

describe('exports', () => {
  it('writes one CSV row per logged exposure with its time, sites and cause', () => {
    const run = realRun('citizenlab-2020')
    if (!run.summary || !run.world) throw new Error('fixture run did not finish')
    const rows = parseCsv(incidentsCsv(run.summary, run.world))
    const [header, ...body] = rows
    expect(header?.[0]).toBe('seq')
    expect(body).toHaveLength(run.summary.incidents.length)
    const first = run.summary.incidents[0]
    const col = (name: string) => header?.indexOf(name) ?? -1
    expect(body[0]?.[col('cause')]).toBe(first?.cause)
    expect(body[0]?.[col('key_site')]).toBe(first?.keySiteId)
    expect(body[0]?.[col('time_utc')]).toMatch(/^2020-0[34]-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(body.every((r) => r.length === header?.length)).toBe(true)
  })

  it('escapes cells a spreadsheet would run as a formula, quoting them as RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvCell('+1')).toBe('"\'+1"')
    expect(csvCell('-2+3')).toBe('"\'-2+3"')
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"')
    expect(csvCell('\tcmd')).toBe('"\'\tcmd"')
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"')
    expect(csvCell('＝1+1')).toBe('"\'＝1+1"')
    // Ordinary text and numbers we computed are left as they are.
    expect(csvCell('Toronto')).toBe('Toronto')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(false)).toBe('false')
  })

  it('writes an imported name that starts a formula as text', () => {
    const run = realRun('citizenlab-2020')
    if (!run.summary || !run.world) throw new Error('fixture run did not finish')
    const first = run.summary.incidents[0]
    if (!first) throw new Error('fixture run logged no incident')
    const world = {
      ...run.world,
      cities: run.world.cities.map((c) =>
        c.id === first.participantCityId ? { ...c, name: "=cmd|' /C calc'!A0" } : c,
      ),
    }
    const [header, row] = parseCsv(incidentsCsv(run.summary, world))
    const col = header?.indexOf('participant_city') ?? -1
    expect(row?.[col]).toBe("'=cmd|' /C calc'!A0")
  })

  it('writes the step series from the metric table: a time column, then a column per step metric with its unit', () => {
    const { summary, steps } = realRun('citizenlab-2020')
    const rows = parseCsv(stepSeriesCsv(summary.startDate, steps))
    const [header, ...body] = rows
    const stepMetrics = METRICS.filter((m) => m.isStep)
    expect(header).toEqual([STEP_START_COLUMN, ...stepMetrics.map((m) => `${m.name} (${m.unit})`)])
    // Whole-run-only metrics have no per-step value, so no column.
    for (const m of METRICS.filter((m) => !m.isStep))
      expect(header?.some((h) => h.startsWith(`${m.name} `))).toBe(false)
    expect(body).toHaveLength(steps.length)
    expect(body[0]?.[0]).toBe('2020-03-27T00:00:00.000Z')
    expect(body[1]?.[0]).toBe('2020-03-27T01:00:00.000Z')
    for (const [i, step] of steps.entries())
      expect(body[i]?.slice(1).map(Number)).toEqual(stepMetrics.map((m) => step[m.name]))
  })

  it('names a step column by metric and unit', () => {
    expect(stepColumnName('meanAddedRttMs', 'ms')).toBe('meanAddedRttMs (ms)')
  })

  it('ends every CSV line, the last too, with CRLF and guards header and cells alike', () => {
    expect(csvText(['a', '=b'], [[1, 'x,y']])).toBe('a,"\'=b"\r\n1,"x,y"\r\n')
  })

  it('writes the results JSON with every whole-run metric of the table, in table order', () => {
    const { summary } = realRun('citizenlab-2020')
    const out = JSON.parse(resultsJson(summary)) as { totals: Record<string, number> }
    expect(Object.keys(out.totals)).toEqual(METRICS.filter((m) => m.isTotal).map((m) => m.name))
    expect(out.totals).toEqual(summary.totals)
  })

  it('writes a scenario that reads back as the same scenario', () => {
    const text = scenarioJson(PRESETS['citizenlab-2020'])
    const parsed = parseScenarioText(text)
    expect(parsed.ok).toBe(true)
    expect(JSON.parse(text)).toEqual(PRESETS['citizenlab-2020'])
  })
})
