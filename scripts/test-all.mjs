#!/usr/bin/env node
/**
 * The whole suite, as `npm test` runs it (Node 22 from the `node` devDependency):
 *   typecheck -> build -> unit tests (vitest) -> end-to-end tests (playwright)
 * stopping at the first failing stage. Ends with exactly one line `N passed, N failed`, summed
 * from the vitest and playwright JSON reports (reports/, outside Playwright's test-results/).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reportsDir = join(root, 'reports')
const vitestReport = join(reportsDir, 'vitest.json')
const playwrightReport = join(reportsDir, 'playwright.json')

const stages = [
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'] },
  { name: 'build', command: 'npm', args: ['run', 'build'] },
  {
    name: 'unit tests (vitest)',
    command: 'npx',
    args: ['vitest', 'run', '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    report: 'vitest'
  },
  { name: 'end-to-end tests (playwright)', command: 'npx', args: ['playwright', 'test'], report: 'playwright' }
]

/** Runs one stage with its output streamed; resolves to its exit code (signals count as failure). */
function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { cwd: root, stdio: 'inherit', shell: false, env: process.env })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    const done = (code) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code)
    }
    child.on('error', (e) => {
      console.error(`\n[test-all] could not start ${stage.command}: ${e.message}`)
      done(127)
    })
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)))
  })
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** { passed, failed, skipped } from a stage's JSON report, or undefined when there is none. */
function countsOf(kind) {
  if (kind === 'vitest') {
    const r = readJson(vitestReport)
    if (!r) return undefined
    return { passed: num(r.numPassedTests), failed: num(r.numFailedTests), skipped: num(r.numPendingTests) + num(r.numTodoTests) }
  }
  const r = readJson(playwrightReport)
  if (!r || typeof r.stats !== 'object' || r.stats === null) return undefined
  const s = r.stats
  return { passed: num(s.expected) + num(s.flaky), failed: num(s.unexpected), skipped: num(s.skipped) }
}

async function main() {
  mkdirSync(reportsDir, { recursive: true })
  // No stale numbers: a report that is not written this run must not be counted.
  rmSync(vitestReport, { force: true })
  rmSync(playwrightReport, { force: true })

  const totals = { passed: 0, failed: 0, skipped: 0 }
  const summary = []
  let failedStage

  for (const stage of stages) {
    console.log(`\n[test-all] ${stage.name}: ${[stage.command, ...stage.args].join(' ')}`)
    const code = await run(stage)
    if (stage.report) {
      const counts = countsOf(stage.report) ?? { passed: 0, failed: 0, skipped: 0 }
      // A stage that failed without a failing test (a file that would not load, a crash, a
      // config error) still counts as a failure, so the closing line never hides it.
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      totals.passed += counts.passed
      totals.failed += counts.failed
      totals.skipped += counts.skipped
      summary.push(`${stage.report}: ${counts.passed} ok / ${counts.failed} not ok / ${counts.skipped} skipped`)
    }
    if (code !== 0) {
      failedStage = `${stage.name} (exit code ${code})`
      break
    }
  }

  console.log('')
  if (summary.length > 0) console.log(`[test-all] ${summary.join('; ')}`)
  if (totals.skipped > 0) console.log(`[test-all] ${totals.skipped} skipped (not counted as passed or failed)`)
  if (failedStage) console.log(`[test-all] stopped: ${failedStage} failed`)
  console.log(`${totals.passed} passed, ${totals.failed} failed`)
  process.exitCode = failedStage || totals.failed > 0 ? 1 : 0
}

main().catch((e) => {
  console.error('[test-all]', e)
  console.log('0 passed, 1 failed')
  process.exitCode = 1
})
