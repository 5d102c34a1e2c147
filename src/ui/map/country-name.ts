/**
 * English country names for ISO 3166-1 alpha-2 codes, shared by the map and the panels so both
 * name a country the same way. Chromium's `Intl.DisplayNames` works offline; a runtime without it
 * (or a code it does not know) gets the code back.
 */

let regionNames: Intl.DisplayNames | null | undefined

function displayNames(): Intl.DisplayNames | null {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
    } catch {
      regionNames = null
    }
  }
  return regionNames
}

/** English name of an ISO alpha-2 country code ("AF" -> "Afghanistan"), else the code itself. */
export function countryName(alpha2: string): string {
  const code = alpha2.trim().toUpperCase()
  if (!/^[A-Z]{2}$/.test(code)) return alpha2
  try {
    return displayNames()?.of(code) ?? alpha2
  } catch {
    return alpha2
  }
}
