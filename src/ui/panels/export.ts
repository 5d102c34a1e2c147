/**
 * The browser's part of a download: saving text or bytes as a file. What the files hold is
 * written elsewhere (src/sim/exports.ts for the data, which the command line shares; src/ui/export
 * for pictures).
 */

/** Saves a blob as a file through a temporary object URL (no network). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Saves text as a file. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }))
}
