/**
 * Electron side of exports and printing: the save dialog, and printToPDF of the report's
 * HTML in a hidden window. Thin: the content comes from the handlers (no Electron below them).
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DESKTOP_CHANNELS, printReportInput, saveExportInput, type Saved } from '../../shared/records-out/desktop'
import type { ExportFile } from '../../shared/records-out/exportFile'
import type { Result } from '../../shared/kernel/result'
import type { PrintableDocument } from '../../shared/records-out/reportHtml'
import type { Handlers } from '../app/handlers'

const MM_PER_INCH = 25.4
const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the app window' } } as const
const invalid = { ok: false, error: { code: 'INVALID_INPUT', message: 'The request was not understood' } } as const

async function saveAs(owner: BrowserWindow | null, fileName: string, data: string | Buffer, filters: Electron.FileFilter[]): Promise<Saved> {
  const options = { defaultPath: join(app.getPath('documents'), fileName), filters }
  const { canceled, filePath } = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
  if (canceled || !filePath) return { savedTo: null }
  await writeFile(filePath, data)
  return { savedTo: filePath }
}

/** The report's HTML printed to PDF with its page header and footer (patient ID, Page N of M). */
async function printToPdf(doc: PrintableDocument): Promise<Buffer> {
  const htmlFile = join(app.getPath('temp'), `ksc-report-${randomUUID()}.html`)
  await writeFile(htmlFile, doc.html, 'utf8')
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false, contextIsolation: true } })
  try {
    await win.loadFile(htmlFile)
    const m = doc.page.marginsMm
    return await win.webContents.printToPDF({
      pageSize: doc.page.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: doc.headerTemplate,
      footerTemplate: doc.footerTemplate,
      margins: { top: m.top / MM_PER_INCH, bottom: m.bottom / MM_PER_INCH, left: m.left / MM_PER_INCH, right: m.right / MM_PER_INCH }
    })
  } finally {
    win.destroy()
    await rm(htmlFile, { force: true })
  }
}

export function registerDesktop(handlers: Handlers, isTrustedSender: (sender: WebContents, frameUrl: string | undefined) => boolean): void {
  const owner = (e: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(e.sender)
  ipcMain.handle(DESKTOP_CHANNELS.saveExport, async (event, raw: unknown): Promise<Result<Saved>> => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url)) return forbidden
    const input = saveExportInput.safeParse(raw)
    if (!input.success) return invalid
    const { format, ...rest } = input.data
    const r = handlers[format === 'fhir' ? 'exports.fhir' : 'exports.csv'](rest)
    if (!r.ok) return r
    const file = r.value as ExportFile
    const filters = format === 'fhir' ? [{ name: 'FHIR JSON', extensions: ['json'] }] : [{ name: 'CSV', extensions: ['csv'] }]
    try {
      return { ok: true, value: await saveAs(owner(event), file.fileName, file.content, filters) }
    } catch (e) {
      return { ok: false, error: { code: 'STORAGE', message: `The file could not be saved: ${(e as Error).message}` } }
    }
  })
  ipcMain.handle(DESKTOP_CHANNELS.printReport, async (event, raw: unknown): Promise<Result<Saved>> => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url)) return forbidden
    const input = printReportInput.safeParse(raw)
    if (!input.success) return invalid
    const r = handlers['reports.document'](input.data)
    if (!r.ok) return r
    const doc = r.value as PrintableDocument
    try {
      const pdf = await printToPdf(doc)
      return { ok: true, value: await saveAs(owner(event), doc.fileName, pdf, [{ name: 'PDF', extensions: ['pdf'] }]) }
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `The report could not be printed: ${(e as Error).message}` } }
    }
  })
}
