/**
 * The briefings this page knows: the built-in ones, plus the one an offline file carries in its
 * data block (offline-page.ts), read once at start. Briefing mode looks a link's briefing up
 * here:
 *
 *   const found = store.getState().briefings.find(id)   // KnownBriefing | undefined
 *   const link = readBriefingLink(hash, store.getState().briefings)
 *
 * An embedded briefing whose id is a built-in one's takes its place: the file was made to
 * present that version (a built-in story edited for one room), and its links, written with that
 * id, must open what the file carries. Nothing is lost, as the built-in one is in every copy of
 * the app.
 */
import { parseBriefing } from '../sim/briefing'
import type { Briefing, BriefingInput } from '../sim/briefing'
import { BRIEFING_BLOCK_ID } from '../sim/offline-page'
import { BRIEFINGS } from '../sim/presets/briefings'
import type { ScenarioError } from '../sim/scenario'
import { ignoredNotice } from './url-state'

/** Where a briefing the page knows comes from. */
export type BriefingSource = 'built-in' | 'embedded'

/** A briefing the page can open. */
export interface KnownBriefing {
  /** Validated, defaults filled in. */
  readonly briefing: Briefing
  /** As written (the embedded file's data, or the built-in one), for saving it again. */
  readonly input: BriefingInput
  readonly source: BriefingSource
}

/** The page's briefings, fixed at start. */
export interface BriefingCatalog {
  /** Every briefing, the embedded one first. */
  readonly all: readonly KnownBriefing[]
  /** The briefing this page is about: the embedded one, else the first built-in one. */
  readonly main: KnownBriefing
  /** The briefing with this id, or undefined. */
  readonly find: (id: string) => KnownBriefing | undefined
  /** Notices for the user: an embedded briefing that could not be read. */
  readonly notices: readonly string[]
}

/** What a page's briefing block holds. */
export type EmbeddedBriefing =
  | { readonly briefing: Briefing; readonly input: BriefingInput }
  | { readonly errors: readonly ScenarioError[] }

/**
 * The briefing in the page's data block; null when there is none or it is empty (the served
 * app, a pack made without --briefing). Parsed as an imported file is: every error with its path.
 */
export function embeddedBriefing(doc: Pick<Document, 'getElementById'>): EmbeddedBriefing | null {
  const text = doc.getElementById(BRIEFING_BLOCK_ID)?.textContent?.trim() ?? ''
  if (text === '') return null
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { errors: [{ path: '(file)', message: `not JSON: ${String(error)}` }] }
  }
  const parsed = parseBriefing(data)
  return parsed.ok
    ? { briefing: parsed.briefing, input: data as BriefingInput }
    : { errors: parsed.errors }
}

/** The built-in briefings plus `embedded`, which replaces a built-in one of the same id. */
export function knownBriefings(
  embedded: { readonly briefing: Briefing; readonly input: BriefingInput } | null,
): readonly KnownBriefing[] {
  const builtIn = BRIEFINGS.map((b): KnownBriefing => ({
    briefing: b,
    input: b,
    source: 'built-in',
  }))
  if (embedded === null) return builtIn
  const own: KnownBriefing = { ...embedded, source: 'embedded' }
  return [own, ...builtIn.filter((k) => k.briefing.id !== own.briefing.id)]
}

const MAX_ERRORS_QUOTED = 3

/** The catalog of a page with this embedded briefing (null: none; errors: a notice, built-ins only). */
export function briefingCatalog(embedded: EmbeddedBriefing | null): BriefingCatalog {
  const isValid = embedded !== null && 'briefing' in embedded
  const all = knownBriefings(isValid ? embedded : null)
  const notices: string[] = []
  if (embedded !== null && 'errors' in embedded) {
    const quoted = embedded.errors.slice(0, MAX_ERRORS_QUOTED).map((e) => `${e.path}: ${e.message}`)
    const more = embedded.errors.length - quoted.length
    notices.push(
      `The briefing inside this file could not be read (${quoted.join('; ')}${more > 0 ? `; and ${more} more` : ''}); the built-in briefing is shown instead.`,
    )
  }
  const main = all[0]
  if (!main) throw new Error('keyroute has no built-in briefing')
  return {
    all,
    main,
    find: (id) => all.find((k) => k.briefing.id === id),
    notices,
  }
}

/**
 * The parameters of a link that opens a briefing: `#briefing=ID&chapter=N`, and `&presenter=1`
 * for its presenter view. The address follows the chapter shown (`briefingLinkOf`).
 */
export const BRIEFING_LINK_PARAMS = ['briefing', 'chapter', 'presenter'] as const

/** The link of a briefing at a chapter index (0-based; the link counts from 1). */
export function briefingLinkOf(id: string, chapterIndex: number, isPresenter = false): string {
  const params = new URLSearchParams({ briefing: id, chapter: String(chapterIndex + 1) })
  if (isPresenter) params.set('presenter', '1')
  return params.toString()
}

/** What a link asks of briefing mode, read against the catalog. */
export interface BriefingLink {
  /** The briefing to open, or null when the link names none (or one the page does not know). */
  readonly found: { readonly known: KnownBriefing; readonly chapterIndex: number } | null
  /** The link without the briefing parameters: the view part, for readLink. */
  readonly viewHash: string
  /** What was ignored and why, as the link's other notices say it. */
  readonly notices: readonly string[]
  /** The link opens the presenter view of the briefing it names (`presenter=1`). */
  readonly isPresenter: boolean
}

/**
 * Reads `briefing` and `chapter` (counted from 1; default 1) from a location hash. An unknown
 * briefing or a chapter it does not have is ignored with a notice; a chapter alone is ignored.
 */
export function readBriefingLink(hash: string, catalog: BriefingCatalog): BriefingLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const id = params.getAll('briefing').at(-1)
  const chapter = params.getAll('chapter').at(-1)
  const isPresenter = id !== undefined && params.get('presenter') === '1'
  for (const key of BRIEFING_LINK_PARAMS) params.delete(key)
  const viewHash = params.toString()
  const notices: string[] = []
  if (id === undefined) {
    if (chapter !== undefined)
      notices.push(ignoredNotice('chapter', chapter, 'it needs a briefing to go with it'))
    return { found: null, viewHash, notices, isPresenter }
  }
  const known = catalog.find(id)
  if (!known) {
    const ids = catalog.all.map((k) => k.briefing.id).join(', ')
    notices.push(ignoredNotice('briefing', id, `this page holds the briefings ${ids}`))
    return { found: null, viewHash, notices, isPresenter }
  }
  const count = known.briefing.chapters.length
  const n = chapter === undefined ? 1 : /^[1-9]\d{0,3}$/.test(chapter) ? Number(chapter) : NaN
  if (!(n >= 1 && n <= count))
    notices.push(
      ignoredNotice('chapter', chapter ?? '', `${id} has chapters 1 to ${count}; it opens at 1`),
    )
  return {
    found: { known, chapterIndex: n >= 1 && n <= count ? n - 1 : 0 },
    viewHash,
    notices,
    isPresenter,
  }
}
