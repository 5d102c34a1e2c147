import { useId } from 'react'
import { metricSpec } from '../../sim/metrics'
import type { MetricName } from '../../sim/metrics'
import type { ChapterInput } from '../../store/briefing-capture'
import { useAppStoreApi } from '../store-context'
import { TextField } from './text-field'

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

const BUTTONS: ReadonlyArray<readonly [ChapterButton, string, (n: number) => string]> = [
  ['show', 'Show', (n) => `Show chapter ${n}`],
  ['up', 'Up', (n) => `Move chapter ${n} up`],
  ['down', 'Down', (n) => `Move chapter ${n} down`],
  ['remove', 'Remove', (n) => `Remove chapter ${n}`],
]

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
        <TextField
          label={`Title of chapter ${number}`}
          value={chapter.title}
          maxLength={200}
          onChange={(title) => store.getState().setChapterTitle(index, title)}
        />
        <TextField
          label={`Caption of chapter ${number}`}
          value={chapter.caption}
          maxLength={1200}
          rows={4}
          describedBy={figuresId}
          onChange={(caption) => store.getState().setChapterCaption(index, caption)}
        />
        <p id={figuresId} className="kr-hint">
          Figures it can name, computed from the run: {figuresText(chapter)}. The caption shows the
          first of each; naming another metric in braces adds it.
        </p>
        <TextField
          label={`Speaker notes for chapter ${number}`}
          value={chapter.notes ?? ''}
          maxLength={8000}
          rows={2}
          onChange={(notes) => store.getState().setChapterNotes(index, notes)}
        />
        <div className="kr-chapter-actions">
          {BUTTONS.map(([which, text, verb]) => (
            <button
              key={which}
              type="button"
              ref={(el) => buttonRef(which, el)}
              aria-label={verb(number)}
              disabled={
                (which === 'up' && index === 0) || (which === 'down' && index === count - 1)
              }
              onClick={() =>
                which === 'show'
                  ? onShow(index)
                  : which === 'remove'
                    ? onRemove(index)
                    : onMove(index, which === 'up' ? -1 : 1)
              }
            >
              {text}
            </button>
          ))}
        </div>
      </fieldset>
    </li>
  )
}
