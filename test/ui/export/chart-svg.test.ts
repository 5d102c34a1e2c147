// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import {
  EXPORT_FONT,
  EXPORT_WIDTH_PX,
  composeChartSvg,
  escapeXml,
  inlineChartSvg,
  resolveVars,
  wrapText,
} from '../../../src/ui/export/chart-svg'
import type { ChartFrame, StyleOf } from '../../../src/ui/export/chart-svg'
import { runSourceLine, sourceLines } from '../../../src/ui/export/chart-source'
import { SIMULATION_MARK } from '../../../src/ui/export/scene-text'

const THEME: Readonly<Record<string, string>> = {
  '--kr-fg': '#14202b',
  '--kr-muted': '#4f5f6e',
  '--kr-c-blue': '#0072b2',
}
const lookup = (name: string): string => THEME[name] ?? ''

const FRAME: ChartFrame = {
  title: 'Joins per step: offered, carried & blocked',
  axes: { x: 'Time (UTC)', y: 'Joins per step (60 min)', yRight: 'Blocked joins per step' },
  legend: [
    { name: 'Participant joins', color: 'var(--kr-c-blue)', mark: 'line' },
    { name: 'Capacity <assumed>', color: 'var(--kr-fg)', dash: '6 3', mark: 'line' },
    { name: 'Key from CN', color: '#b34700', mark: 'box' },
  ],
  source: ['Simulation – not observed traffic: simulated (keyroute).'],
}

const CHART = {
  body: '<path d="M0 0L10 10" stroke="var(--kr-c-blue)"/>',
  width: 360,
  height: 150,
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  expect(doc.querySelector('parsererror')).toBeNull()
  return doc
}

describe('resolveVars', () => {
  it('replaces custom properties by their values, uses a fallback for an unknown one, and resolves nested ones', () => {
    expect(resolveVars('stroke:var(--kr-c-blue);fill: var( --kr-fg )', lookup)).toBe(
      'stroke:#0072b2;fill: #14202b',
    )
    expect(resolveVars('var(--unknown, #abc)', lookup)).toBe('#abc')
    expect(resolveVars('var(--unknown, var(--kr-muted))', lookup)).toBe('#4f5f6e')
  })
})

describe('wrapText', () => {
  it('breaks at spaces so each line fits, keeping every word in order', () => {
    const text = 'Exposures by participant jurisdiction → key jurisdiction, through 27 Mar'
    const lines = wrapText(text, 200, 14)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join(' ')).toBe(text)
    for (const line of lines.slice(0, -1)) expect(line.length * 14 * 0.52).toBeLessThanOrEqual(200)
  })

  it('gives a word too long for the width a line of its own', () => {
    expect(wrapText('a verylongwordindeed b', 40, 10)).toEqual(['a', 'verylongwordindeed', 'b'])
  })
})

describe('composeChartSvg', () => {
  const { svg, width, height } = composeChartSvg(
    CHART,
    FRAME,
    { background: '#ffffff', fg: '#14202b', muted: '#4f5f6e' },
    lookup,
  )
  const doc = parse(svg)
  const root = doc.documentElement
  const texts = [...root.querySelectorAll('text')].map((t) => t.textContent)

  it('is a standalone SVG with its size, view box, generic fonts and a background', () => {
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg')
    expect(width).toBe(EXPORT_WIDTH_PX)
    expect(root.getAttribute('width')).toBe(String(width))
    expect(root.getAttribute('height')).toBe(String(height))
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`)
    expect(root.getAttribute('font-family')).toBe(EXPORT_FONT)
    expect(root.querySelector(':scope > rect')?.getAttribute('fill')).toBe('#ffffff')
    expect(svg).not.toMatch(/var\(|class=|<style|<link|foreignObject/)
  })

  it('carries the title, both axis labels, the legend and the source line as text', () => {
    expect(root.querySelector(':scope > title')?.textContent).toBe(FRAME.title)
    expect(texts).toContain(FRAME.title)
    expect(texts).toEqual(
      expect.arrayContaining([
        'Time (UTC)',
        'Joins per step (60 min)',
        'Blocked joins per step',
        'Participant joins',
        'Capacity <assumed>',
        'Key from CN',
        FRAME.source[0],
      ]),
    )
  })

  it('draws each legend entry in its resolved colour, lines with their dashes and bars as boxes', () => {
    const lines = [...root.querySelectorAll(':scope > line')]
    expect(lines.map((l) => l.getAttribute('stroke'))).toEqual(['#0072b2', '#14202b'])
    expect(lines[1]?.getAttribute('stroke-dasharray')).toBe('6 3')
    const boxes = [...root.querySelectorAll(':scope > rect')].slice(1)
    expect(boxes.map((b) => b.getAttribute('fill'))).toEqual(['#b34700'])
  })

  it('scales the chart into the frame and resolves the colours inside it', () => {
    const chart = root.querySelector(':scope > svg')!
    expect(chart.getAttribute('viewBox')).toBe('0 0 360 150')
    const chartWidth = Number(chart.getAttribute('width'))
    expect(Number(chart.getAttribute('height'))).toBeCloseTo((150 * chartWidth) / 360, 1)
    expect(chart.querySelector('path')?.getAttribute('stroke')).toBe('#0072b2')
    expect(Number(chart.getAttribute('y')) + Number(chart.getAttribute('height'))).toBeLessThan(
      height,
    )
  })

  it('escapes markup in names', () => {
    expect(svg).toContain('Capacity &lt;assumed&gt;')
    expect(escapeXml('"a" & <b>')).toBe('&quot;a&quot; &amp; &lt;b&gt;')
  })
})

describe('inlineChartSvg', () => {
  it("writes each element's computed drawing properties onto it and drops classes, styles and the pointer's marks", () => {
    document.body.innerHTML =
      '<svg class="recharts-surface" width="300" height="120" tabindex="0" role="application">' +
      '<g class="recharts-cartesian-grid"><line class="grid" x1="0" y1="0" x2="300" y2="0" style="stroke: red"/></g>' +
      '<path class="recharts-tooltip-cursor" d="M0 0"/>' +
      '<g class="recharts-active-dot"><circle r="3"/></g>' +
      '<text class="tick" x="4" y="10">27 Mar</text>' +
      '<g class="hidden"><rect width="1" height="1"/></g>' +
      '</svg>'
    const svg = document.querySelector('svg')!
    const styleOf: StyleOf = (el) => ({
      getPropertyValue: (property: string) => {
        if (property === 'display') return el.classList.contains('hidden') ? 'none' : 'inline'
        if (property === 'stroke') return el.localName === 'line' ? 'rgb(1, 2, 3)' : ''
        // Inherited from the root: written once, on the group that stands for it.
        if (property === 'font-size') return '11px'
        if (property === 'fill') return el.localName === 'text' ? 'rgb(9, 9, 9)' : 'rgb(0, 0, 0)'
        return ''
      },
    })
    const inlined = inlineChartSvg(svg, styleOf, 100)
    expect(inlined).toMatchObject({ width: 300, height: 100 })
    const doc = parse(`<svg xmlns="http://www.w3.org/2000/svg">${inlined.body}</svg>`)
    expect(doc.querySelector('line')?.getAttribute('stroke')).toBe('rgb(1, 2, 3)')
    const group = doc.documentElement.firstElementChild
    expect(group?.localName).toBe('g')
    expect(group?.getAttribute('font-size')).toBe('11px')
    expect(group?.getAttribute('fill')).toBe('rgb(0, 0, 0)')
    expect(doc.querySelector('text')?.hasAttribute('font-size')).toBe(false)
    expect(doc.querySelector('text')?.getAttribute('fill')).toBe('rgb(9, 9, 9)')
    expect(doc.querySelector('text')?.textContent).toBe('27 Mar')
    expect(doc.querySelectorAll('circle, rect')).toHaveLength(0)
    expect(doc.querySelectorAll('path')).toHaveLength(0)
    expect(inlined.body).not.toMatch(/class=|style=|tabindex|role=/)
    // The page's own chart is left as it was.
    expect(svg.querySelector('line')?.getAttribute('class')).toBe('grid')
  })
})

describe('sourceLines', () => {
  it('names the run in the simulation mark’s words, then each assumption as the app tags it', () => {
    const run = {
      scenarioName: 'Citizen Lab test calls',
      scenarioId: 'citizenlab-2020',
      policyLabel: 'Geofenced backup list',
      seed: 7,
      hash: 'abc123',
      shownTime: 'Fri 27 Mar 2020, 14:00 UTC',
    }
    const line = runSourceLine(run)
    expect(line.startsWith(`${SIMULATION_MARK}: simulated (keyroute).`)).toBe(true)
    for (const part of ['citizenlab-2020', 'Geofenced backup list', 'seed 7', 'run hash abc123'])
      expect(line).toContain(part)
    expect(line).toContain('shown Fri 27 Mar 2020, 14:00 UTC')
    expect(sourceLines(run, ['site capacities are assumed'])).toEqual([
      line,
      'Assumption: site capacities are assumed.',
    ])
  })
})
