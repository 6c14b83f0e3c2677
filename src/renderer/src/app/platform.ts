/**
 * Saving exports and printing the report. In the app, window.desktop (preload) asks main
 * for the save dialog and printToPDF; in a plain browser (the test harness) the same content from
 * the same channels is offered as a download, and the report opens in a print view.
 */
import type { DesktopApi, Saved } from '../../../shared/records-out/desktop'
import type { ExportFile } from '../../../shared/records-out/exportFile'
import type { Result } from '../../../shared/kernel/result'
import { call } from './api'

declare global {
  interface Window {
    desktop?: DesktopApi
  }
}

const failed = (message: string) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message } })

function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export async function saveExport(format: 'fhir' | 'csv', sessionId: number, authorId: number | null): Promise<Result<Saved>> {
  const input = authorId === null ? { sessionId } : { sessionId, authorId }
  try {
    if (window.desktop) return await window.desktop.saveExport({ format, ...input })
  } catch (e) {
    return failed(`The file could not be saved: ${String(e)}`)
  }
  const r = await call(format === 'fhir' ? 'exports.fhir' : 'exports.csv', input)
  if (!r.ok) return r
  download(r.value)
  return { ok: true, value: { savedTo: r.value.fileName } }
}

export async function printReport(sessionId: number, authorId: number | null): Promise<Result<Saved>> {
  const input = authorId === null ? { sessionId } : { sessionId, authorId }
  try {
    if (window.desktop) return await window.desktop.printReport(input)
  } catch (e) {
    return failed(`The report could not be printed: ${String(e)}`)
  }
  // The print view: the very HTML main prints to PDF, in a window of its own.
  const view = window.open('', '_blank')
  if (!view) return failed('The print view could not open: allow pop-ups for this page.')
  const r = await call('reports.document', input)
  if (!r.ok) {
    view.close()
    return r
  }
  view.document.open()
  view.document.write(r.value.html)
  view.document.close()
  return { ok: true, value: { savedTo: null } }
}
