import { app, BrowserWindow, type WebContents } from 'electron'
import { APP_EVENTS_CHANNEL, type AppEvent } from '../../shared/contract'
import type { Booted } from '../app/boot'

/**
 * Sends main's events to every window showing the app's own page; a window showing anything else
 * is told nothing. Each page, once loaded, is first told main's time, to tick on between events.
 */
export function sendEvents(booted: Pick<Booted, 'bus' | 'clockEvent'>, isTrusted: (contents: WebContents) => boolean): () => void {
  const send = (contents: WebContents, event: AppEvent) => {
    if (!contents.isDestroyed() && isTrusted(contents)) contents.send(APP_EVENTS_CHANNEL, event)
  }
  const unsubscribe = booted.bus.subscribeAfterAnswers((event) => {
    for (const win of BrowserWindow.getAllWindows()) send(win.webContents, event)
  })
  const onWindow = (_e: unknown, win: BrowserWindow) => {
    win.webContents.on('did-finish-load', () => send(win.webContents, booted.clockEvent()))
  }
  app.on('browser-window-created', onWindow)
  return () => {
    unsubscribe()
    app.off('browser-window-created', onWindow)
  }
}
