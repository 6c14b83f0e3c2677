/**
 * The IPC contract: the modules' channel maps combined. Each channel is declared once, in its
 * module's channels.ts; main validates against it, preload builds window.api from its keys, the
 * harness serves it over HTTP.
 */
import type { z } from 'zod'
import type { Result } from './kernel/result'
import { peopleChannels } from './people/channels'
import { protocolChannels } from './protocols/channels'
import { recordChannels } from './record/channels'
import { recordsOutChannels } from './records-out/channels'
import { safetyChannels } from './safety/channels'
import { sessionChannels } from './sessions/channels'
import { storageChannels } from './storage/channels'
import { therapyChannels } from './therapy/channels'

export const contract = {
  ...recordChannels,
  ...peopleChannels,
  ...storageChannels,
  ...protocolChannels,
  ...sessionChannels,
  ...safetyChannels,
  ...therapyChannels,
  ...recordsOutChannels
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export const CHANNELS = Object.keys(contract) as Channel[]
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>
export type OutputOf<C extends Channel> = Contract[C]['output']
/** The channels whose work finishes later; they answer a Promise of a Result, never a rejected one. */
export type AsyncChannel = { [C in Channel]: Contract[C]['async'] extends true ? C : never }[Channel]
export const ASYNC_CHANNELS = CHANNELS.filter((c) => contract[c].async) as AsyncChannel[]

/** What window.api looks like in the renderer: one async function per channel, never throwing. */
export type Api = { [C in Channel]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>> }

export { schemaError } from './kernel/channel'
export * from './appEvents'
