/**
 * The process and module boundaries, as a test: the real source tree keeps them, and every
 * rule is shown to fail on a small planted tree, so a green run means something.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allows,
  checkLayering,
  describeViolations,
  findCycles,
  importsOf,
  type Allowance,
  type Rule,
  type Violation
} from './layering'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function readSourceTree(): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
    const path = `src/${entry.split('\\').join('/')}`
    if (/\.(ts|tsx)$/.test(path)) files[path] = readFileSync(join(ROOT, path), 'utf8')
  }
  return files
}

/**
 * Imports the rules refuse but that are accepted for now. Each needs a reason a reviewer can
 * weigh; matching is exact, so nothing else slips through with it. Empty is the goal.
 */
const ALLOWED: readonly Allowance[] = []

const only = (violations: Violation[], rule: Rule): Violation[] => violations.filter((v) => v.rule === rule)
const subjects = (violations: Violation[]): string[] => violations.map((v) => `${v.file} ${v.subject}`).sort()

describe('the real source tree', () => {
  const files = readSourceTree()
  // Parsed once: both checks below read the same result.
  const all = checkLayering(files)

  it('is found and parsed', () => {
    expect(Object.keys(files).some((f) => f.startsWith('src/shared/'))).toBe(true)
    expect(Object.keys(files).some((f) => f.startsWith('src/main/electron/'))).toBe(true)
    expect(Object.keys(files).some((f) => f.startsWith('src/renderer/'))).toBe(true)
  })

  it('keeps every process and module boundary', () => {
    const violations = all.filter((v) => !ALLOWED.some((a) => allows(a, v)))
    expect(violations, `\n${describeViolations(violations)}\n`).toEqual([])
  })

  it('has no allowance that no longer matches a violation', () => {
    const stale = ALLOWED.filter((a) => !all.some((v) => allows(a, v)))
    expect(stale).toEqual([])
  })
})

describe('reading imports', () => {
  it('tells type-only imports and re-exports from runtime ones', () => {
    const refs = importsOf(
      'src/shared/x.ts',
      [
        "import type { A } from './a'",
        "import { type B, type C } from './b'",
        "import { type D, e } from './c'",
        "import './d'",
        "export type { F } from './e'",
        "export { type G } from './f'",
        "export { h } from './g'",
        "export * from './h'",
        "type I = import('./i').I",
        "const j = await import('./j')",
        "const k = require('./k')",
        "import L = require('./l')",
        "// import { fake } from './comment'",
        "const s = \"import { fake } from './string'\""
      ].join('\n')
    )
    expect(refs.map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['./a', true],
      ['./b', true],
      ['./c', false],
      ['./d', false],
      ['./e', true],
      ['./f', true],
      ['./g', false],
      ['./h', false],
      ['./i', true],
      ['./j', false],
      ['./k', false],
      ['./l', false]
    ])
  })
})

describe('src/shared stays free of Electron, Node, better-sqlite3 and the DOM', () => {
  it('reports Electron, node:*, bare Node built-ins and better-sqlite3', () => {
    const violations = checkLayering({
      'src/shared/kernel/bad.ts': [
        "import { app } from 'electron'",
        "import { readFileSync } from 'node:fs'",
        "import { join } from 'path'",
        "import { randomUUID } from 'crypto'",
        "import { readFile } from 'fs/promises'",
        "import type Database from 'better-sqlite3'",
        "import { z } from 'zod'"
      ].join('\n')
    })
    expect(subjects(only(violations, 'shared-purity'))).toEqual(
      [
        'src/shared/kernel/bad.ts electron',
        'src/shared/kernel/bad.ts node:fs',
        'src/shared/kernel/bad.ts path',
        'src/shared/kernel/bad.ts crypto',
        'src/shared/kernel/bad.ts fs/promises',
        'src/shared/kernel/bad.ts better-sqlite3'
      ].sort()
    )
    expect(describeViolations(violations)).toContain("[shared-purity] src/shared/kernel/bad.ts:2 imports 'node:fs'")
  })

  it('reports DOM globals read as values or named as types', () => {
    const violations = checkLayering({
      'src/shared/view/dom.ts': [
        'export const width = () => window.innerWidth',
        'export const title = () => document.title',
        "export const saved = () => localStorage.getItem('k')",
        'export const online = () => globalThis.navigator.onLine',
        'export function focus(el: HTMLElement) { el.focus() }'
      ].join('\n')
    })
    expect(only(violations, 'shared-purity').map((v) => `${v.subject}:${v.line}`)).toEqual([
      'window:1',
      'document:2',
      'localStorage:3',
      'navigator:4',
      'HTMLElement:5'
    ])
  })

  it('does not mistake comments, strings, properties, keys or local names for the DOM', () => {
    const violations = checkLayering({
      'src/shared/view/clean.ts': [
        '// the window of the infusion; see document 3 of the protocol',
        "export const label = 'window document navigator'",
        'export const span = (p: { window: number }) => p.window',
        'export const keys = { document: 1, navigator: 2 }',
        'export function f(history: string[]) { return history.length }',
        'export interface Shape { localStorage: string }'
      ].join('\n')
    })
    expect(violations).toEqual([])
  })

  it('reports Node globals such as process and Buffer', () => {
    const violations = checkLayering({
      'src/shared/kernel/env.ts': "export const debug = process.env.DEBUG\nexport const b = Buffer.from('x')"
    })
    expect(only(violations, 'shared-purity').map((v) => v.subject)).toEqual(['process', 'Buffer'])
  })

  it('does not hold main or the renderer to the same rule', () => {
    const violations = checkLayering({
      'src/main/db/ok.ts': "import Database from 'better-sqlite3'\nimport { join } from 'node:path'",
      'src/renderer/src/ui/ok.ts': 'export const w = () => window.innerWidth'
    })
    expect(violations).toEqual([])
  })
})

describe('only src/main/electron (and the preload script) uses Electron', () => {
  it('reports Electron imported anywhere else, type-only imports and require() included', () => {
    const violations = checkLayering({
      'src/main/app/boot.ts': "import { app } from 'electron'",
      'src/main/record/entries.ts': "import type { WebContents } from 'electron'",
      'src/main/storage/backups.ts': "const { shell } = require('electron')",
      'src/renderer/src/app/App.tsx': "import { ipcRenderer } from 'electron/renderer'",
      'src/main/electron/start.ts': "import { app, BrowserWindow } from 'electron'",
      // The preload script is Electron's own: it has to use contextBridge.
      'src/preload/index.ts': "import { contextBridge, ipcRenderer } from 'electron'"
    })
    expect(subjects(only(violations, 'electron-only'))).toEqual([
      'src/main/app/boot.ts electron',
      'src/main/record/entries.ts electron',
      'src/main/storage/backups.ts electron',
      'src/renderer/src/app/App.tsx electron/renderer'
    ])
  })
})

describe('runtime imports form no cycle', () => {
  it('reports a cycle with the files on it', () => {
    const violations = checkLayering({
      'src/main/people/auth.ts': "import { open } from '../sessions/sessions'",
      'src/main/sessions/sessions.ts': "import { guard } from '../app/guard'",
      'src/main/app/guard.ts': "import { signIn } from '../people/auth'",
      'src/main/app/boot.ts': "import { guard } from './guard'"
    })
    const cycles = only(violations, 'cycle')
    expect(cycles).toHaveLength(1)
    expect(cycles[0]!.subject).toBe(
      'src/main/app/guard.ts -> src/main/people/auth.ts -> src/main/sessions/sessions.ts -> src/main/app/guard.ts'
    )
    expect(describeViolations(cycles)).toContain('[cycle]')
  })

  it('reports a cycle closed by a dynamic import or a bare re-export', () => {
    const violations = checkLayering({
      'src/shared/record/a.ts': "export * from './b'",
      'src/shared/record/b.ts': "export const load = () => import('./a')"
    })
    expect(only(violations, 'cycle').map((v) => v.subject)).toEqual([
      'src/shared/record/a.ts -> src/shared/record/b.ts -> src/shared/record/a.ts'
    ])
  })

  it('ignores a loop closed only by type-only imports, which vanish at build time', () => {
    const violations = checkLayering({
      'src/shared/record/a.ts': "import { b } from './b'\nexport const a = b",
      'src/shared/record/b.ts': "import type { A } from './a'\nexport { type A } from './a'\nexport const b = 1"
    })
    expect(violations).toEqual([])
  })

  it('finds every separate cycle, self-imports included', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
      ['c', new Set(['c'])],
      ['d', new Set(['a'])]
    ])
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'c']
    ])
  })
})

describe('shared modules import in the declared order, and processes stay apart', () => {
  it('reports a module importing one above it, type-only imports and re-exports included', () => {
    const violations = checkLayering({
      'src/shared/safety/monitor.ts': 'export interface MonitoredSession { id: number }',
      'src/shared/people/audit.ts': "export type { MonitoredSession } from '../safety/monitor'",
      'src/shared/record/plan.ts': "import { alert } from '../safety/alerts'",
      'src/shared/safety/alerts.ts': "import type { Plan } from '../record/plan'\nexport const alert = 1"
    })
    expect(subjects(only(violations, 'module-order'))).toEqual([
      'src/shared/people/audit.ts ../safety/monitor',
      'src/shared/record/plan.ts ../safety/alerts'
    ])
    expect(describeViolations(violations)).toContain(
      "[module-order] src/shared/people/audit.ts:1 imports '../safety/monitor': 'people' sits below 'safety'"
    )
  })

  it('lets a module import itself and the modules below it, and contract.ts import everything', () => {
    const violations = checkLayering({
      'src/shared/kernel/result.ts': 'export const ok = 1',
      'src/shared/record/plan.ts': "import { ok } from '../kernel/result'\nimport { x } from './events'",
      'src/shared/record/events.ts': 'export const x = 1',
      'src/shared/records-out/report.ts': "import { ok } from '../kernel/result'\nimport { x } from '../record/events'",
      'src/shared/contract.ts': "import { x } from './record/events'\nimport { ok } from './kernel/result'"
    })
    expect(violations).toEqual([])
  })

  it('reports a module importing the top-level contract, or a module missing from the order', () => {
    const violations = checkLayering({
      'src/shared/contract.ts': 'export const channels = {}',
      'src/shared/record/plan.ts': "import { channels } from '../contract'",
      'src/shared/billing/invoice.ts': "import { x } from '../record/events'",
      'src/shared/record/events.ts': "import type { Invoice } from '../billing/invoice'\nexport const x = 1"
    })
    expect(subjects(only(violations, 'module-order'))).toEqual([
      'src/shared/billing/invoice.ts ../record/events',
      'src/shared/record/events.ts ../billing/invoice',
      'src/shared/record/plan.ts ../contract'
    ])
  })

  it('reports the renderer importing main, main importing the renderer, and shared importing either', () => {
    const violations = checkLayering({
      'src/main/db/connection.ts': 'export const open = 1',
      'src/renderer/src/ui/labels.ts': 'export const label = 1',
      'src/renderer/src/app/api.ts': "import { open } from '../../../main/db/connection'",
      'src/main/records-out/records.ts': "import type { label } from '../../renderer/src/ui/labels'",
      'src/shared/record/plan.ts': "import { open } from '../../main/db/connection'",
      'src/shared/view/chart.ts': "import { label } from '../../renderer/src/ui/labels'",
      'src/renderer/src/app/ok.ts': "import { x } from '../../../shared/record/events'",
      'src/main/app/ok.ts': "import { x } from '../../shared/record/events'",
      'src/shared/record/events.ts': 'export const x = 1'
    })
    expect(subjects(only(violations, 'process-boundary'))).toEqual([
      'src/main/records-out/records.ts ../../renderer/src/ui/labels',
      'src/renderer/src/app/api.ts ../../../main/db/connection',
      'src/shared/record/plan.ts ../../main/db/connection',
      'src/shared/view/chart.ts ../../renderer/src/ui/labels'
    ])
  })
})

describe('allowances', () => {
  it('leave out exactly the allowed import, and nothing else', () => {
    const files = {
      'src/shared/safety/monitor.ts': 'export interface M { id: number }',
      'src/shared/people/audit.ts': "export type { M } from '../safety/monitor'",
      'src/shared/people/other.ts': "export type { M } from '../safety/monitor'"
    }
    const allowed: Allowance[] = [
      { rule: 'module-order', file: 'src/shared/people/audit.ts', subject: '../safety/monitor', why: 'planted' }
    ]
    expect(subjects(checkLayering(files, allowed))).toEqual(['src/shared/people/other.ts ../safety/monitor'])
  })
})
