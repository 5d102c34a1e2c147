import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { createAppStore } from './store/store'
import type { AppState, AppStore } from './store/store'
import { connectBriefingChannel } from './store/briefing-channel'
import {
  briefingCatalog,
  briefingLinkOf,
  embeddedBriefing,
  readBriefingLink,
} from './store/briefing-sources'
import type { BriefingCatalog } from './store/briefing-sources'
import { readLink } from './store/link-check'
import { PresenterView } from './ui/briefing/presenter-view'
import { hasViewLinkChanged, linkOf } from './store/url-state'
import { StoreProvider } from './ui/store-context'
import { createInProcessClient, createWorkerClient } from './worker/client'
import type { SimulationClient } from './worker/client'

// Time moves every frame while playing; the link follows it at most this often.
const TIME_URL_INTERVAL_MS = 2000

async function createClient(): Promise<SimulationClient> {
  try {
    return createWorkerClient()
  } catch (error) {
    console.warn('keyroute: no module worker, simulating on the main thread', error)
    return createInProcessClient()
  }
}

/** The link of what is on screen: the briefing's chapter, or the dashboard's view. */
function hashOf(state: AppState): string {
  const { briefing, chapterIndex } = state
  return `#${briefing ? briefingLinkOf(briefing.id, chapterIndex) : linkOf(state)}`
}

function writeUrl(state: AppState): void {
  const hash = hashOf(state)
  if (hash !== window.location.hash)
    history.replaceState(
      history.state,
      '',
      `${window.location.pathname}${window.location.search}${hash}`,
    )
}

function syncUrl(store: AppStore): void {
  let lastTimeWrite = 0
  let pending: ReturnType<typeof setTimeout> | null = null
  store.subscribe((s, prev) => {
    // A new view or chapter is written at once, and so is the time where playback stops.
    const isNewChapter = s.briefing !== prev.briefing || s.chapterIndex !== prev.chapterIndex
    if (isNewChapter || hasViewLinkChanged(s, prev) || (prev.isPlaying && !s.isPlaying)) {
      if (pending) clearTimeout(pending)
      pending = null
      lastTimeWrite = performance.now()
      writeUrl(s)
      return
    }
    // A briefing link names the chapter, not the time.
    if (s.briefing || s.timeMinutes === prev.timeMinutes || pending) return
    const wait = Math.max(0, lastTimeWrite + TIME_URL_INTERVAL_MS - performance.now())
    pending = setTimeout(() => {
      pending = null
      lastTimeWrite = performance.now()
      writeUrl(store.getState())
    }, wait)
  })
}

function syncTheme(store: AppStore): void {
  const apply = (theme: AppState['theme']): void => {
    document.documentElement.dataset.theme = theme
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme)
  }
  apply(store.getState().theme)
  store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply(s.theme)
  })
}

/** Opens what a link asks for: a briefing at a chapter, or a dashboard view; says what it ignored. */
function openLink(
  store: AppStore,
  briefings: BriefingCatalog,
  hash: string,
  extraNotices: readonly string[] = [],
): void {
  const link = readBriefingLink(hash, briefings)
  if (link.found) {
    store.getState().openBriefing(link.found.known.briefing, link.found.chapterIndex)
    const notices = [...extraNotices, ...link.notices]
    if (notices.length > 0) store.setState({ notices })
    return
  }
  store.getState().leaveBriefing()
  const { state, notices } = readLink(link.viewHash)
  store.getState().applyUrlState(state, [...extraNotices, ...notices, ...link.notices])
}

/** The presenter's window: no simulation of its own, only the briefing window's chapter. */
function startPresenter(root: HTMLElement, briefingId: string): void {
  document.title = 'keyroute – presenter view'
  createRoot(root).render(
    <StrictMode>
      <PresenterView briefingId={briefingId} />
    </StrictMode>,
  )
}

async function start(): Promise<void> {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  // An offline file carries its briefing in a data block: read once, before anything renders.
  const briefings = briefingCatalog(embeddedBriefing(document))
  const presenter = readBriefingLink(window.location.hash, briefings)
  if (presenter.isPresenter)
    return startPresenter(
      root,
      new URLSearchParams(window.location.hash.slice(1)).get('briefing') ?? '',
    )
  const client = await createClient()
  // After a crash, "Run again" starts a fresh worker; the dead one cannot be revived.
  // The library lives only in this browser's database: nothing of it is ever in the page's files.
  // Its database code loads after the first run has started, off the first-load path.
  const store = createAppStore(client, undefined, {
    createClient,
    briefings,
    openLibrary: () => import('./store/library-db').then((m) => m.openLibraryStorage()),
  })
  syncTheme(store)
  openLink(store, briefings, window.location.hash, briefings.notices)
  // A link pasted into an open tab changes only the hash: apply it rather than overwrite it.
  window.addEventListener('hashchange', () => {
    if (window.location.hash === hashOf(store.getState())) return
    openLink(store, briefings, window.location.hash)
  })
  syncUrl(store)
  connectBriefingChannel(store)
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  )
}

void start()
