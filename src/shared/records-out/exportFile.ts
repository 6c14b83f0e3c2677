/** A document an export produces; main saves it through a dialog, the harness offers it as a download. */
export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
}
