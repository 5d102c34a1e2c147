/**
 * The browser's part of a download: saving text or bytes as a file. What the files hold is
 * written elsewhere (src/sim/exports.ts for the data, which the command line shares; src/ui/export
 * for pictures).
 */

/**
 * How long a download's object URL outlives the click: the browser fetches it after the click
 * returns, and a URL revoked first cancels the download. On a busy machine the fetch came after a
 * zero-delay timer now and then, and the file never arrived; FileSaver.js waits 40 s too.
 */
export const OBJECT_URL_LIFETIME_MS = 40_000

/** Saves a blob as a file through a temporary object URL (no network). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS)
}

/** Saves text as a file. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }))
}
