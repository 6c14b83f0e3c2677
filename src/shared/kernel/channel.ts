/**
 * How a module declares its channels: each one's input schema (zod, checked in main at the
 * boundary) and output type (carried for the compiler only). contract.ts combines the modules'
 * maps; nothing else lists channels.
 */
import { z } from 'zod'
import type { AppError } from './result'

/** Carries an output type without a runtime value. */
export const returns = <T>() => undefined as unknown as T

/** A channel answered at once (one synchronous transaction). */
export const channel = <I extends z.ZodType, O>(input: I, output: O) => ({ input, output, async: false as const })

/** A channel whose work finishes later (SQLite's backup API copies in steps): main answers a Promise of a Result. */
export const asyncChannel = <I extends z.ZodType, O>(input: I, output: O) => ({ input, output, async: true as const })

export type ChannelDeclaration = { input: z.ZodType; output: unknown; async: boolean }

/** No input at all. */
export const none = z.strictObject({})

/** A positive whole-number id, with a message naming what to choose. */
export const idOf = (what: string) => z.number({ error: `Choose a ${what}` }).int().positive(`Choose a ${what}`)

/** Turns a schema failure into the first problem, named by its dotted field path. */
export function schemaError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined
  const message = issue?.message ?? 'Invalid input'
  return field === undefined ? { code: 'INVALID_INPUT', message } : { code: 'INVALID_INPUT', message, field }
}
