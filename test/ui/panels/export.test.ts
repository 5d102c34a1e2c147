import { describe, expect, it } from 'vitest'
import { csvCell, incidentsCsv } from '../../../src/ui/panels/export'
import { realRun } from '../../store/run-fixture'

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

describe('export', () => {
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
})
