/**
 * Pure security decisions, kept out of the Electron files so they are unit tested
 * (a sender check that ships inverted is a known failure in this field).
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes; recharts writes inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Is `url` the app's own page? In production the page is a file inside the app; in development
 * it is the dev server's origin. Anything else (another file, another origin, about:blank) is not.
 */
export function isAppUrl(url: string | undefined, app: { devServerUrl?: string; rendererFile: string }): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (app.devServerUrl) {
    return parsed.origin === new URL(app.devServerUrl).origin
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false
  const expected = app.rendererFile.replace(/\\/g, '/')
  return decodeURIComponent(parsed.pathname) === (expected.startsWith('/') ? expected : `/${expected}`)
}
