import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { CHANNELS } from '../../shared/contract'
import type { Handlers } from '../app/handlers'

/**
 * Registers every contract channel on ipcMain. A call is answered only when it comes from the
 * app's own window showing the app's own page; anything else gets a FORBIDDEN error.
 */
export function registerIpc(handlers: Handlers, isTrustedSender: (sender: WebContents, frameUrl: string | undefined) => boolean): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.sender, event.senderFrame?.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the app window' } }
      }
      return handlers[channel](input)
    })
  }
}
