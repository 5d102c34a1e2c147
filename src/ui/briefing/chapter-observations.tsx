import type { Chapter } from '../../sim/briefing'
import { observationText } from '../../sim/observations-place'
import { chapterObservations, selectObservations } from '../../store/observation-selectors'
import { countryName } from '../map/country-name'
import { useAppStore } from '../store-context'

/**
 * Under a chapter's caption, the imported observations its time covers (its range, or the day
 * of its time), each in one sentence that begins "Observed:" so it is never read as simulated.
 */
export function ChapterObservations({ chapter }: { chapter: Chapter }) {
  const { world, items } = useAppStore(selectObservations)
  if (!world) return null
  const covered = chapterObservations(items, chapter.view)
  if (covered.length === 0) return null
  return (
    <ul className="kr-chapter-observed" aria-label="Observed data in this chapter">
      {covered.map((o) => (
        <li key={o.line}>
          {o.sourceUrl ? (
            <a href={o.sourceUrl} target="_blank" rel="noreferrer">
              {observationText(o, world, countryName)}
            </a>
          ) : (
            observationText(o, world, countryName)
          )}
        </li>
      ))}
    </ul>
  )
}
