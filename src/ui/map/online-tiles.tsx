import { Component } from 'react'
import type { ReactNode } from 'react'
import { TileLayer } from 'react-leaflet'
import { tileUrlProblem } from '../../store/tile-url'
import { useAppStore } from '../store-context'

/** Drops the tile layer, not the map, if a tile address still fails while drawing. */
class TileBoundary extends Component<{ readonly children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: unknown): void {
    console.error('keyroute: the online tile layer failed and was switched off', error)
  }

  override render() {
    return this.state.failed ? null : this.props.children
  }
}

/** Tiles from a server the user named in the settings; nothing is fetched while it is empty. */
export function OnlineTiles() {
  const tileUrl = useAppStore((s) => s.tileUrl)
  if (!tileUrl || tileUrlProblem(tileUrl) !== null) return null
  return (
    <TileBoundary key={tileUrl}>
      <TileLayer url={tileUrl} opacity={0.6} />
    </TileBoundary>
  )
}
