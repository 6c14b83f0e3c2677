import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const REPO_ROOT = resolve(__dirname, '../..')
/** Generated databases are cached here between runs (git-ignored), keyed by what shapes them. */
export const CACHE_DIR = resolve(process.env['BENCH_CACHE_DIR'] || join(REPO_ROOT, '.tmp', 'bench'))
export const REPORT_PATH = join(REPO_ROOT, 'reports', 'bench.json')

export function cacheDir(...parts: string[]): string {
  const dir = join(CACHE_DIR, ...parts)
  mkdirSync(dir, { recursive: true })
  return dir
}
