import { useId } from 'react'
import { metricSpec } from '../../sim/metrics'
import type { MetricName } from '../../sim/metrics'
import type { ChapterInput } from '../../store/briefing-capture'
import { useAppStoreApi } from '../store-context'

const SPAN_TEXT = { step: 'at the step shown', upTo: 'up to it', run: 'whole run' } as const

/** What a chapter's figures are, in words, one entry per metric (the caption shows the first). */
function figuresText(chapter: ChapterInput): string {
  const spans = new Map<string, string[]>()
  for (const f of chapter.figures ?? []) {
    const run = f.run === 'compare' ? ', compared run' : f.run === 'primary' ? ', own run' : ''
    spans.set(f.metric, [...(spans.get(f.metric) ?? []), `${SPAN_TEXT[f.span]}${run}`])
  }
  return [...spans]
    .map(
      ([metric, list]) =>
        `{${metric}}: ${metricSpec(metric as MetricName).label} (${list.join('; ')})`,
    )
    .join(', ')
}

/** Which of a chapter's buttons; after a move or a removal the focus goes back to one. */
export type ChapterButton = 'show' | 'up' | 'down' | 'remove'

/**
 * One chapter of the draft: its title, caption and speaker notes, the figures its caption may
 * name, and buttons to show its view, move it and remove it.
 */
export function ChapterEditor({
  chapter,
  index,
  count,
  onShow,
  onMove,
  onRemove,
  buttonRef,
}: {
  chapter: ChapterInput
  index: number
  count: number
  onShow: (index: number) => void
  onMove: (index: number, by: -1 | 1) => void
  onRemove: (index: number) => void
  buttonRef: (which: ChapterButton, el: HTMLButtonElement | null) => void
}) {
  const store = useAppStoreApi()
  const id = useId()
  const number = index + 1
  const figuresId = `${id}-figures`
  return (
    <li className="kr-chapter">
      <fieldset>
        <legend>Chapter {number}</legend>
        <label htmlFor={`${id}-title`}>Title of chapter {number}</label>
        <input
          id={`${id}-title`}
          type="text"
          value={chapter.title}
          maxLength={200}
          onChange={(e) => store.getState().setChapterTitle(index, e.currentTarget.value)}
        />
        <label htmlFor={`${id}-caption`}>Caption of chapter {number}</label>
        <textarea
          id={`${id}-caption`}
          rows={4}
          value={chapter.caption}
          maxLength={1200}
          aria-describedby={figuresId}
          onChange={(e) => store.getState().setChapterCaption(index, e.currentTarget.value)}
        />
        <p id={figuresId} className="kr-hint">
          Figures it can name, computed from the run: {figuresText(chapter)}. The caption shows the
          first of each; naming another metric in braces adds it.
        </p>
        <label htmlFor={`${id}-notes`}>Speaker notes for chapter {number}</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          value={chapter.notes ?? ''}
          maxLength={8000}
          onChange={(e) => store.getState().setChapterNotes(index, e.currentTarget.value)}
        />
        <div className="kr-chapter-actions">
          <button
            type="button"
            ref={(el) => buttonRef('show', el)}
            aria-label={`Show chapter ${number}`}
            onClick={() => onShow(index)}
          >
            Show
          </button>
          <button
            type="button"
            ref={(el) => buttonRef('up', el)}
            aria-label={`Move chapter ${number} up`}
            disabled={index === 0}
            onClick={() => onMove(index, -1)}
          >
            Up
          </button>
          <button
            type="button"
            ref={(el) => buttonRef('down', el)}
            aria-label={`Move chapter ${number} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index, 1)}
          >
            Down
          </button>
          <button
            type="button"
            ref={(el) => buttonRef('remove', el)}
            aria-label={`Remove chapter ${number}`}
            onClick={() => onRemove(index)}
          >
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  )
}
