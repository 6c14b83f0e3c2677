/** Builds window.api from the contract's channel list: no second, hand-written list to drift. */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, type Api } from '../shared/contract'
import { DESKTOP_CHANNELS, type DesktopApi } from '../shared/records-out/desktop'

const api = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => ipcRenderer.invoke(c, input)])) as Api

contextBridge.exposeInMainWorld('api', api)

// Save dialogs and printing, done by main (src/main/electron/desktop.ts).
const desktop: DesktopApi = {
  saveExport: (input) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveExport, input),
  printReport: (input) => ipcRenderer.invoke(DESKTOP_CHANNELS.printReport, input)
}
contextBridge.exposeInMainWorld('desktop', desktop)
