import { captionParts } from '../../sim/briefing-caption'
import { VIEW_RUNS } from '../../sim/briefing'
import type { Chapter, ViewRun } from '../../sim/briefing'
import type { ComputedFigure } from '../../sim/briefing-figures'
import { POLICIES } from '../../sim/routing'
import type { RunState } from '../../store/store'
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import { formatUtc } from '../panels/format'
import { ChapterObservations } from './chapter-observations'
import { figureLabel, figureValueText, shownChapterFigures } from './chapter-figures'

/** The words of the shown chapter in big type: title, caption with its figures, sources. */
export function ChapterPanel({
  chapter,
  index,
  count,
}: {
  chapter: Chapter
  index: number
  count: number
}) {
  const run = useAppStore((s) => s.run)
  const compare = useAppStore((s) => s.compare)
  const timeMinutes = useAppStore((s) => s.timeMinutes)
  const mapRun = useAppStore(selectMapRun)
  const figures = shownChapterFigures({ run, compare, timeMinutes }, chapter)
  return (
    <section className="kr-chapter" aria-labelledby="kr-chapter-title">
      <div className="kr-chapter-words">
        <p className="kr-chapter-count">
          Chapter {index + 1} of {count}
          {mapRun?.startDate ? ` · ${formatUtc(mapRun.startDate, timeMinutes)}` : ''} · simulated
        </p>
        <h2 id="kr-chapter-title" className="kr-chapter-title">
          {chapter.title}
        </h2>
        <p className="kr-chapter-caption">
          {captionParts(chapter.caption, figures).map((part, i) =>
            part.kind === 'text' ? (
              <span key={i}>{part.text}</span>
            ) : (
              <strong key={i} className="kr-chapter-inline-figure">
                {figureValueText(part.figure)}
              </strong>
            ),
          )}
        </p>
        <ChapterObservations chapter={chapter} />
        <ul className="kr-chapter-sources" aria-label="Sources">
          {chapter.sources.map((item, i) =>
            'sourced' in item ? (
              <li key={i} title={item.sourced}>
                <span className="kr-chapter-source-kind">Sourced:</span> {item.sourced}{' '}
                <a href={item.ref} target="_blank" rel="noreferrer">
                  {new URL(item.ref).hostname}
                </a>
              </li>
            ) : (
              <li key={i} title={item.assumption}>
                <span className="kr-chapter-source-kind kr-chapter-assumption">Assumption:</span>{' '}
                {item.assumption}
              </li>
            ),
          )}
        </ul>
      </div>
      <ChapterFigures chapter={chapter} figures={figures} run={run} timeMinutes={timeMinutes} />
    </section>
  )
}

/**
 * The called-out figures in big type; in a chapter that compares policies, one group per policy
 * so the same figure under each reads side by side.
 */
function ChapterFigures({
  chapter,
  figures,
  run,
  timeMinutes,
}: {
  chapter: Chapter
  figures: readonly ComputedFigure[]
  run: RunState | null
  timeMinutes: number
}) {
  if (figures.length === 0) return null
  const groups = VIEW_RUNS.map((which) => ({
    which,
    figures: figures.filter((f) => f.run === which),
  })).filter((g) => g.figures.length > 0)
  const isCompared = chapter.view.comparePolicy !== undefined
  const policyOf = (which: ViewRun): string =>
    POLICIES[
      which === 'compare'
        ? (chapter.view.comparePolicy ?? 'geofenced')
        : (run?.policy ?? 'misconfigured-2020')
    ].label
  return (
    <div className="kr-chapter-figures" data-groups={groups.length}>
      {groups.map((group) => (
        <section key={group.which} aria-label={isCompared ? policyOf(group.which) : 'Figures'}>
          {isCompared && <h3 className="kr-chapter-figures-policy">{policyOf(group.which)}</h3>}
          <dl>
            {group.figures.map((figure, i) => {
              const { label, span } = figureLabel(figure, run, timeMinutes)
              return (
                <div
                  key={i}
                  className="kr-chapter-figure"
                  data-metric={figure.metric}
                  data-span={figure.span}
                  data-run={figure.run}
                >
                  <dt>
                    {label}
                    <span className="kr-chapter-figure-span">{span}</span>
                  </dt>
                  <dd className="kr-chapter-figure-value">{figureValueText(figure)}</dd>
                </div>
              )
            })}
          </dl>
        </section>
      ))}
    </div>
  )
}
