/** The clinic's protocols: versioned, edited with a reason, retired rather than deleted. */
import { z } from 'zod'
import { channel, idOf, none, returns } from '../kernel/channel'
import { authorIdSchema } from '../record/channels'
import { reasonSchema } from '../record/events'
import { protocolDefinitionSchema, type ProtocolVersion } from './protocols'

const protocolUpdateInput = z.strictObject({
  authorId: authorIdSchema,
  /** The version the editor started from: refused if someone saved a newer one meanwhile. */
  protocolId: idOf('protocol'),
  definition: protocolDefinitionSchema,
  reason: reasonSchema
})

export const protocolChannels = {
  'protocols.list': channel(none, returns<ProtocolVersion[]>()),
  'protocols.history': channel(z.strictObject({ lineageId: idOf('protocol') }), returns<ProtocolVersion[]>()),
  'protocols.create': channel(z.strictObject({ authorId: authorIdSchema, definition: protocolDefinitionSchema }), returns<ProtocolVersion>()),
  'protocols.update': channel(protocolUpdateInput, returns<ProtocolVersion>()),
  'protocols.retire': channel(z.strictObject({ authorId: authorIdSchema, protocolId: idOf('protocol'), reason: reasonSchema }), returns<ProtocolVersion>())
} as const
