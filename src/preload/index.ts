/** Builds window.api from the contract's channel list, and window.appEvents from its event declaration: no second, hand-written list to drift. */
import { contextBridge, ipcRenderer } from 'electron'
import { APP_EVENTS_CHANNEL, CHANNELS, createEventHub, type Api, type AppEventsApi } from '../shared/contract'
import { DESKTOP_CHANNELS, type DesktopApi } from '../shared/records-out/desktop'

const api = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => ipcRenderer.invoke(c, input)])) as Api

contextBridge.exposeInMainWorld('api', api)

// What main tells the page after its commits; only events of a declared kind are passed on.
const hub = createEventHub()
ipcRenderer.on(APP_EVENTS_CHANNEL, (_event, payload: unknown) => hub.deliver(payload))
const appEvents: AppEventsApi = { onEvent: (listener) => hub.onEvent(listener) }
contextBridge.exposeInMainWorld('appEvents', appEvents)

// Save dialogs and printing, done by main (src/main/electron/desktop.ts).
const desktop: DesktopApi = {
  saveExport: (input) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveExport, input),
  printReport: (input) => ipcRenderer.invoke(DESKTOP_CHANNELS.printReport, input)
}
contextBridge.exposeInMainWorld('desktop', desktop)
