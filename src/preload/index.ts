/** Builds window.api from the contract's channel list: no second, hand-written list to drift. */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, type Api } from '../shared/contract'

const api = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => ipcRenderer.invoke(c, input)])) as Api

contextBridge.exposeInMainWorld('api', api)
