// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseBriefingText } from '../../../src/sim/briefing'
import { briefingFileOf } from '../../../src/store/briefing-draft-slice'
import { BriefingPanel } from '../../../src/ui/panels/briefing-panel'
import { SidePanel } from '../../../src/ui/panels/side-panel'
import { renderWith, startHarness } from '../render-app'
import type { Harness } from '../render-app'

const jsonFile = (name: string, text: string) =>
  new File([text], name, { type: 'application/json' })

function renderedPanel(): Harness {
  const h = startHarness({ finish: true })
  renderWith(h, <BriefingPanel />)
  return h
}

async function addTwo(h: Harness): Promise<void> {
  const add = screen.getByRole('button', { name: 'Add this view as a chapter' })
  await userEvent.click(add)
  h.store.getState().setTime(600)
  await userEvent.click(add)
}

const chapterTitles = () =>
  screen
    .getAllByRole('textbox', { name: /^Title of chapter \d+$/ })
    .map((input) => (input as HTMLInputElement).value)

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('BriefingPanel', () => {
  it('adds the view as a chapter and says so in a status', async () => {
    const h = renderedPanel()
    await addTwo(h)
    expect(chapterTitles()).toHaveLength(2)
    expect(chapterTitles()[1]).toMatch(/, 27 Mar 2020, 10:00 UTC$/)
    expect(screen.getByRole('status')).toHaveTextContent(/^Added chapter 2: /)
    expect(screen.getByLabelText('Caption of chapter 1')).toHaveAccessibleDescription(
      /\{concernExposures\}: Keys from a jurisdiction of concern \(at the step shown; up to it\)/,
    )
  })

  it('retitles and moves chapters with the keyboard, focus following the chapter', async () => {
    const h = renderedPanel()
    await addTwo(h)
    const first = screen.getByLabelText('Title of chapter 1')
    await userEvent.clear(first)
    await userEvent.type(first, 'Opening')
    expect(h.store.getState().draft?.chapters[0]?.title).toBe('Opening')
    expect(screen.getByRole('button', { name: 'Move chapter 1 up' })).toBeDisabled()
    screen.getByRole('button', { name: 'Move chapter 1 down' }).focus()
    await userEvent.keyboard('{Enter}')
    expect(chapterTitles()[1]).toBe('Opening')
    expect(screen.getByRole('status')).toHaveTextContent('Moved chapter 1 down to 2.')
    // The last chapter cannot go down: the focus is on its way back up.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move chapter 2 up' }))
    await userEvent.keyboard('{Enter}')
    expect(chapterTitles()[0]).toBe('Opening')
  })

  it('removes a chapter, and clearing asks first', async () => {
    const h = renderedPanel()
    await addTwo(h)
    await userEvent.click(screen.getByRole('button', { name: 'Remove chapter 1' }))
    expect(chapterTitles()).toHaveLength(1)
    expect(screen.getByRole('status')).toHaveTextContent(/^Removed chapter 1: /)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show chapter 1' }))
    await userEvent.click(screen.getByRole('button', { name: 'Clear briefing' }))
    await userEvent.click(screen.getByRole('button', { name: 'Keep them' }))
    expect(h.store.getState().draft?.chapters).toHaveLength(1)
    await userEvent.click(screen.getByRole('button', { name: 'Clear briefing' }))
    await userEvent.click(screen.getByRole('button', { name: 'Clear all 1 chapters' }))
    expect(h.store.getState().draft).toBeNull()
  })

  it('downloads the briefing as a file that parses, and lists what keeps a draft from it', async () => {
    const h = renderedPanel()
    await addTwo(h)
    const blobs: Blob[] = []
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:briefing'),
      revokeObjectURL: () => {},
    })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await userEvent.click(screen.getByRole('button', { name: 'Download briefing' }))
    expect(click).toHaveBeenCalledOnce()
    expect(click.mock.contexts[0]).toHaveProperty('download', 'my-briefing.briefing.json')
    const text = await blobs[0]!.text()
    expect(text).toBe(briefingFileOf(h.store.getState().draft!).text)
    expect(parseBriefingText(text).ok).toBe(true)

    await userEvent.clear(screen.getByLabelText('Caption of chapter 2'))
    expect(screen.getByRole('button', { name: 'Download briefing' })).toBeDisabled()
    expect(screen.getByText('Before it can be downloaded:').parentElement).toHaveTextContent(
      'chapters[1].caption',
    )
  })

  it('imports a good briefing as the draft, and refuses a bad one with every error and its path', async () => {
    const h = renderedPanel()
    await addTwo(h)
    const draft = h.store.getState().draft!
    const good = JSON.parse(briefingFileOf(draft).text) as { chapters: unknown[] }
    const input = screen.getByLabelText('Import briefing')
    const bad = { ...good, id: 'Bad Id', chapters: [{ title: '' }] }
    await userEvent.upload(input, jsonFile('bad.briefing.json', JSON.stringify(bad)))
    const alert = screen.getByRole('alert')
    await vi.waitFor(() => expect(alert).toHaveTextContent(/bad\.briefing\.json was not loaded/))
    expect(alert).toHaveTextContent('the briefing being written stays as it was')
    const paths = within(alert)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('code')?.textContent)
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'chapters[0].title',
        'chapters[0].caption',
        'chapters[0].view',
      ]),
    )
    expect(h.store.getState().draft).toBe(draft)

    const one = { ...good, title: 'Imported', chapters: good.chapters.slice(1) }
    await userEvent.upload(input, jsonFile('one.briefing.json', JSON.stringify(one)))
    await vi.waitFor(() => expect(alert).toHaveTextContent(/^Loaded one\.briefing\.json\.$/))
    expect(chapterTitles()).toHaveLength(1)
    expect(screen.getByLabelText('Briefing title')).toHaveValue('Imported')
  })

  it('shows a chapter’s view in the dashboard and stays on the briefing tab', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <SidePanel />)
    const s = h.store.getState()
    s.setSurgeMultiplier(1.5)
    h.client.drain()
    s.select({ kind: 'site', id: 'beijing' })
    await userEvent.click(screen.getByRole('tab', { name: 'Briefing' }))
    await userEvent.click(screen.getByRole('button', { name: 'Add this view as a chapter' }))
    s.setSurgeMultiplier(1)
    s.select(null)
    await userEvent.click(screen.getByRole('button', { name: 'Show chapter 1' }))
    expect(h.store.getState().settings.surgeMultiplier).toBe(1.5)
    expect(h.store.getState().selection).toEqual({ kind: 'site', id: 'beijing' })
    expect(screen.getByRole('tab', { name: 'Briefing' })).toHaveAttribute('aria-selected', 'true')
  })
})
