#!/usr/bin/env node
/**
 * `npm run bench`: builds the renderer the browser benchmarks need, then runs bench/main.ts with
 * this (npm's) Node and tsx. One line per figure on stdout; reports/bench.json gets the same.
 * Environment: BENCH_SCALE (0..1, the clinic's size; default 1 = 50,000 sessions, 25M events),
 * BENCH_ONLY (comma list: durable, startup, screen, long, clinic), BENCH_CACHE_DIR (.tmp/bench).
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// The build's output goes to stderr, so stdout stays one line per figure.
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] })
if (build.status !== 0) process.exit(build.status ?? 1)
run(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(root, 'bench', 'main.ts')])
