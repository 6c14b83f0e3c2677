/**
 * The real Electron app, where the Electron binary exists. npm installs the electron package
 * without its binary (fetched from the internet on first use), so on machines without network
 * this test reports itself as skipped rather than failing or trying to download.
 */
import { _electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const REPO_ROOT = resolve(__dirname, '../..')

/**
 * Where the Electron executable is, without require('electron'): that require tries to
 * download the binary when it is missing, which hangs or fails offline.
 */
function electronBinary(): string | undefined {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json', { paths: [REPO_ROOT] }))
    const pathFile = join(pkgDir, 'path.txt')
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
    const full = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : undefined
    return full !== undefined && existsSync(full) ? full : undefined
  } catch {
    return undefined
  }
}

const SKIP_NO_ELECTRON = 'Electron binary not available on this machine (no download possible); runs where Electron is installed'
const hasDisplay = process.platform !== 'linux' || !!process.env['DISPLAY'] || !!process.env['WAYLAND_DISPLAY']

test('the Electron app opens its window', async () => {
  const executablePath = electronBinary()
  test.skip(executablePath === undefined, SKIP_NO_ELECTRON)
  test.skip(!hasDisplay, 'No display for the Electron window (run under xvfb-run to include this test)')
  test.skip(!existsSync(join(REPO_ROOT, 'out', 'main', 'index.js')), 'out/main/index.js is missing: run `npm run build` first')

  const userData = mkdtempSync(join(tmpdir(), 'ksc-electron-'))
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v
  const args = ['.', `--user-data-dir=${userData}`]
  // Chromium refuses to run as root with its sandbox on (CI runs as root).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox')

  const app = await _electron.launch({ executablePath: executablePath!, args, cwd: REPO_ROOT, env })
  try {
    const window = await app.firstWindow()
    await expect.poll(() => window.title()).toBe('Ketamine Session Console')
    await expect(window.getByRole('heading', { level: 1 })).toContainText('Ketamine Session Console')
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})
