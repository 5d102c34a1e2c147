import './zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { createAppStore } from './store/store'
import type { AppState, AppStore } from './store/store'
import { readLink } from './store/link-check'
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

function writeUrl(state: AppState): void {
  const hash = `#${linkOf(state)}`
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
    // A new view is written at once, and so is the time where playback stops.
    if (hasViewLinkChanged(s, prev) || (prev.isPlaying && !s.isPlaying)) {
      if (pending) clearTimeout(pending)
      pending = null
      lastTimeWrite = performance.now()
      writeUrl(s)
      return
    }
    if (s.timeMinutes === prev.timeMinutes || pending) return
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

async function start(): Promise<void> {
  const client = await createClient()
  // After a crash, "Run again" starts a fresh worker; the dead one cannot be revived.
  // The library lives only in this browser's database: nothing of it is ever in the page's files.
  // Its database code loads after the first run has started, off the first-load path.
  const store = createAppStore(client, undefined, {
    createClient,
    openLibrary: () => import('./store/library-db').then((m) => m.openLibraryStorage()),
  })
  syncTheme(store)
  const { state, notices } = readLink(window.location.hash)
  store.getState().applyUrlState(state, notices)
  // A link pasted into an open tab changes only the hash: apply it rather than overwrite it.
  window.addEventListener('hashchange', () => {
    if (window.location.hash === `#${linkOf(store.getState())}`) return
    const next = readLink(window.location.hash)
    store.getState().applyUrlState(next.state, next.notices)
  })
  syncUrl(store)
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  )
}

void start()
