/**
 * "Download offline briefing": the offline file for a briefing, the same bytes as
 * `npm run pack -- --briefing FILE` writes for it. The pack's page is built once (it needs its own
 * build: the worker inlined as a classic one); what differs between briefings is the data block.
 *
 * - Served, the app fetches that page, written beside index.html by `npm run build`
 *   (OFFLINE_TEMPLATE_FILE, allowed by the served policy's connect-src 'self').
 * - As the pack opened from disk, it cannot read its own file (file:// and its policy forbid it),
 *   so it writes itself again from its shell block and the text of its code elements, which the
 *   parser keeps exactly as written (offline-page.ts).
 */
import { parseBriefing } from '../sim/briefing'
import type { BriefingInput } from '../sim/briefing'
import {
  CODE_ATTRIBUTE,
  OFFLINE_TEMPLATE_FILE,
  PACK_SHELL_ID,
  packFromShell,
  readPackShell,
  withBriefingBlock,
} from '../sim/offline-page'
import type { ScenarioError } from '../sim/scenario'

/** A briefing the offline file cannot carry, with every problem found. */
export class InvalidBriefingError extends Error {
  constructor(readonly errors: readonly ScenarioError[]) {
    const first = errors[0]
    super(`the briefing is not valid${first ? ` (${first.path}: ${first.message})` : ''}`)
  }
}

/** Where the page comes from: this document, and how it fetches (replaceable in tests). */
export interface PageAccess {
  readonly doc: Document
  readonly fetch: (url: URL) => Promise<Response>
}

const browserPage = (): PageAccess => ({ doc: document, fetch: (url) => fetch(url) })

/** The pack's own page, when this page is the pack; null when served. Throws if it was altered. */
export function ownPackPage(doc: Document): string | null {
  const text = doc.getElementById(PACK_SHELL_ID)?.textContent
  if (text === undefined || text === null) return null
  const shell = readPackShell(text)
  if (!shell) throw new Error('this file is damaged: its page shell cannot be read')
  const codes = [...doc.querySelectorAll(`[${CODE_ATTRIBUTE}]`)].map((e) => e.textContent ?? '')
  return packFromShell(shell, codes)
}

async function servedPackPage({ doc, fetch }: PageAccess): Promise<string> {
  const url = new URL(OFFLINE_TEMPLATE_FILE, doc.baseURI)
  const response = await fetch(url)
  const text = response.ok ? await response.text() : ''
  // A dev server answers any path with the app's own page: that is not the offline one either.
  if (!text.includes(PACK_SHELL_ID))
    throw new Error(
      `the offline page is missing from this server (${url.pathname}: ${response.status}); it comes with \`npm run build\``,
    )
  return text
}

/**
 * The offline file for `briefing`, as `npm run pack -- --briefing` writes it. Rejects with
 * {@link InvalidBriefingError} for a briefing that does not validate, as the command refuses it.
 */
export async function offlineBriefingHtml(
  briefing: BriefingInput,
  page: PageAccess = browserPage(),
): Promise<string> {
  const parsed = parseBriefing(briefing)
  if (!parsed.ok) throw new InvalidBriefingError(parsed.errors)
  const template = ownPackPage(page.doc) ?? (await servedPackPage(page))
  return withBriefingBlock(template, briefing)
}

/** The file name the download suggests: the briefing's id. */
export function offlineFileName(briefing: BriefingInput): string {
  return `${briefing.id}-offline.html`
}
