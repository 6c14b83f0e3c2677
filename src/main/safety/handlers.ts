import type { safetyChannels } from '../../shared/safety/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { monitorOpenSessions } from './monitor'
import { acknowledgeAlert, recordDischarge } from './safety'

export const safetyHandlers: ModuleHandlers<typeof safetyChannels> = {
  'alerts.acknowledge': { rule: { permission: 'alerts.acknowledge' }, run: (ctx, input) => acknowledgeAlert(ctx, input) },
  'discharge.record': { rule: { permission: 'discharge.record' }, run: (ctx, input) => recordDischarge(ctx, input) },
  'monitor.openSessions': { rule: { open: true }, run: (ctx) => monitorOpenSessions(ctx) }
}
