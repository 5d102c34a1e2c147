import { useState } from 'react'
import type { BriefingInput } from '../../sim/briefing'
import {
  InvalidBriefingError,
  offlineBriefingHtml,
  offlineFileName,
} from '../../store/offline-briefing'
import { downloadText } from '../panels/export'

type Status = { readonly kind: 'idle' | 'busy' } | { readonly kind: 'failed'; readonly why: string }

const MAX_ERRORS_SHOWN = 5

function describeFailure(error: unknown): string {
  if (!(error instanceof InvalidBriefingError))
    return error instanceof Error ? error.message : String(error)
  const shown = error.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `${e.path}: ${e.message}`)
  const more = error.errors.length - shown.length
  return `The briefing is not valid: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`
}

/**
 * Saves `briefing` as one HTML file that opens anywhere with no network: the whole dashboard
 * with the briefing inside, as `npm run pack -- --briefing` writes it.
 */
export function DownloadOfflineButton({ briefing }: { briefing: BriefingInput }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const download = (): void => {
    setStatus({ kind: 'busy' })
    offlineBriefingHtml(briefing).then(
      (html) => {
        downloadText(offlineFileName(briefing), html, 'text/html')
        setStatus({ kind: 'idle' })
      },
      (error: unknown) => setStatus({ kind: 'failed', why: describeFailure(error) }),
    )
  }
  return (
    <span className="kr-offline-download">
      <button
        type="button"
        onClick={download}
        disabled={status.kind === 'busy'}
        title="One HTML file with the whole dashboard and this briefing: it opens from disk with no network"
      >
        {status.kind === 'busy' ? 'Preparing offline file…' : 'Download offline briefing'}
      </button>
      {status.kind === 'failed' && <span role="alert">Not downloaded: {status.why}</span>}
    </span>
  )
}
