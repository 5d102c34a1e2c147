/**
 * A chapter's caption as it is shown: its text with each `{metricName}` replaced by the figure
 * the chapter computed for that metric, so the number on screen is always the run's. Pure.
 */
import type { ComputedFigure } from './briefing-figures'

/** A piece of a shown caption: plain text, or the place of a called-out figure. */
export type CaptionPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'figure'; readonly figure: ComputedFigure }

/**
 * Splits `caption` into text and figure parts: each `{name}` becomes the first of `figures`
 * whose metric is `name`. A reference to no figure stays as typed (braces included), which a
 * parsed briefing never has (its parser refuses such captions). Adjacent text is joined, and
 * empty text parts are left out.
 */
export function captionParts(
  caption: string,
  figures: readonly ComputedFigure[],
): readonly CaptionPart[] {
  const parts: CaptionPart[] = []
  const addText = (text: string): void => {
    if (text === '') return
    const last = parts[parts.length - 1]
    if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + text }
    else parts.push({ kind: 'text', text })
  }
  const reference = /\{([^{}]*)\}/g
  let from = 0
  for (let match = reference.exec(caption); match; match = reference.exec(caption)) {
    addText(caption.slice(from, match.index))
    const figure = figures.find((f) => f.metric === match?.[1])
    if (figure) parts.push({ kind: 'figure', figure })
    else addText(match[0])
    from = match.index + match[0].length
  }
  addText(caption.slice(from))
  return parts
}
