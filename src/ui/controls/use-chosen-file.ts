import { useRef } from 'react'
import type { ChangeEvent } from 'react'

/**
 * The change handler of a file input that reads the chosen file as text and hands it to
 * `accept`, or a reason to `refuse`: a file over `maxBytes` is refused before it is read, so a
 * huge one never reaches memory or the parser. Files are read asynchronously: only the last one
 * chosen may report.
 */
export function useChosenFile(
  maxBytes: number,
  kind: string,
  accept: (text: string, fileName: string) => void,
  refuse: (fileName: string, message: string) => void,
): (e: ChangeEvent<HTMLInputElement>) => Promise<void> {
  const lastChosen = useRef(0)
  return async (e) => {
    const input = e.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    const chosen = ++lastChosen.current
    if (file.size > maxBytes) {
      refuse(
        file.name,
        `the file is ${(file.size / 1e6).toFixed(1)} MB; ${kind} files are limited to ${maxBytes / 1e6} MB`,
      )
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch (error) {
      if (chosen === lastChosen.current)
        refuse(
          file.name,
          `the file could not be read (${error instanceof Error ? error.message : String(error)})`,
        )
      return
    }
    if (chosen === lastChosen.current) accept(text, file.name)
  }
}
