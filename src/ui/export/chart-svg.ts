/**
 * A chart as a standalone SVG for slides and reports: the chart's own recharts drawing with every
 * style it takes from the page written onto its elements, framed by its title, legend, axis
 * labels and source line. The result needs no style sheet, class or web font, so a browser and
 * slide software draw it alike. Composition is string work on plain inputs; only
 * {@link inlineChartSvg} reads the page (computed styles).
 */

/** Fonts every slide program has; the page's own font may not be installed where the file goes. */
export const EXPORT_FONT = 'Arial, Helvetica, sans-serif'

/** One series or colour of a chart, as its legend shows it. */
export interface LegendEntry {
  readonly name: string
  /** A CSS colour; `var(--…)` is resolved when the SVG is composed. */
  readonly color: string
  /** A dash pattern, e.g. '6 3'; solid when absent. */
  readonly dash?: string
  /** A line for a line series, a box for a bar. */
  readonly mark: 'line' | 'box'
}

/** What a chart's axes measure, units in brackets. */
export interface ChartAxes {
  readonly x: string
  readonly y: string
  /** The right-hand axis, where a chart has one. */
  readonly yRight?: string
}

/** The words around an exported chart. */
export interface ChartFrame {
  readonly title: string
  readonly axes: ChartAxes
  readonly legend: readonly LegendEntry[]
  /** The source line: which run, and how far the figures are simulated or assumed. */
  readonly source: readonly string[]
}

/** The chart's drawing with its styles inlined: the inner markup of its <svg> and its size. */
export interface InlinedChart {
  readonly body: string
  readonly width: number
  readonly height: number
}

/** The theme's colours the frame is drawn in (resolved values, not `var(…)`). */
export interface ExportColours {
  readonly background: string
  readonly fg: string
  readonly muted: string
}

/** A composed standalone SVG and its size in CSS pixels. */
export interface ChartSvg {
  readonly svg: string
  readonly width: number
  readonly height: number
}

/** Width of every exported chart: the chart is scaled to it, so slides get one size of type. */
export const EXPORT_WIDTH_PX = 720

const PAD = 24
const TITLE_PX = 20
const LEGEND_PX = 14
const AXIS_PX = 15
const SOURCE_PX = 12
const LINE_GAP = 1.3
/** Mean advance of a character of Arial in mixed text, in ems (bold a little more): text wraps by it. */
const CHAR_EM = 0.52
const BOLD_CHAR_EM = 0.57

/** `text` with `var(--name)` and `var(--name, fallback)` replaced by `lookup(name)`, nested too. */
export function resolveVars(text: string, lookup: (name: string) => string): string {
  const VAR = /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g
  let out = text
  for (let i = 0; i < 8 && out.includes('var('); i++)
    out = out.replace(VAR, (_, name: string, fallback?: string) => {
      const value = lookup(name).trim()
      return value !== '' ? value : (fallback ?? '').trim()
    })
  return out
}

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Rough width of a line of text in the export font, in pixels. */
export function textWidthPx(text: string, fontPx: number, isBold = false): number {
  return text.length * fontPx * (isBold ? BOLD_CHAR_EM : CHAR_EM)
}

/** Words of `text` in lines no wider than `maxPx` (a word longer than that gets its own line). */
export function wrapText(text: string, maxPx: number, fontPx: number, isBold = false): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`
    if (line !== '' && textWidthPx(next, fontPx, isBold) > maxPx) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line !== '') lines.push(line)
  return lines
}

function textLines(
  lines: readonly string[],
  x: number,
  top: number,
  fontPx: number,
  attributes: string,
): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${round(top + fontPx + i * fontPx * LINE_GAP)}" font-size="${fontPx}" ${attributes}>${escapeXml(l)}</text>`,
    )
    .join('')
}

const round = (n: number): number => Math.round(n * 100) / 100

/** The legend's entries laid out in rows across `width`; returns the markup and its height. */
function legendRows(
  legend: readonly LegendEntry[],
  left: number,
  top: number,
  width: number,
  fg: string,
): { markup: string; height: number } {
  const rowPx = LEGEND_PX * 1.6
  let x = left
  let y = top
  const parts: string[] = []
  for (const entry of legend) {
    const itemPx = 24 + textWidthPx(entry.name, LEGEND_PX) + 18
    if (x > left && x + itemPx > left + width) {
      x = left
      y += rowPx
    }
    const mid = round(y + rowPx / 2)
    parts.push(
      entry.mark === 'line'
        ? `<line x1="${x}" y1="${mid}" x2="${x + 18}" y2="${mid}" stroke="${escapeXml(entry.color)}" stroke-width="2.5"${entry.dash ? ` stroke-dasharray="${escapeXml(entry.dash)}"` : ''}/>`
        : `<rect x="${x + 3}" y="${round(mid - 6)}" width="12" height="12" fill="${escapeXml(entry.color)}"/>`,
      `<text x="${x + 24}" y="${round(mid + LEGEND_PX * 0.35)}" font-size="${LEGEND_PX}" fill="${escapeXml(fg)}">${escapeXml(entry.name)}</text>`,
    )
    x += itemPx
  }
  return { markup: parts.join(''), height: legend.length > 0 ? y - top + rowPx : 0 }
}

/**
 * The standalone SVG of a chart: a background, the title (wrapped), the legend, the chart scaled
 * to {@link EXPORT_WIDTH_PX} with its axis labels beside and below it, and the source line in
 * the muted colour. Colours in the frame given as `var(--…)` are resolved through `lookup`.
 */
export function composeChartSvg(
  chart: InlinedChart,
  frame: ChartFrame,
  colours: ExportColours,
  lookup: (name: string) => string,
): ChartSvg {
  const width = EXPORT_WIDTH_PX
  const inner = width - 2 * PAD
  const parts: string[] = []
  let y = PAD

  const title = wrapText(frame.title, inner, TITLE_PX, true)
  parts.push(textLines(title, PAD, y, TITLE_PX, `font-weight="bold" fill="${colours.fg}"`))
  y += title.length * TITLE_PX * LINE_GAP + 8

  const legend = legendRows(
    frame.legend.map((e) => ({ ...e, color: resolveVars(e.color, lookup) })),
    PAD,
    y,
    inner,
    colours.fg,
  )
  parts.push(legend.markup)
  y += legend.height + 8

  // The value axes are named above their ends, level, as slides read best: the left one over
  // the tick labels, the right one (if any) flush right; each wraps within its half when both.
  const labelPx = frame.axes.yRight ? inner / 2 - 8 : inner
  const left = wrapText(frame.axes.y, labelPx, AXIS_PX)
  const right = frame.axes.yRight ? wrapText(frame.axes.yRight, labelPx, AXIS_PX) : []
  parts.push(textLines(left, PAD, y, AXIS_PX, `fill="${colours.fg}"`))
  parts.push(textLines(right, width - PAD, y, AXIS_PX, `text-anchor="end" fill="${colours.fg}"`))
  y += Math.max(left.length, right.length) * AXIS_PX * LINE_GAP + 6

  const chartLeft = PAD
  const chartWidth = inner
  const chartHeight = round((chart.height * chartWidth) / Math.max(1, chart.width))
  parts.push(
    `<svg x="${chartLeft}" y="${round(y)}" width="${round(chartWidth)}" height="${chartHeight}" viewBox="0 0 ${chart.width} ${chart.height}" overflow="visible">${resolveVars(chart.body, lookup)}</svg>`,
  )
  // recharts' own bottom margin already spaces the tick labels from what follows.
  y += chartHeight - 6
  parts.push(
    textLines(
      [frame.axes.x],
      round(chartLeft + chartWidth / 2),
      y,
      AXIS_PX,
      `text-anchor="middle" fill="${colours.fg}"`,
    ),
  )
  y += AXIS_PX * LINE_GAP + 14

  const source = frame.source.flatMap((s) => wrapText(s, inner, SOURCE_PX))
  parts.push(textLines(source, PAD, y, SOURCE_PX, `fill="${colours.muted}"`))
  y += source.length * SOURCE_PX * LINE_GAP + PAD

  const height = Math.ceil(y)
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${EXPORT_FONT}">` +
    `<title>${escapeXml(frame.title)}</title>` +
    `<rect width="100%" height="100%" fill="${colours.background}"/>` +
    parts.join('') +
    '</svg>'
  return { svg, width, height }
}

/** Presentation properties a chart's elements take from the page's style sheets. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const

/** The properties an element inherits: written only where they differ from its parent's. */
const INHERITED = new Set<string>(STYLE_PROPERTIES.filter((p) => p !== 'opacity'))

/**
 * Parts of a live chart that belong to the pointer, not to the figure, and the chart's own
 * title and description (the export's title replaces them).
 */
const LEFT_OUT = '.recharts-tooltip-cursor, .recharts-active-dot, foreignObject, title, desc'

/** A rendered <svg>'s width or height in CSS pixels (recharts writes both as attributes). */
export function svgSize(svg: SVGSVGElement, side: 'width' | 'height'): number {
  return Number(svg.getAttribute(side)) || svg.getBoundingClientRect()[side]
}

/** What the inlining reads of an element's computed style (getComputedStyle in a page). */
export type StyleOf = (element: Element) => Pick<CSSStyleDeclaration, 'getPropertyValue'>

/**
 * A copy of a rendered recharts <svg> that stands on its own: each element carries the computed
 * values of the properties that draw it, and loses its classes, inline styles and focus
 * attributes; the pointer's cursor and active dots are left out. `heightPx` crops the drawing
 * from the top (recharts leaves room at the bottom for its HTML legend, which the frame redraws).
 */
export function inlineChartSvg(
  svg: SVGSVGElement,
  styleOf: StyleOf,
  heightPx = svgSize(svg, 'height'),
): InlinedChart {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const originals = [svg, ...svg.querySelectorAll('*')]
  const copies = [clone, ...clone.querySelectorAll('*')]
  const dropped: Element[] = []
  originals.forEach((el, i) => {
    const copy = copies[i]
    if (!copy) return
    if (el.matches(LEFT_OUT) || styleOf(el).getPropertyValue('display') === 'none') {
      dropped.push(copy)
      return
    }
    const style = styleOf(el)
    const parent = el === svg || !el.parentElement ? null : styleOf(el.parentElement)
    for (const property of STYLE_PROPERTIES) {
      const value = style.getPropertyValue(property).trim()
      const isInherited =
        INHERITED.has(property) && parent?.getPropertyValue(property).trim() === value
      if (value !== '' && !isInherited) copy.setAttribute(property, value)
    }
    for (const name of [...copy.getAttributeNames()])
      if (/^(class|style|tabindex|role|focusable|aria-|data-)/.test(name))
        copy.removeAttribute(name)
  })
  for (const el of dropped) el.remove()
  // The root's drawing properties go on a group, which the frame places and scales.
  const group = clone.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'g')
  for (const property of STYLE_PROPERTIES) {
    const value = clone.getAttribute(property)
    if (value !== null) group.setAttribute(property, value)
  }
  group.append(...clone.childNodes)
  const body = new XMLSerializer().serializeToString(group)
  return { body, width: svgSize(svg, 'width'), height: heightPx }
}
