import type { therapyChannels } from '../../shared/therapy/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { scalesForPatient } from './scales'

export const therapyHandlers: ModuleHandlers<typeof therapyChannels> = {
  'scales.listForPatient': { rule: { signedIn: true }, run: (ctx, input) => scalesForPatient(ctx, input.patientId) }
}
