import type { recordChannels } from '../../shared/record/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { correctEntry, markInError, recordEntry } from './entries'

export const recordHandlers: ModuleHandlers<typeof recordChannels> = {
  'clock.now': { rule: { open: true }, run: (ctx) => ctx.clock.now() },
  'entries.record': { rule: { entry: 'record' }, run: (ctx, input) => recordEntry(ctx, input) },
  'entries.correct': { rule: { entry: 'amend' }, run: (ctx, input) => correctEntry(ctx, input) },
  'entries.markInError': { rule: { entry: 'amend' }, run: (ctx, input) => markInError(ctx, input) }
}
