/**
 * The desktop-only actions: save an export or the printed report through the system's
 * save dialog. In the app, preload exposes them as window.desktop and main does the Electron part
 * (dialog, printToPDF) around content the handlers produce; in a plain browser (the test harness)
 * window.desktop is absent and the renderer offers the same content as a download or a print view.
 */
import { z } from 'zod'
import type { Result } from '../kernel/result'
import { optionalActorIdSchema } from '../record/channels'

export const DESKTOP_CHANNELS = { saveExport: 'desktop.saveExport', printReport: 'desktop.printReport' } as const

const sessionId = z.number().int().positive()
export const saveExportInput = z.strictObject({ format: z.enum(['fhir', 'csv']), sessionId, authorId: optionalActorIdSchema })
export const printReportInput = z.strictObject({ sessionId, authorId: optionalActorIdSchema })
export type SaveExportInput = z.infer<typeof saveExportInput>
export type PrintReportInput = z.infer<typeof printReportInput>

/** Where the file went, or null when the user cancelled the dialog. */
export interface Saved {
  savedTo: string | null
}

export interface DesktopApi {
  saveExport(input: SaveExportInput): Promise<Result<Saved>>
  printReport(input: PrintReportInput): Promise<Result<Saved>>
}
