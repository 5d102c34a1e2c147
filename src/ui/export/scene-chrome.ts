/**
 * The words drawn on an exported picture: a title block (scenario name, shown time in UTC and in
 * the chosen zone), the simulation mark, and a footer (chapter words if any, the run's identity,
 * the source line, notes). Layout is measured first, so the map's labels keep clear of it.
 */
import type { Box } from '../map/label-placement'
import type { MapPalette } from '../map/map-theme'
import { wrapText } from './scene-text'
import type { SceneText } from './scene-text'

/** Extra words for the footer: a briefing chapter's title and caption, notes such as left-out tiles. */
export interface FooterExtras {
  readonly chapter?: { readonly title: string; readonly caption: string }
  readonly notes?: readonly string[]
}

interface Line {
  readonly text: string
  readonly font: string
  readonly sizePx: number
  readonly colour: keyof MapPalette
}

/** Where the words stand, in CSS pixels. */
export interface ChromeLayout {
  readonly header: Box
  readonly mark: Box
  readonly footer: Box
  readonly headerLines: readonly Line[]
  readonly footerLines: readonly Line[]
  readonly markFont: string
}

const FONT = 'system-ui, sans-serif'
const font = (weight: number, sizePx: number): string => `${weight} ${sizePx}px ${FONT}`

/** Scale of the picture's type: 1 at 1280x720, larger for a slide, never below 0.85. */
export function textScaleOf(width: number, height: number): number {
  return Math.min(2, Math.max(0.85, Math.min(width / 1280, height / 720)))
}

/**
 * Lays out the title block (top left), the mark (top right) and the footer (full width, bottom)
 * for a `width` x `height` picture; `measure` gives a text's width in a font.
 */
export function layoutChrome(
  text: SceneText,
  extras: FooterExtras,
  width: number,
  height: number,
  measure: (text: string, font: string) => number,
): ChromeLayout {
  const k = textScaleOf(width, height)
  const pad = Math.round(12 * k)
  const line = (t: string, weight: number, size: number, colour: keyof MapPalette): Line => ({
    text: t,
    font: font(weight, Math.round(size * k)),
    sizePx: Math.round(size * k),
    colour,
  })
  const markFont = font(800, Math.round(16 * k))
  const markWidth = measure(text.mark, markFont) + 2 * pad
  const maxHeader = width - markWidth - 4 * pad
  const time = [text.timeUtc, text.timeZoned].filter(Boolean).join('  ·  ')
  const headerLines = [
    ...wrap(line(text.title, 700, 26, 'fg'), maxHeader, measure),
    ...(time ? wrap(line(time, 600, 20, 'fg'), maxHeader, measure) : []),
  ]
  const headerWidth = Math.max(...headerLines.map((l) => measure(l.text, l.font)), 0) + 2 * pad
  const headerHeight = sum(headerLines) + 2 * pad
  const maxFooter = width - 2 * pad
  const footerLines = [
    ...(extras.chapter
      ? [
          ...wrap(line(extras.chapter.title, 700, 22, 'fg'), maxFooter, measure),
          ...wrap(line(extras.chapter.caption, 400, 17, 'fg'), maxFooter, measure),
        ]
      : []),
    ...wrap(line(text.runLine, 600, 16, 'fg'), maxFooter, measure),
    ...text.sourceLines.flatMap((s) => wrap(line(s, 400, 14, 'fg'), maxFooter, measure)),
    ...(extras.notes ?? []).flatMap((n) => wrap(line(n, 600, 14, 'fg'), maxFooter, measure)),
  ]
  const footerHeight = sum(footerLines) + 2 * pad
  return {
    header: { left: 0, top: 0, right: headerWidth, bottom: headerHeight },
    mark: { left: width - markWidth, top: 0, right: width, bottom: Math.round(16 * k) * 1.3 + pad },
    footer: { left: 0, top: height - footerHeight, right: width, bottom: height },
    headerLines,
    footerLines,
    markFont,
  }
}

const lineHeight = (l: Line): number => Math.round(l.sizePx * 1.3)
const sum = (lines: readonly Line[]): number => lines.reduce((a, l) => a + lineHeight(l), 0)

function wrap(l: Line, maxWidth: number, measure: (text: string, font: string) => number): Line[] {
  return wrapText(l.text, maxWidth, (s) => measure(s, l.font)).map((t) => ({ ...l, text: t }))
}

function panel(ctx: CanvasRenderingContext2D, box: Box, palette: MapPalette): void {
  ctx.globalAlpha = 0.88
  ctx.fillStyle = palette.bg
  ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top)
  ctx.globalAlpha = 1
}

function drawLines(
  ctx: CanvasRenderingContext2D,
  lines: readonly Line[],
  left: number,
  top: number,
  palette: MapPalette,
): void {
  let y = top
  ctx.textBaseline = 'top'
  ctx.textAlign = 'left'
  for (const l of lines) {
    ctx.font = l.font
    ctx.fillStyle = palette[l.colour]
    ctx.fillText(l.text, left, y + (lineHeight(l) - l.sizePx) / 2)
    y += lineHeight(l)
  }
}

/** Draws the title block, the mark and the footer of `layout`. */
export function drawChrome(
  ctx: CanvasRenderingContext2D,
  layout: ChromeLayout,
  text: SceneText,
  palette: MapPalette,
  textScale: number,
): void {
  const pad = Math.round(12 * textScale)
  panel(ctx, layout.header, palette)
  drawLines(ctx, layout.headerLines, layout.header.left + pad, layout.header.top + pad, palette)
  panel(ctx, layout.footer, palette)
  drawLines(ctx, layout.footerLines, layout.footer.left + pad, layout.footer.top + pad, palette)
  panel(ctx, layout.mark, palette)
  ctx.font = layout.markFont
  ctx.fillStyle = palette.fg
  ctx.textBaseline = 'middle'
  ctx.fillText(text.mark, layout.mark.left + pad, (layout.mark.top + layout.mark.bottom) / 2)
}
