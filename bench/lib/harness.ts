/** Starts the test harness (built renderer + real handlers over HTTP) as its own process. */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Channel, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/kernel/result'
import { REPO_ROOT } from './paths'

export interface BenchHarness {
  url: string
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>
  advanceClock(ms: number): Promise<number>
  stop(): Promise<void>
}

export async function startHarness(env: { dbPath: string; clockStart: number }): Promise<BenchHarness> {
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, join(REPO_ROOT, 'tests', 'harness', 'server.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', DB_PATH: env.dbPath, HARNESS_CLOCK: 'manual', HARNESS_CLOCK_START: String(env.clockStart) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-20_000)))
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the harness did not start:\n${stderr}`)), 60_000)
    child.once('exit', (code) => reject(new Error(`the harness exited (${code}):\n${stderr}`)))
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c
      const m = /ready http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
  })
  const base = `http://127.0.0.1:${port}`
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    return r.json()
  }
  return {
    url: `${base}/`,
    async call(channel, input) {
      const r = (await post(`/api/${channel}`, input)) as Result<OutputOf<typeof channel>>
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`)
      return r.value
    },
    async advanceClock(ms) {
      return ((await post('/__harness/clock', { advanceMs: ms })) as { now: number }).now
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
