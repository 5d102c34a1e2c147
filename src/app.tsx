import { SiteList } from './ui/map/site-list'
import { WorldMap } from './ui/map/world-map'
// After Leaflet's and the map's sheets (their order before the split), before every other area's.
import './ui/app.css'
import { PolicyPicker, PresetPicker } from './ui/controls/scenario-controls'
import { RunProgress } from './ui/controls/run-progress'
import { RunSettings } from './ui/controls/run-settings'
import { ThemeToggle } from './ui/controls/theme-toggle'
import { useEscapeToClear } from './ui/controls/use-escape-to-clear'
import { ErrorBoundary } from './ui/panels/error-boundary'
import { Notices } from './ui/panels/notices'
import { SidePanel } from './ui/panels/side-panel'
import { Timeline } from './ui/timeline/timeline'
import { BriefingView } from './ui/briefing/briefing-view'
import { PresentButton } from './ui/briefing/present-button'
import { ExportImageMenu } from './ui/export/export-image-menu'
import { RecordClip } from './ui/export/record-clip'
import { SIMULATION_MARK, SIMULATION_WATERMARK } from './ui/export/scene-text'
import { useAppStore, useAppStoreApi } from './ui/store-context'

/** The dashboard, or the briefing being presented. */
export function App() {
  const isBriefing = useAppStore((s) => s.briefing !== null)
  return isBriefing ? <BriefingView /> : <Dashboard />
}

/** The dashboard: header with the controls, the map in the middle, panels right, timeline below. */
function Dashboard() {
  useEscapeToClear(useAppStoreApi())
  return (
    <div className="kr-app">
      <header className="kr-header">
        <h1 className="kr-title">keyroute</h1>
        <p className="kr-badge" title="Every figure here comes from a simulation model">
          {SIMULATION_MARK}
        </p>
        <PresetPicker />
        <PolicyPicker />
        <RunSettings />
        <RunProgress />
        <ThemeToggle />
      </header>
      <Notices />
      <main className="kr-map-area" aria-label="Map">
        <ErrorBoundary name="map">
          <WorldMap />
        </ErrorBoundary>
        <p className="kr-watermark" aria-hidden="true">
          {SIMULATION_WATERMARK}
        </p>
        <PresentButton />
        <ExportImageMenu>
          <RecordClip />
        </ExportImageMenu>
      </main>
      <SidePanel
        siteList={
          <ErrorBoundary name="site list">
            <SiteList />
          </ErrorBoundary>
        }
      />
      <footer className="kr-footer">
        <ErrorBoundary name="timeline">
          <Timeline />
        </ErrorBoundary>
      </footer>
    </div>
  )
}
