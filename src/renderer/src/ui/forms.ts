import type { z } from 'zod'
import type { AppError } from '../../../shared/kernel/result'

export type FieldErrors = Record<string, string>

/**
 * Reads a typed number. Empty gives undefined (for optional fields); anything that is not plainly
 * a number gives NaN so the schema refuses it with the field's own message. A decimal comma is
 * accepted because some keyboards type one.
 */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.')
  if (t === '') return undefined
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN
}

/** Every problem a schema finds, keyed by dotted field path (the same paths the main process uses). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.')
    if (!(key in out)) out[key] = issue.message
  }
  return out
}

/** Places a main-process error on its field when it names one, else on the form. */
export function placeError(error: AppError, knownFields: readonly string[]): { fields: FieldErrors; form?: string } {
  if (error.field && knownFields.includes(error.field)) return { fields: { [error.field]: error.message } }
  return { fields: {}, form: error.message }
}
