/**
 * Serves the built renderer (out/renderer) with the shim injected into index.html.
 * Paths are decoded, resolved and checked to stay inside the root; unknown page paths get
 * index.html (single-page app), unknown asset paths (with a file extension) get 404.
 */
import { readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { sendText } from './http'

export const SHIM_PATH = '/__harness/shim.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Puts the shim's script tag right before the first <script (or before </head> if none). */
export function injectShim(html: string): string {
  const tag = `<script src="${SHIM_PATH}"></script>`
  const lower = html.toLowerCase()
  let at = lower.indexOf('<script')
  if (at < 0) at = lower.indexOf('</head>')
  if (at < 0) return tag + html
  return html.slice(0, at) + tag + '\n    ' + html.slice(at)
}

/** Maps a URL path to a file inside root, or undefined when it would leave root or is malformed. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  const target = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  const rel = relative(root, target)
  if (rel === '') return target
  if (rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return undefined
  return target
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** `pageHeaders` go on every HTML answer (the harness sends the app's Content-Security-Policy, as Electron does). */
export function createStaticServer(root: string, pageHeaders: Record<string, string> = {}) {
  const rootDir = resolve(root)
  const indexFile = join(rootDir, 'index.html')

  function sendIndex(req: IncomingMessage, res: ServerResponse): void {
    let html: string
    try {
      html = readFileSync(indexFile, 'utf8') // read per request: a rebuild shows up without a restart
    } catch {
      sendText(res, 500, `${indexFile} is missing: run \`npm run build\``)
      return
    }
    const body = Buffer.from(injectShim(html), 'utf8')
    res.writeHead(200, { ...pageHeaders, 'Content-Type': CONTENT_TYPES['.html']!, 'Content-Length': body.length, 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /**
   * The build links its assets relatively (./assets/x.js, as Electron's file:// needs), so a page
   * opened at a deep path (/sessions/12) asks for /sessions/assets/x.js: drop leading segments
   * until a file inside the root matches.
   */
  function findUnderDeepPath(pathname: string): string | undefined {
    const segments = pathname.split('/').filter((s) => s !== '')
    for (let i = 1; i < segments.length; i++) {
      const candidate = resolveInside(rootDir, '/' + segments.slice(i).join('/'))
      if (candidate !== undefined && candidate !== indexFile && isFile(candidate)) return candidate
    }
    return undefined
  }

  return function serve(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (pathname === '/' || pathname === '/index.html') {
      sendIndex(req, res)
      return
    }
    const file = resolveInside(rootDir, pathname)
    if (file === undefined) {
      sendText(res, 404, 'Not found')
      return
    }
    if (file === indexFile) {
      sendIndex(req, res)
      return
    }
    const found = isFile(file) ? file : findUnderDeepPath(pathname)
    if (found !== undefined) {
      let body: Buffer
      try {
        body = readFileSync(found)
      } catch {
        sendText(res, 404, 'Not found')
        return
      }
      res.writeHead(200, { 'Content-Type': contentTypeOf(found), 'Content-Length': body.length, 'Cache-Control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    // A missing asset is a 404, not the page: a missing script should fail loudly.
    const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
    if (extname(lastSegment) !== '') {
      sendText(res, 404, 'Not found')
      return
    }
    sendIndex(req, res)
  }
}
