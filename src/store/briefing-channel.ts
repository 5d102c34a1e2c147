/**
 * Keeps a presenter window in step with the briefing window, both ways, over a BroadcastChannel
 * (same origin only; Firefox and Chromium alike). The briefing window says what it shows; the
 * presenter asks for it when it opens and sends forward, back or a chapter to go to.
 */
import { parseBriefing } from '../sim/briefing'
import type { Briefing } from '../sim/briefing'
import type { AppStore } from './store'

/** The channel's name. */
export const BRIEFING_CHANNEL = 'keyroute-briefing'

/** What the presenter window sends. */
export type PresenterCommand =
  | { readonly type: 'hello' }
  | { readonly type: 'forward' }
  | { readonly type: 'back' }
  | { readonly type: 'go'; readonly chapterIndex: number }

/** What the briefing window says: the briefing (a custom one is not in the presenter's build) and where it stands. */
export interface ShownMessage {
  readonly type: 'shown'
  readonly briefing: unknown
  readonly chapterIndex: number
  readonly isPlaying: boolean
}

/** Whether the briefing window said it left briefing mode. */
export function isClosedMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'closed'
}

/** A message the presenter can trust: its briefing validated like a file. */
export function readShown(data: unknown): {
  readonly briefing: Briefing
  readonly chapterIndex: number
  readonly isPlaying: boolean
} | null {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'shown')
    return null
  const m = data as ShownMessage
  const parsed = parseBriefing(m.briefing)
  if (!parsed.ok || !Number.isInteger(m.chapterIndex)) return null
  if (m.chapterIndex < 0 || m.chapterIndex >= parsed.briefing.chapters.length) return null
  return {
    briefing: parsed.briefing,
    chapterIndex: m.chapterIndex,
    isPlaying: m.isPlaying === true,
  }
}

function readCommand(data: unknown): PresenterCommand | null {
  if (typeof data !== 'object' || data === null) return null
  const m = data as { type?: unknown; chapterIndex?: unknown }
  if (m.type === 'hello' || m.type === 'forward' || m.type === 'back') return { type: m.type }
  if (m.type === 'go' && Number.isInteger(m.chapterIndex))
    return { type: 'go', chapterIndex: m.chapterIndex as number }
  return null
}

/** Something that carries messages between windows: a BroadcastChannel, or a fake in tests. */
export type MessagePort = Pick<BroadcastChannel, 'postMessage' | 'close'> & {
  onmessage: ((event: MessageEvent) => void) | null
}

/**
 * The briefing window's side: says the chapter shown whenever it changes (and to a presenter
 * that says hello), and follows the presenter's commands. Returns the function that stops it.
 */
export function connectBriefingChannel(
  store: AppStore,
  open: () => MessagePort | null = () =>
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(BRIEFING_CHANNEL) : null,
): () => void {
  const port = open()
  if (!port) return () => undefined
  const say = (): void => {
    const { briefing, chapterIndex, isPlaying } = store.getState()
    port.postMessage(
      briefing
        ? ({ type: 'shown', briefing, chapterIndex, isPlaying } satisfies ShownMessage)
        : { type: 'closed' },
    )
  }
  port.onmessage = (event) => {
    const command = readCommand(event.data)
    const s = store.getState()
    if (!command || !s.briefing) return
    if (command.type === 'hello') say()
    else if (command.type === 'forward') s.forward()
    else if (command.type === 'back') s.back()
    else s.showChapter(command.chapterIndex)
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.briefing !== prev.briefing ||
      s.chapterIndex !== prev.chapterIndex ||
      s.isPlaying !== prev.isPlaying
    )
      say()
  })
  return () => {
    unsubscribe()
    port.close()
  }
}

/** The presenter window's end of the channel. */
export interface PresenterLink {
  readonly send: (command: PresenterCommand) => void
  readonly close: () => void
}

/**
 * The presenter window's side: says hello (the briefing window answers with what it shows),
 * then hands on what the briefing window shows, or that it left briefing mode. Null where the
 * browser has no BroadcastChannel.
 */
export function connectPresenter(
  onShown: (shown: NonNullable<ReturnType<typeof readShown>>) => void,
  onClosed: () => void,
): PresenterLink | null {
  if (typeof BroadcastChannel !== 'function') return null
  const port = new BroadcastChannel(BRIEFING_CHANNEL)
  port.onmessage = (event: MessageEvent) => {
    if (isClosedMessage(event.data)) return onClosed()
    const shown = readShown(event.data)
    if (shown) onShown(shown)
  }
  port.postMessage({ type: 'hello' } satisfies PresenterCommand)
  return { send: (command) => port.postMessage(command), close: () => port.close() }
}
