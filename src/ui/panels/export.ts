/**
 * The browser's part of a download: saving text as a file. What the files hold is written by
 * src/sim/exports.ts, which the command line shares.
 */

/** Saves text as a file through a temporary object URL (no network). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
