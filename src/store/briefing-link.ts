/**
 * Briefing links: `#briefing=citizenlab-2020&chapter=3` opens a briefing at a chapter (counting
 * from 1), and `&presenter=1` opens its presenter view. The address follows the chapter shown,
 * so a link copied mid-briefing reopens it there. A dashboard link has no `briefing` parameter.
 */
import { chapterAt } from '../sim/briefing'
import type { Briefing } from '../sim/briefing'
import { ignoredNotice } from './url-state'

/** What a briefing link asks for. */
export interface BriefingLink {
  readonly id: string
  /** Counting from 1, as written. */
  readonly chapter: number
  readonly isPresenter: boolean
}

/** The briefing a link names, or null for a dashboard link. */
export function parseBriefingLink(hash: string): BriefingLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const id = params.get('briefing')
  if (id === null) return null
  const chapterText = params.get('chapter') ?? '1'
  return {
    id,
    chapter: /^\d{1,4}$/.test(chapterText) ? Number(chapterText) : Number.NaN,
    isPresenter: params.get('presenter') === '1',
  }
}

/** The link of a briefing at a chapter index (0-based). */
export function briefingLinkOf(id: string, chapterIndex: number, isPresenter = false): string {
  const params = new URLSearchParams({ briefing: id, chapter: String(chapterIndex + 1) })
  if (isPresenter) params.set('presenter', '1')
  return params.toString()
}

/**
 * The briefing and chapter index a link opens, with a notice for what it could not follow: an
 * unknown briefing (null: the dashboard opens) or a chapter out of range (the first is shown).
 */
export function resolveBriefingLink(
  link: BriefingLink,
  find: (id: string) => Briefing | undefined,
  knownIds: readonly string[],
): { readonly briefing: Briefing | null; readonly index: number; readonly notices: string[] } {
  const briefing = find(link.id)
  if (!briefing)
    return {
      briefing: null,
      index: 0,
      notices: [ignoredNotice('briefing', link.id, `known briefings are ${knownIds.join(', ')}`)],
    }
  const at = Number.isNaN(link.chapter)
    ? { error: `a chapter is a whole number from 1 to ${briefing.chapters.length}` }
    : chapterAt(briefing, link.chapter)
  return 'error' in at
    ? { briefing, index: 0, notices: [`The link's chapter was ignored: ${at.error}.`] }
    : { briefing, index: at.index, notices: [] }
}
