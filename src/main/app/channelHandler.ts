/**
 * What a module gives main for each of its channels: the permission rule and the implementation,
 * side by side. app/handlers.ts combines the modules' maps; a channel of the contract without
 * both does not compile.
 */
import type { AsyncChannel, Channel, OutputOf, ParsedInputOf } from '../../shared/contract'
import type { HandlerContext } from '../people/workstation'
import type { Rule } from './guard'

export interface ChannelHandler<C extends Channel> {
  rule: Rule
  run: (ctx: HandlerContext, input: ParsedInputOf<C>) => C extends AsyncChannel ? Promise<OutputOf<C>> : OutputOf<C>
}

/** A module's handlers for exactly the channels its shared channels.ts declares. */
export type ModuleHandlers<Declared> = { [C in keyof Declared & Channel]: ChannelHandler<C> }
