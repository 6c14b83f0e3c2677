/** The session record leaving the room: the printed report, REMS data, FHIR and CSV, the course page. */
import { z } from 'zod'
import { channel, idOf, returns } from '../kernel/channel'
import { optionalActorIdSchema } from '../record/channels'
import type { RemsForm } from './rems'
import type { CourseRow } from './course'
import type { ExportFile } from './exportFile'
import type { PrintableDocument } from './reportHtml'

export const sessionExportInput = z.strictObject({ sessionId: idOf('session'), authorId: optionalActorIdSchema })

export const recordsOutChannels = {
  'reports.document': channel(sessionExportInput, returns<PrintableDocument>()),
  'reports.rems': channel(z.strictObject({ sessionId: idOf('session') }), returns<RemsForm | null>()),
  'exports.fhir': channel(sessionExportInput, returns<ExportFile>()),
  'exports.csv': channel(sessionExportInput, returns<ExportFile>()),
  'patients.course': channel(z.strictObject({ patientId: idOf('patient') }), returns<CourseRow[]>())
} as const
