/**
 * Playwright fixtures: every test gets its own harness process (real handlers, its own SQLite
 * file in a temp dir, a manual clock) and a page already open on it.
 *
 *   import { test, expect } from './fixtures'
 *   test('...', async ({ page, harness }) => { await harness.advanceClock(60_000) })
 */
import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Channel, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/kernel/result'

const REPO_ROOT = resolve(__dirname, '../..')
const SERVER_ENTRY = join(REPO_ROOT, 'tests', 'harness', 'server.ts')
const READY_TIMEOUT_MS = 30_000
const EXIT_TIMEOUT_MS = 5_000

export interface Harness {
  /** http://127.0.0.1:<port>/ : the app, with window.api served by this harness. */
  readonly url: string
  /** The SQLite file this test's harness writes; kept across kill() and restart(). */
  readonly dbPath: string
  readonly port: number
  /** Moves the manual clock by `ms` and returns the new time (epoch ms). */
  advanceClock(ms: number): Promise<number>
  /** Sets the manual clock to `epochMs` and returns it. */
  setClock(epochMs: number): Promise<number>
  /** Changes the computer's clock by `ms` while no time passes (see tests/harness/clock.ts); returns the app's time. */
  jumpClock(ms: number): Promise<number>
  /** The harness clock's current time (epoch ms). */
  now(): Promise<number>
  /** Calls a channel over HTTP, exactly as the app's window.api would. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>
  /**
   * Stops the harness process with `signal` (default SIGTERM; SIGKILL simulates a crash) and
   * resolves once it has exited. Does nothing if it is not running.
   */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /**
   * Starts a new harness process on the same DB_PATH and port, its clock at the time the
   * previous process last reported (or, with `clockStart`, with the computer's clock reading
   * that, as if it had been changed while the app was closed). Stops the running one first
   * (SIGTERM) if there is one.
   */
  restart(options?: { clockStart?: number; env?: Record<string, string> }): Promise<void>
  /** Lets the start-up integrity check run, when the harness was started with HARNESS_INTEGRITY=held. */
  releaseIntegrityCheck(): Promise<boolean>
}

interface Running {
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  port: number
}

/** Starts `node --import tsx tests/harness/server.ts` with Playwright's own Node (22 under npm). */
async function startHarness(env: { dbPath: string; port: number; clockStart?: number; extra?: Record<string, string> }): Promise<Running> {
  const tsxLoader = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(env.port),
    DB_PATH: env.dbPath,
    HARNESS_CLOCK: 'manual',
    ...env.extra
  }
  if (env.clockStart !== undefined) childEnv['HARNESS_CLOCK_START'] = String(env.clockStart)
  else delete childEnv['HARNESS_CLOCK_START']
  delete childEnv['ELECTRON_RUN_AS_NODE']

  // One process (no tsx CLI wrapper), so kill('SIGKILL') really kills the server.
  const child = spawn(process.execPath, ['--import', tsxLoader, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.once('exit', (code, signal) => res({ code, signal }))
  })

  let stderr = ''
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk
    if (stderr.length > 64_000) stderr = stderr.slice(-64_000)
    if (process.env['HARNESS_DEBUG']) process.stderr.write(chunk)
  })

  const port = await new Promise<number>((res, rej) => {
    let stdout = ''
    const cleanup = () => {
      clearTimeout(timer)
      child.off('error', onError)
      child.off('exit', onExit)
      child.stdout!.off('data', onData)
    }
    const fail = (why: string) => {
      cleanup()
      child.kill('SIGKILL')
      rej(new Error(`The test harness did not start: ${why}\n--- harness stderr ---\n${stderr}`))
    }
    const onError = (e: Error) => fail(e.message)
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`it exited first (code ${code}, signal ${signal})`)
    const onData = (chunk: string) => {
      stdout += chunk
      const match = /^ready http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout)
      if (match) {
        cleanup()
        child.stdout!.resume() // keep draining: nothing else is expected, but never let the pipe fill
        res(Number(match[1]))
      }
    }
    const timer = setTimeout(() => fail(`no "ready" line within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS)
    child.once('error', onError)
    child.once('exit', onExit)
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', onData)
  })
  return { child, exited, port }
}

async function stop(running: Running, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = running
  if (child.exitCode !== null || child.signalCode !== null) return running.exited
  child.kill(signal)
  const timeout = new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), EXIT_TIMEOUT_MS).unref())
  const first = await Promise.race([running.exited, timeout])
  if (first !== 'timeout') return first
  child.kill('SIGKILL')
  return running.exited
}

async function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, json: await response.json() }
}

function createHarness(dbPath: string, first: Running, initialNow: number): Harness & { dispose(): Promise<void> } {
  let running: Running | undefined = first
  const port = first.port
  const base = `http://127.0.0.1:${port}`
  /** Last time the harness reported: a restarted process starts from it. */
  let lastNow = initialNow

  const clockRequest = async (body?: unknown): Promise<number> => {
    const { status, json } =
      body === undefined
        ? await fetch(`${base}/__harness/clock`).then(async (r) => ({ status: r.status, json: (await r.json()) as unknown }))
        : await postJson(`${base}/__harness/clock`, body)
    const now = (json as { now?: unknown }).now
    if (status !== 200 || typeof now !== 'number') throw new Error(`Harness clock request failed (${status}): ${JSON.stringify(json)}`)
    lastNow = now
    return now
  }

  const harness = {
    url: `${base}/`,
    dbPath,
    port,
    advanceClock: (ms: number) => clockRequest({ advanceMs: ms }),
    setClock: (epochMs: number) => clockRequest({ set: epochMs }),
    jumpClock: (ms: number) => clockRequest({ jumpMs: ms }),
    now: () => clockRequest(),
    async call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
      const { json } = await postJson(`${base}/api/${encodeURIComponent(channel)}`, input ?? null)
      return json as Result<OutputOf<C>>
    },
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (!running) return { code: null, signal: null }
      if (signal !== 'SIGKILL') await clockRequest().catch(() => undefined)
      const result = await stop(running, signal)
      running = undefined
      return result
    },
    async restart(options: { clockStart?: number; env?: Record<string, string> } = {}) {
      if (running) await harness.kill('SIGTERM')
      if (options.clockStart !== undefined) {
        // The app starts as it would: its clock no earlier than the newest entry.
        running = await startHarness({ dbPath, port, clockStart: options.clockStart, extra: options.env })
        await clockRequest()
        return
      }
      running = await startHarness({ dbPath, port, clockStart: lastNow, extra: options.env })
      // The new process starts at lastNow already; setting it again makes that explicit and checked.
      await clockRequest({ set: lastNow })
    },
    async releaseIntegrityCheck() {
      const { json } = await postJson(`${base}/__harness/integrity`, {})
      return (json as { released: boolean }).released
    },
    async dispose() {
      if (running) await stop(running, 'SIGTERM')
      running = undefined
    }
  }
  return harness
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ksc-e2e-'))
    const dbPath = join(dir, 'session-records.sqlite')
    let harness: (Harness & { dispose(): Promise<void> }) | undefined
    try {
      const first = await startHarness({ dbPath, port: 0 })
      const initialNow = await fetch(`http://127.0.0.1:${first.port}/__harness/clock`)
        .then((r) => r.json() as Promise<{ now: number }>)
        .then((j) => j.now)
        .catch(async (e: unknown) => {
          await stop(first, 'SIGKILL')
          throw e
        })
      harness = createHarness(dbPath, first, initialNow)
      await use(harness)
    } finally {
      await harness?.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  },
  page: async ({ page, harness }, use) => {
    await page.goto(harness.url)
    await use(page)
  }
})

export { expect }
