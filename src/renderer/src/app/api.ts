/** The only module that touches window.api. */
import type { Api, Channel, InputOf, OutputOf } from '../../../shared/contract'
import type { Result } from '../../../shared/kernel/result'

declare global {
  interface Window {
    api: Api
  }
}

export function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  const fn = window.api[channel] as (input: InputOf<C>) => Promise<Result<OutputOf<C>>>
  return fn(input).catch((e: unknown) => ({
    ok: false as const,
    error: { code: 'INTERNAL' as const, message: `The app could not reach its database: ${String(e)}. Nothing was saved.` }
  }))
}
