/**
 * The import rules of the source tree, as a pure function over {path -> source text}, so the
 * same checker runs on the real tree and on small planted trees that prove each rule bites.
 * Paths are repository-relative with forward slashes ("src/shared/record/plan.ts").
 *
 * Imports are read from a real TypeScript parse, not from text, so comments and strings never
 * count, and `import type` / `export type` / `import('x').T` are known to vanish at build time.
 */
import { builtinModules } from 'node:module'
import { posix } from 'node:path'
import ts from 'typescript'

export type Rule = 'shared-purity' | 'electron-only' | 'cycle' | 'module-order' | 'process-boundary'

export interface Violation {
  rule: Rule
  file: string
  /** The import specifier (or global name) at fault; a cycle lists its files instead. */
  subject: string
  line?: number
  message: string
}

/**
 * The shared modules, bottom to top: a module may import itself and the modules before it.
 * The files directly in src/shared (contract.ts) combine every module, so they sit above all.
 */
export const MODULE_ORDER = [
  'kernel',
  'record',
  'people',
  'storage',
  'protocols',
  'sessions',
  'safety',
  'therapy',
  'view',
  'records-out'
] as const

/**
 * An import the rules would refuse but that is accepted for now, each with its reason.
 * Matching is exact on rule, file and subject, so a new violation is never let through.
 */
export interface Allowance {
  rule: Rule
  file: string
  subject: string
  why: string
}

export interface ImportRef {
  specifier: string
  /** True when nothing of it survives compilation: `import type`, all-`type` specifiers, `import('x').T`. */
  typeOnly: boolean
  line: number
}

const SRC = 'src/'
const SHARED = 'src/shared/'
const MAIN = 'src/main/'
const RENDERER = 'src/renderer/'
const PRELOAD = 'src/preload/'
const ELECTRON_HOME = 'src/main/electron/'

/** Browser globals: code that names them only runs where a DOM exists. */
export const DOM_GLOBALS = new Set([
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'alert',
  'confirm',
  'prompt',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'getComputedStyle',
  'matchMedia',
  'customElements',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLCanvasElement',
  'Element',
  'Node',
  'Document',
  'Window',
  'DOMParser',
  'XMLHttpRequest',
  'MutationObserver',
  'ResizeObserver',
  'IntersectionObserver'
])

/** Node's own globals: as much a tie to Node as importing one of its modules. */
export const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global'])

const NODE_BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')))

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0] ?? '')
}

function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/')
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
}

function parse(file: string, text: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind)
}

function stringArg(node: ts.CallExpression): string | undefined {
  const first = node.arguments[0]
  return first && ts.isStringLiteralLike(first) ? first.text : undefined
}

/** Every module a file reaches: static imports and re-exports, `import x = require()`, `import()`, `require()`. */
export function importsOf(file: string, text: string): ImportRef[] {
  const sf = parse(file, text)
  const refs: ImportRef[] = []
  const add = (specifier: string, typeOnly: boolean, node: ts.Node): void => {
    refs.push({ specifier, typeOnly, line: lineOf(sf, node) })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, importIsTypeOnly(node.importClause), node)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause
      const allTypes =
        node.isTypeOnly ||
        (clause !== undefined &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((e) => e.isTypeOnly))
      add(node.moduleSpecifier.text, allTypes, node)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, node.isTypeOnly, node)
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal.text, true, node)
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require'
      const specifier = stringArg(node)
      if ((isDynamicImport || isRequire) && specifier !== undefined) add(specifier, false, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return refs
}

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false // `import './x'` runs the module
  if (clause.isTypeOnly) return true
  if (clause.name) return false
  const bindings = clause.namedBindings
  if (!bindings || ts.isNamespaceImport(bindings)) return false
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
}

/** Names the file declares itself (variables, parameters, functions, classes, imports): those shadow globals. */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text)
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name)
  }
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) addBinding(node.name)
    else if (
      (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node)) &&
      node.name
    )
      names.add(node.name.text)
    else if (
      (ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isTypeParameterDeclaration(node)) &&
      node.name
    )
      names.add(node.name.text)
    else if (ts.isImportClause(node) && node.name) names.add(node.name.text)
    else if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) names.add(node.name.text)
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return names
}

/** True when this identifier is a name being read, not a property, key, label or declaration. */
function isFreeReference(id: ts.Identifier): boolean {
  const parent = id.parent
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false
  if (ts.isQualifiedName(parent) && parent.right === id) return false
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === id)
    return false
  if ((ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === id)
    return false
  if (ts.isEnumMember(parent) && parent.name === id) return false
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false
  if ((ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === id) return false
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isTypeParameterDeclaration(parent) ||
      ts.isBindingElement(parent)) &&
    parent.name === id
  )
    return false
  return true
}

/** Browser or Node globals a file reads, with their line; `globalThis.window` counts as `window`. */
export function globalsUsed(file: string, text: string, wanted: ReadonlySet<string>): { name: string; line: number }[] {
  const sf = parse(file, text)
  const shadowed = declaredNames(sf)
  const found: { name: string; line: number }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && wanted.has(node.text) && !shadowed.has(node.text) && isFreeReference(node)) {
      found.push({ name: node.text, line: lineOf(sf, node) })
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'globalThis' || node.expression.text === 'self') &&
      wanted.has(node.name.text)
    ) {
      found.push({ name: node.name.text, line: lineOf(sf, node) })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

const EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx']

/** The file a relative specifier names, if it is one of the given files. */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  const stems = [base]
  // ESM-style "./x.js" naming a TypeScript file
  if (/\.(c|m)?jsx?$/.test(base)) stems.push(base.replace(/\.(c|m)?jsx?$/, ''))
  for (const stem of stems) {
    for (const ext of EXTENSIONS) {
      const candidate = stem + ext
      if (files.has(candidate)) return candidate
    }
  }
  return undefined
}

/** The shared module a file belongs to ("record"), '' for files directly in src/shared, undefined outside it. */
export function sharedModuleOf(file: string): string | undefined {
  if (!file.startsWith(SHARED)) return undefined
  const rest = file.slice(SHARED.length)
  const slash = rest.indexOf('/')
  return slash === -1 ? '' : rest.slice(0, slash)
}

function area(file: string): 'shared' | 'main' | 'renderer' | 'preload' | 'other' {
  if (file.startsWith(SHARED)) return 'shared'
  if (file.startsWith(MAIN)) return 'main'
  if (file.startsWith(RENDERER)) return 'renderer'
  if (file.startsWith(PRELOAD)) return 'preload'
  return 'other'
}

function isSource(file: string): boolean {
  return file.startsWith(SRC) && /\.(ts|tsx)$/.test(file)
}

/** Every cycle of runtime imports: one per strongly connected group, shown as a closed path through it. */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's strongly connected components, iterative bookkeeping kept simple by recursion depth (trees are small).
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const strongConnect = (v: string): void => {
    indices.set(v, index)
    low.set(v, index)
    index++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        strongConnect(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!))
      }
    }
    if (low.get(v) === indices.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        group.push(w)
      } while (w !== v)
      const selfLoop = graph.get(v)?.has(v) ?? false
      if (group.length > 1 || selfLoop) groups.push(group)
    }
  }
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) strongConnect(v)
  return groups.map((group) => closedPath(graph, new Set(group)))
}

/** A shortest walk from the group's first file (by name) back to itself, staying inside the group. */
function closedPath(graph: ReadonlyMap<string, ReadonlySet<string>>, group: ReadonlySet<string>): string[] {
  const start = [...group].sort()[0]!
  const previous = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const v = queue.shift()!
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!group.has(w)) continue
      if (w === start) {
        const path = [v]
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!)
        return [...path, start]
      }
      if (!previous.has(w)) {
        previous.set(w, v)
        queue.push(w)
      }
    }
  }
  return [start, start]
}

/** Checks every rule over the source files in `files` (others are ignored); allowed entries are left out. */
export function checkLayering(
  files: Readonly<Record<string, string>>,
  allowed: readonly Allowance[] = []
): Violation[] {
  const sources = Object.keys(files).filter(isSource).sort()
  const known = new Set(Object.keys(files))
  const violations: Violation[] = []
  const runtimeGraph = new Map<string, Set<string>>()

  for (const file of sources) {
    const text = files[file]!
    const where = area(file)
    const edges = new Set<string>()
    runtimeGraph.set(file, edges)

    for (const ref of importsOf(file, text)) {
      const { specifier, line } = ref
      const target = resolveImport(file, specifier, known)
      if (target && isSource(target) && !ref.typeOnly) edges.add(target)

      // Electron lives in main/electron; the preload script is Electron's own and may use it too.
      if (isElectron(specifier) && !file.startsWith(ELECTRON_HOME) && where !== 'preload') {
        violations.push({
          rule: 'electron-only',
          file,
          subject: specifier,
          line,
          message: `imports '${specifier}': only src/main/electron (and the preload script) may use Electron`
        })
      }

      if (where === 'shared') {
        if (isElectron(specifier) || isNodeBuiltin(specifier) || specifier === 'better-sqlite3' || specifier.startsWith('better-sqlite3/')) {
          violations.push({
            rule: 'shared-purity',
            file,
            subject: specifier,
            line,
            message: `imports '${specifier}': src/shared runs in both processes and may not use Electron, Node or better-sqlite3`
          })
        }
      }

      const targetArea = target ? area(target) : relativeArea(file, specifier)
      const crossing =
        (where === 'renderer' && targetArea === 'main') ||
        (where === 'main' && targetArea === 'renderer') ||
        (where === 'shared' && (targetArea === 'main' || targetArea === 'renderer' || targetArea === 'preload'))
      if (crossing) {
        violations.push({
          rule: 'process-boundary',
          file,
          subject: specifier,
          line,
          message: `imports '${specifier}': src/${where} may not import src/${targetArea}`
        })
      }

      const fromModule = sharedModuleOf(file)
      const toModule = target ? sharedModuleOf(target) : undefined
      if (fromModule !== undefined && fromModule !== '' && toModule !== undefined) {
        const problem = orderProblem(fromModule, toModule)
        if (problem) {
          violations.push({ rule: 'module-order', file, subject: specifier, line, message: `imports '${specifier}': ${problem}` })
        }
      }
    }

    if (where === 'shared') {
      for (const g of globalsUsed(file, text, DOM_GLOBALS)) {
        violations.push({
          rule: 'shared-purity',
          file,
          subject: g.name,
          line: g.line,
          message: `uses the DOM global '${g.name}': src/shared also runs in main, where there is no DOM`
        })
      }
      for (const g of globalsUsed(file, text, NODE_GLOBALS)) {
        violations.push({
          rule: 'shared-purity',
          file,
          subject: g.name,
          line: g.line,
          message: `uses the Node global '${g.name}': src/shared also runs in the renderer, where there is no Node`
        })
      }
    }
  }

  for (const cycle of findCycles(runtimeGraph)) {
    violations.push({
      rule: 'cycle',
      file: cycle[0]!,
      subject: cycle.join(' -> '),
      message: `runtime imports form a cycle: ${cycle.join(' -> ')}`
    })
  }

  return violations.filter((v) => !allowed.some((a) => allows(a, v)))
}

/** True when the allowance names exactly this violation. */
export function allows(allowance: Allowance, violation: Violation): boolean {
  return allowance.rule === violation.rule && allowance.file === violation.file && allowance.subject === violation.subject
}

/** The area a relative specifier points into even when the file is not in the map (a misspelt or planted path). */
function relativeArea(from: string, specifier: string): ReturnType<typeof area> | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  return area(base + '/')
}

function orderProblem(from: string, to: string): string | undefined {
  if (to === '') return `shared module '${from}' may not import the files directly in src/shared, which combine every module`
  const order: readonly string[] = MODULE_ORDER
  const fromRank = order.indexOf(from)
  const toRank = order.indexOf(to)
  if (fromRank === -1) return `shared module '${from}' is not in the declared module order`
  if (toRank === -1) return `shared module '${to}' is not in the declared module order`
  if (toRank > fromRank) return `'${from}' sits below '${to}' in the module order (${order.join(' → ')})`
  return undefined
}

/** One line per violation, for a failing assertion a reader can act on. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `[${v.rule}] ${v.file}${v.line === undefined ? '' : `:${v.line}`} ${v.message}`)
    .join('\n')
}
