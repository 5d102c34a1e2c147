import { Suspense, lazy, useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'
import { useAppStore, useAppStoreApi } from '../store-context'
import { BriefingPanel } from './briefing-panel'
import { ComparePanel } from './compare-panel'
import { DetailsPanel } from './details-panel'
import { ErrorBoundary } from './error-boundary'
import { EvidencePanels } from './evidence-panels'
import { IncidentTable } from './incident-table'
import { KeyFigures } from './key-figures'
import { KeyPaths } from './key-paths'
import { LibraryPanel } from './library-panel'
import { SourcesPanel } from './sources-panel'
import './panels.css'

// recharts is about a third of the JavaScript: it loads only when the charts tab opens.
const ChartsPanel = lazy(() =>
  import('../charts/charts-panel').then((m) => ({ default: m.ChartsPanel })),
)

// The sweep brings recharts and its form: it loads when its tab opens.
const SweepPanel = lazy(() => import('./sweep-panel').then((m) => ({ default: m.SweepPanel })))
// Importing observations is not needed at first load: its panel and sample load with the tab.
const ObservationsPanel = lazy(() =>
  import('./observations-panel').then((m) => ({ default: m.ObservationsPanel })),
)

const TABS = [
  'overview',
  'charts',
  'incidents',
  'selection',
  'sweep',
  'sources',
  'briefing',
  'library',
] as const
type Tab = (typeof TABS)[number]
const TAB_LABELS: Record<Tab, string> = {
  overview: 'Figures',
  charts: 'Charts',
  incidents: 'Incidents',
  selection: 'Selection',
  sweep: 'Sweep',
  sources: 'Sources',
  briefing: 'Briefing',
  library: 'My library',
}

/**
 * The right-hand panel: tabs for figures, charts, incidents, the selection, the sources, the
 * briefing being written and the user's library.
 */
export function SidePanel({ siteList }: { siteList?: ReactNode }) {
  const store = useAppStoreApi()
  // A link that carries a selection opens on it.
  const [tab, setTab] = useState<Tab>(() => {
    const selection = store.getState().selection
    return selection && selection.kind !== 'incident' ? 'selection' : 'overview'
  })
  const isComparing = useAppStore((s) => s.comparePolicy !== null)
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})
  const baseId = useId()

  const panelRef = useRef<HTMLDivElement | null>(null)
  // Showing a chapter selects what it is about: the author stays with the briefing.
  const tabRef = useRef(tab)
  useEffect(() => {
    tabRef.current = tab
  }, [tab])

  // A pick on the map should show what was picked; the incident table shows its own selection.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.selection === prev.selection || !s.selection || s.selection.kind === 'incident')
          return
        if (tabRef.current === 'briefing') return
        setTab('selection')
        // The details sit at the top, above the site list: a click far down the list would change
        // them out of sight. A key press in the panel keeps the view on the focused button.
        const panel = panelRef.current
        const active = document.activeElement
        const isKeyboard = active instanceof HTMLElement && active.matches(':focus-visible')
        if (panel && !(isKeyboard && panel.contains(active))) panel.scrollTop = 0
      }),
    [store],
  )

  // Each tab starts at its top, not at the offset the previous tab was scrolled to.
  useEffect(() => {
    if (panelRef.current) panelRef.current.scrollTop = 0
  }, [tab])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.indexOf(tab)
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined
    if (!next) return
    e.preventDefault()
    setTab(next)
    tabRefs.current[next]?.focus()
  }

  return (
    <aside className="kr-side" aria-label="Figures and details">
      <div role="tablist" aria-label="Panels" className="kr-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        ref={panelRef}
        className="kr-tabpanel"
        tabIndex={0}
      >
        <ErrorBoundary key={tab} name={TAB_LABELS[tab]}>
          {tab === 'overview' &&
            (isComparing ? (
              <>
                <ComparePanel />
                <KeyFigures />
                <EvidencePanels />
              </>
            ) : (
              <>
                <KeyFigures />
                <EvidencePanels />
                <ComparePanel />
              </>
            ))}
          {tab === 'charts' && (
            <Suspense fallback={<p role="status">Loading charts…</p>}>
              <ChartsPanel />
            </Suspense>
          )}
          {tab === 'incidents' && (
            <>
              <IncidentTable />
              <Suspense fallback={null}>
                <ObservationsPanel />
              </Suspense>
              <DetailsPanel />
            </>
          )}
          {tab === 'selection' && (
            <>
              <DetailsPanel />
              <KeyPaths />
              {siteList && (
                <section aria-label="Sites" className="kr-card">
                  {siteList}
                </section>
              )}
            </>
          )}
          {tab === 'sweep' && (
            <Suspense fallback={<p role="status">Loading the sweep…</p>}>
              <SweepPanel />
            </Suspense>
          )}
          {tab === 'sources' && <SourcesPanel />}
          {tab === 'briefing' && <BriefingPanel />}
          {tab === 'library' && <LibraryPanel />}
        </ErrorBoundary>
      </div>
    </aside>
  )
}
