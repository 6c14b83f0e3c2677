import type { recordsOutChannels } from '../../shared/records-out/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { signedInActor } from '../people/auth'
import { courseOfPatient, exportCsv, exportFhir, remsForm, reportDocument } from './records'

export const recordsOutHandlers: ModuleHandlers<typeof recordsOutChannels> = {
  'reports.document': { rule: { permission: 'record.export' }, run: (ctx, input) => reportDocument(ctx, input, signedInActor(ctx)) },
  'reports.rems': { rule: { signedIn: true }, run: (ctx, input) => remsForm(ctx, input) },
  'exports.fhir': { rule: { permission: 'record.export' }, run: (ctx, input) => exportFhir(ctx, input, signedInActor(ctx)) },
  'exports.csv': { rule: { permission: 'record.export' }, run: (ctx, input) => exportCsv(ctx, input, signedInActor(ctx)) },
  'patients.course': { rule: { signedIn: true }, run: (ctx, input) => courseOfPatient(ctx, input.patientId) }
}
