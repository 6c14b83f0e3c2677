import type { protocolChannels } from '../../shared/protocols/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { createProtocol, listProtocols, protocolHistory, retireProtocol, updateProtocol } from './protocols'

export const protocolHandlers: ModuleHandlers<typeof protocolChannels> = {
  'protocols.list': { rule: { signedIn: true }, run: (ctx) => listProtocols(ctx) },
  'protocols.history': { rule: { signedIn: true }, run: (ctx, input) => protocolHistory(ctx, input.lineageId) },
  'protocols.create': { rule: { permission: 'protocols.manage' }, run: (ctx, input) => createProtocol(ctx, input) },
  'protocols.update': { rule: { permission: 'protocols.manage' }, run: (ctx, input) => updateProtocol(ctx, input) },
  'protocols.retire': { rule: { permission: 'protocols.manage' }, run: (ctx, input) => retireProtocol(ctx, input) }
}
