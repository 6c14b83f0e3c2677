/**
 * Test harness: the built renderer and the real handlers (real SQLite file) over HTTP, so
 * Playwright can drive the app in plain Chromium without Electron. Test-only: never built
 * into the app.
 *
 *   npm run harness            (after npm run build)
 *
 * Environment:
 *   PORT                 port on 127.0.0.1 (default 5199; 0 picks a free one, shown in the ready line)
 *   DB_PATH              database file (default: a new file in a fresh temp dir, removed on exit)
 *   HARNESS_CLOCK        "manual": the clock stands still and moves only via POST /__harness/clock
 *   HARNESS_CLOCK_START  manual clock's start, epoch ms (default: the real time at start)
 *   HARNESS_INTEGRITY    "held": the start-up integrity check waits for POST /__harness/integrity (see integrity.ts);
 *                        otherwise the harness waits for the check before its ready line
 *
 * A DB_PATH that cannot be opened or fails its integrity check starts the harness in recovery
 * mode (as the app does): the page shows the recovery screen and offers the latest good backup
 * from the backup folder (backups/ next to the database unless storage-settings.json says otherwise).
 *
 * PINs set through the harness are hashed at a low scrypt cost (test-only; see HARNESS_PIN_COST).
 *
 * Routes:
 *   POST /api/<channel>        JSON body -> handlers[channel](body) -> 200 with the Result JSON
 *   GET  /__harness/events     server-sent events: what main tells the windows (src/shared/appEvents.ts), each a
 *                              `data:` line of JSON; main's time first on every (re)connection
 *   GET  /__harness/clock      {"now": ms}
 *   POST /__harness/clock      {"advanceMs": n}, {"set": epochMs} or {"jumpMs": n} -> {"now": ms} (manual clock only;
 *                              jumpMs changes the computer's clock while no time passes, see clock.ts); the pages
 *                              are told of the move as a clock event
 *   POST /__harness/fault      {"kind": "readonly" | "full" | "corrupt" | "ok"} -> {"fault": kind}: storage trouble
 *                              brought on (or undone) at once, see fault.ts
 *   POST /__harness/integrity  {} -> {"released": boolean}: lets a held start-up integrity check run
 *   GET  /__harness/shim.js    the window.api shim, injected into index.html before the app's script
 *   GET  anything else         out/renderer files; unknown page paths get index.html
 *
 * Prints exactly one line to stdout, `ready http://127.0.0.1:PORT`, once listening; everything
 * else goes to stderr. SIGTERM/SIGINT close the server and the database and exit 0.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Handlers } from '../../src/main/app/handlers'
import { boot, type Booted } from '../../src/main/app/boot'
import Database from 'better-sqlite3'
import type { Db } from '../../src/main/db/connection'
import { newestRecordedAt } from '../../src/main/record/recordClock'
import { CONTENT_SECURITY_POLICY } from '../../src/main/electron/security'
import { APP_EVENT_TYPES, CHANNELS, type Channel } from '../../src/shared/contract'
import { ClockError, createHarnessClock, parseClockMode, type HarnessClock } from './clock'
import { BodyTooLargeError, errorResult, MAX_BODY_BYTES, readBody, sendJson, sendText } from './http'
import { createHarnessIntegrity, type HarnessIntegrity } from './integrity'
import { createFaults, FAULT_KINDS, type FaultKind, type Faults } from './fault'
import { buildShim } from './shim'
import { createStaticServer, SHIM_PATH } from './static'

const REPO_ROOT = resolve(__dirname, '../..')
const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer')
const DEFAULT_PORT = 5199
const CLOCK_PATH = '/__harness/clock'
const FAULT_PATH = '/__harness/fault'
const INTEGRITY_PATH = '/__harness/integrity'
const EVENTS_PATH = '/__harness/events'
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS)
const HARNESS_PIN_COST = { N: 2 ** 12, r: 8, p: 1 }

function fatal(message: string): never {
  process.stderr.write(`harness: ${message}\n`)
  process.exit(1)
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(`PORT must be an integer from 0 to 65535 (got "${value}")`)
  return port
}

function parseStart(value: string | undefined): number {
  if (value === undefined || value === '') return Date.now()
  const start = Number(value)
  if (!Number.isSafeInteger(start) || start < 0) fatal(`HARNESS_CLOCK_START must be an epoch time in ms (got "${value}")`)
  return start
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key)

interface Deps {
  booted: Booted
  handlers: Handlers
  faults: Faults
  clock: HarnessClock
  integrity: HarnessIntegrity
  shim: string
  serveStatic: ReturnType<typeof createStaticServer>
}

async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, deps: Deps): Promise<void> {
  let channel: string
  try {
    channel = decodeURIComponent(pathname.slice('/api/'.length))
  } catch {
    channel = pathname.slice('/api/'.length)
  }
  if (!CHANNEL_SET.has(channel)) {
    sendJson(res, 404, errorResult('NOT_FOUND', `Unknown channel "${channel}"`))
    return
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, errorResult('INVALID_INPUT', `Use POST for /api/${channel}`), { Allow: 'POST' })
    return
  }
  let text: string
  try {
    text = await readBody(req)
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      sendJson(res, 413, errorResult('INVALID_INPUT', `The request is too large (limit ${MAX_BODY_BYTES} bytes). Nothing was saved.`), {
        Connection: 'close'
      })
    } else {
      sendJson(res, 400, errorResult('INVALID_INPUT', 'The request could not be read. Nothing was saved.'))
    }
    return
  }
  // An empty body means "no input" (the handlers treat it as {}); anything else must be JSON.
  // JSON.parse makes plain data: a "__proto__" key is an own property, and nothing is merged.
  let input: unknown
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text)
    } catch (e) {
      sendJson(res, 200, errorResult('INVALID_INPUT', `The request body is not valid JSON (${(e as Error).message}). Nothing was saved.`))
      return
    }
  }
  let result: unknown
  try {
    result = await deps.handlers[channel as Channel](input)
  } catch (e) {
    // handlers.ts never throws by design; if it does, answer like the app would.
    process.stderr.write(`harness: ${channel} threw: ${(e as Error)?.stack ?? String(e)}\n`)
    sendJson(res, 500, errorResult('INTERNAL', 'Something went wrong and nothing was saved.'))
    return
  }
  sendJson(res, 200, result)
}

/** Server-sent events: every event of the bus, as the app's preload receives them over IPC. */
function handleEvents(req: IncomingMessage, res: ServerResponse, booted: Booted): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
  // Reconnect quickly after a harness restart; main's time first, to tick on from.
  const send = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\n\n`)
  res.write('retry: 300\n\n')
  send(booted.clockEvent())
  const unsubscribe = booted.bus.subscribeAfterAnswers(send)
  req.on('close', unsubscribe)
}

async function handleClock(req: IncomingMessage, res: ServerResponse, clock: HarnessClock, booted: Booted): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendJson(res, 200, { now: clock.now() })
    return
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'Use GET or POST' }, { Allow: 'GET, POST' })
    return
  }
  let text: string
  try {
    text = await readBody(req, 64 * 1024)
  } catch {
    sendJson(res, 413, { error: 'The clock request is too large' }, { Connection: 'close' })
    return
  }
  if (clock.mode !== 'manual') {
    sendJson(res, 400, { error: 'The harness clock follows the real time: start the harness with HARNESS_CLOCK=manual to move it' })
    return
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    sendJson(res, 400, { error: 'Send JSON: {"advanceMs": n}, {"set": epochMs} or {"jumpMs": n}' })
    return
  }
  const ops = isRecord(body) ? (['advanceMs', 'set', 'jumpMs'] as const).filter((k) => hasOwn(body, k)) : []
  if (!isRecord(body) || ops.length !== 1) {
    sendJson(res, 400, { error: 'Send exactly one of {"advanceMs": n}, {"set": epochMs} or {"jumpMs": n}' })
    return
  }
  try {
    const value = body[ops[0]!] as number
    const now = ops[0] === 'advanceMs' ? clock.advance(value) : ops[0] === 'set' ? clock.set(value) : clock.jump(value)
    booted.clockMoved()
    sendJson(res, 200, { now })
  } catch (e) {
    if (e instanceof ClockError) sendJson(res, 400, { error: e.message })
    else throw e
  }
}

async function handleFault(req: IncomingMessage, res: ServerResponse, faults: Faults): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'Use POST' }, { Allow: 'POST' })
    return
  }
  let kind: unknown
  try {
    kind = (JSON.parse(await readBody(req, 64 * 1024)) as { kind?: unknown }).kind
  } catch {
    kind = undefined
  }
  if (!(FAULT_KINDS as readonly unknown[]).includes(kind)) {
    sendJson(res, 400, { error: `Send {"kind": one of ${FAULT_KINDS.join(', ')}}` })
    return
  }
  sendJson(res, 200, { fault: faults.apply(kind as FaultKind) })
}

async function route(req: IncomingMessage, res: ServerResponse, deps: Deps): Promise<void> {
  let pathname: string
  try {
    pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  } catch {
    sendText(res, 400, 'Bad request')
    return
  }
  if (pathname.startsWith('/api/') || pathname === '/api') {
    await handleApi(req, res, pathname, deps)
    return
  }
  if (pathname === CLOCK_PATH) {
    await handleClock(req, res, deps.clock, deps.booted)
    return
  }
  if (pathname === FAULT_PATH) {
    await handleFault(req, res, deps.faults)
    return
  }
  if (pathname === EVENTS_PATH && req.method === 'GET') {
    handleEvents(req, res, deps.booted)
    return
  }
  if (pathname === INTEGRITY_PATH && req.method === 'POST') {
    sendJson(res, 200, { released: deps.integrity.release() })
    return
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
    return
  }
  if (pathname === SHIM_PATH) {
    const body = Buffer.from(deps.shim, 'utf8')
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : body)
    return
  }
  if (pathname.startsWith('/__harness/')) {
    sendText(res, 404, 'Not found')
    return
  }
  deps.serveStatic(req, res, pathname)
}

/** The newest entry's recorded time in the file, read before the storage opens it; null if none or unreadable. */
function newestInFile(dbPath: string): number | null {
  if (!existsSync(dbPath)) return null
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true })
    try {
      return newestRecordedAt(db)
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

function main(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    fatal(`${join(RENDERER_DIR, 'index.html')} is missing: run \`npm run build\` first, then start the harness again.`)
  }
  const port = parsePort(process.env['PORT'])
  let clockMode: ReturnType<typeof parseClockMode>
  let clockStart: number
  try {
    clockMode = parseClockMode(process.env['HARNESS_CLOCK'])
    clockStart = parseStart(process.env['HARNESS_CLOCK_START'])
  } catch (e) {
    fatal((e as Error).message)
  }

  let tempDir: string | undefined
  let dbPath = process.env['DB_PATH']
  if (dbPath === undefined || dbPath === '') {
    tempDir = mkdtempSync(join(tmpdir(), 'ksc-harness-'))
    dbPath = join(tempDir, 'session-records.sqlite')
  }
  // As the app does: the clock starts no earlier than the newest entry (see steadyClock.ts).
  let clock: HarnessClock
  try {
    clock = createHarnessClock(clockMode, clockStart, newestInFile(dbPath))
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    fatal((e as Error).message)
  }
  const log = (message: string, error?: unknown) => process.stderr.write(`harness: ${message} ${(error as Error)?.stack ?? String(error ?? '')}\n`)
  let integrity: HarnessIntegrity
  try {
    integrity = createHarnessIntegrity(process.env['HARNESS_INTEGRITY'])
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    fatal((e as Error).message)
  }
  let booted: Booted
  try {
    booted = boot(dbPath, {
      clock,
      storageLog: log,
      integrityCheck: integrity.check,
      log: (channel, error) => process.stderr.write(`harness: [${channel}] ${(error as Error)?.stack ?? String(error)}\n`),
      // Test-only: PINs are hashed cheaply so the e2e tests stay quick on shared machines; the
      // production cost has its own unit test, and verification reads the cost from the hash.
      pinCost: HARNESS_PIN_COST
    })
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    fatal((e as Error).message)
  }
  const { storage, handlers } = booted
  const startup = storage.startupStatus()
  process.stderr.write(
    `harness: database ${dbPath}${tempDir ? ' (temporary)' : ''}; clock ${clock.mode}${startup.mode === 'recovery' ? `; RECOVERY: ${startup.problem}` : ''}\n`
  )
  // A storage fault (fault.ts) swaps the connection in the storage's holder, under the handlers.
  const holder = storage.holder
  const faults = createFaults(
    {
      get db() {
        return holder.get()
      },
      set db(db: Db) {
        holder.set(db)
      }
    },
    dbPath
  )
  const deps: Deps = {
    booted,
    handlers,
    faults,
    clock,
    integrity,
    shim: buildShim(CHANNELS, APP_EVENT_TYPES, EVENTS_PATH),
    serveStatic: createStaticServer(RENDERER_DIR, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY })
  }

  const server = createServer((req, res) => {
    route(req, res, deps).catch((e: unknown) => {
      process.stderr.write(`harness: ${req.method} ${req.url} failed: ${(e as Error)?.stack ?? String(e)}\n`)
      if (!res.headersSent) sendJson(res, 500, errorResult('INTERNAL', 'The test harness failed on this request.'))
      else res.destroy()
    })
  })

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    process.stderr.write(`harness: ${signal}, closing\n`)
    const finish = () => {
      booted
        .close()
        .catch((e: unknown) => process.stderr.write(`harness: closing the database failed: ${String(e)}\n`))
        .finally(() => {
          if (tempDir) rmSync(tempDir, { recursive: true, force: true })
          process.exit(0)
        })
    }
    server.close(() => finish())
    server.closeAllConnections()
    // Should a connection linger, do not hang: the database is closed either way.
    setTimeout(finish, 2000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  server.on('error', (e: NodeJS.ErrnoException) => {
    storage.holder.close()
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    fatal(e.code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is already in use (set PORT to another port, or 0 for any free one)` : e.message)
  })
  // Held or not, a test sees the outcome of the start-up check it asked for (see integrity.ts).
  const checked = integrity.held ? Promise.resolve() : storage.integrityChecked
  void checked.then(() =>
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo
      process.stdout.write(`ready http://127.0.0.1:${bound}\n`)
    })
  )
}

main()
