/**
 * Hostile input for every channel, for the fault tests (tests/unit/fault/*, tests/e2e/faultHostile.spec.ts).
 * Each malformed payload is a valid input with one thing broken in a way no field accepts: a
 * value of the wrong type, a number no field allows (±1e308, NaN, ±Infinity), a 1 MB string, a
 * date far outside the allowed range, a missing required field, an unknown field (prototype-
 * pollution keys among them), or no object at all. So every one must be refused, by construction,
 * without asking the app's own schemas.
 */
import fc from 'fast-check'
import { CHANNELS, type Channel } from '../../src/shared/contract'
import { validInputs, type Ids } from '../fixtures/validInputs'

export { validInputs, type Ids }

export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024)
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const


/** Every channel of the contract: validInputs must cover each. */
export const HOSTILE_CHANNELS: readonly Channel[] = CHANNELS

/** Channels whose valid input may be empty: for them null and undefined are "no input", which is fine. */
export function takesEmptyInput(valid: unknown[]): boolean {
  return valid.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
}

type Path = (string | number)[]

/**
 * Fields a valid input may leave out, and fields that may be null: neither is a malformation. Each
 * is a field name or the end of a dotted path (`riseFromBaseline.systolic` may be null, a vital's
 * `systolic` may not); OPTIONAL_IN adds fields optional in one channel only.
 */
const OPTIONAL = ['occurredAt', 'confirmOverPlan', 'temperature', 'sedation', 'intensity', 'intensityOf', 'medication', 'note']
const NULLABLE = ['therapistId', 'low', 'high', 'riseFromBaseline.systolic', 'riseFromBaseline.diastolic', 'preDoseBp', 'systolicMaxAged65', 'override']
/** Exports, backups and restores may be asked for before anyone can be named (a restore in recovery). */
const OPTIONAL_IN: Partial<Record<Channel, string[]>> = {
  'reports.document': ['authorId'],
  'exports.fhir': ['authorId'],
  'exports.csv': ['authorId'],
  'backups.create': ['authorId'],
  'backups.restore': ['authorId'],
  'backups.setFolder': ['authorId'],
  // Needed only in recovery while backups exist.
  'startup.startEmpty': ['confirmation']
}

/** Whether `path` ends with one of `keys` (each a name or a dotted path). */
function named(keys: readonly string[], path: Path): boolean {
  const dotted = path.map(String)
  return keys.some((key) => {
    const parts = key.split('.')
    return parts.length <= dotted.length && parts.every((p, i) => p === dotted[dotted.length - parts.length + i])
  })
}

function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [{ path, value }]
}

/** The objects in `value` that an unknown key can be added to (not arrays: a list ignores named keys). */
function objects(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return []
  const inner = Object.entries(value).flatMap(([k, v]) => objects(v, [...path, k]))
  return Array.isArray(value) ? inner : [path, ...inner]
}

const clone = <T>(v: T): T => structuredClone(v)

function at(root: unknown, path: Path): Record<string | number, unknown> {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const copy = clone(root)
  at(copy, path.slice(0, -1))[path[path.length - 1]!] = value
  return copy
}

/** Adds a key as an own, enumerable property: "__proto__" included, as JSON.parse would make it. */
function withKey(root: unknown, path: Path, key: string, value: unknown): unknown {
  const copy = clone(root)
  Object.defineProperty(at(copy, path), key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/** Values of the wrong type for a field whose valid value is `valid`. `jsonOnly`: only what JSON can carry. */
function wrongTypes(valid: unknown, nullable: boolean, optional: boolean, jsonOnly: boolean): unknown[] {
  const json: unknown[] = [MEGABYTE_STRING, '', 'true', true, false, 0, -0, 1, {}, [], [valid], { value: valid }, null]
  const js: unknown[] = jsonOnly ? [] : [undefined, 10n, Symbol('x'), new Date(0), () => 1, new Map(), new Uint8Array(4), new Number(1), new String('x')]
  const wrong = [...json, ...js].filter(
    (p) => kind(p) !== kind(valid) && !(nullable && (p === null || typeof p === 'number')) && !(optional && p === undefined)
  )
  // Numbers no field allows: every number field has bounds far inside these.
  if (typeof valid === 'number') wrong.push(1e308, -1e308, ...(jsonOnly ? [] : [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]))
  // A string no field allows: longer than any limit, not a date, not in any list.
  if (typeof valid === 'string') wrong.push(MEGABYTE_STRING)
  return wrong
}

/** Far outside what a field allows, though of the right type. */
const OUT_OF_RANGE: Record<string, unknown[]> = {
  occurredAt: [-8.64e15, 8.64e15 + 1, -1, 1.5],
  dateOfBirth: ['0001-01-01', '1899-12-31', '2024-02-30', '99999-01-01', '1990-1-1'],
  weightKg: [0, -0.0001, 350.0001],
  'vitals.systolic': [39, 301, 120.5],
  'vitals.spo2': [49, 101],
  value: [0, -1, 10_000.5]
}

export interface Malformed {
  channel: Channel
  input: unknown
  /** What was broken, for the failure message. */
  what: string
}

/** One malformed input for `channel`, from `valid` (an arbitrary over the mutations). */
export function malformedFor(channel: Channel, valid: unknown[], jsonOnly = false): fc.Arbitrary<Malformed> {
  const isOptional = (path: Path) => named(OPTIONAL, path) || (path.length === 1 && named(OPTIONAL_IN[channel] ?? [], path))
  return fc.integer({ min: 0, max: valid.length - 1 }).chain((which) => {
    const template = valid[which]!
    const mutations: fc.Arbitrary<Malformed>[] = []
    const fields = leaves(template).filter((l) => l.path.length > 0)
    if (fields.length > 0) {
      mutations.push(
        fc.constantFrom(...fields).chain((leaf) => {
          const ranges = Object.entries(OUT_OF_RANGE).flatMap(([key, values]) => (named([key], leaf.path) ? values : []))
          const poisons = [...wrongTypes(leaf.value, named(NULLABLE, leaf.path), isOptional(leaf.path), jsonOnly), ...ranges]
          return fc.constantFrom(...poisons).map((poison) => ({
            channel,
            input: setAt(template, leaf.path, poison),
            what: `${leaf.path.join('.')} = ${describe(poison)}`
          }))
        })
      )
      const required = fields.filter((l) => !isOptional(l.path))
      if (required.length > 0)
        mutations.push(
          fc.constantFrom(...required).map((leaf) => {
            const copy = clone(template)
            delete at(copy, leaf.path.slice(0, -1))[leaf.path[leaf.path.length - 1]!]
            return { channel, input: copy, what: `without ${leaf.path.join('.')}` }
          })
        )
    }
    const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS, 'surprise', 'isAdmin', 'payload'), fc.string({ minLength: 1, maxLength: 12 }))
    mutations.push(
      fc.tuple(fc.constantFrom(...objects(template)), keyArb, fc.constantFrom<unknown>({ polluted: true }, 1, 'x', null, [])).filter(
        ([path, key]) => !Object.prototype.hasOwnProperty.call(at(template, path), key)
      ).map(([path, key, value]) => ({ channel, input: withKey(template, path, key, value), what: `unknown key ${JSON.stringify(key)} at ${path.join('.') || 'top'}` }))
    )
    const notObjects: unknown[] = ['patients', 42, true, [template], MEGABYTE_STRING, [], -0]
    if (!jsonOnly) notObjects.push(Number.NaN, 10n, Number.NEGATIVE_INFINITY)
    // null and undefined are "no input", which a channel that takes none accepts.
    if (!takesEmptyInput(valid)) notObjects.push(null, ...(jsonOnly ? [] : [undefined]))
    mutations.push(fc.constantFrom(...notObjects).map((input) => ({ channel, input, what: `input = ${describe(input)}` })))
    return fc.oneof(...mutations)
  })
}

/** Every channel's malformed inputs, for a mixed sample (the HTTP test). */
export function malformedAny(ids: Ids, jsonOnly = false): fc.Arbitrary<Malformed> {
  const valid = validInputs(ids)
  return fc.constantFrom(...HOSTILE_CHANNELS).chain((c) => malformedFor(c, valid[c]!, jsonOnly))
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `a ${v.length}-character string` : JSON.stringify(v)
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'symbol' || typeof v === 'function') return typeof v
  if (v instanceof Date) return 'a Date'
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}
