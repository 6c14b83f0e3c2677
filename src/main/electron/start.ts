/** Electron lifecycle, window and security settings. Thin: the logic lives in handlers and below. */
import { app, BrowserWindow, dialog, session } from 'electron'
import { join } from 'node:path'
import { boot, type Booted } from '../app/boot'
import { DatabaseOpenError } from '../db/connection'
import { registerDesktop } from './desktop'
import { registerIpc } from './ipc'
import { CONTENT_SECURITY_POLICY, isAppUrl } from './security'
import { sendEvents } from './events'

const rendererFile = join(__dirname, '../renderer/index.html')
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const appPage = { devServerUrl, rendererFile }

function lockDown(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  // No network at run time: only the app's own page and the dev server may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url
    const local = url.startsWith('file:') || url.startsWith('devtools:') || (devServerUrl !== undefined && url.startsWith(devServerUrl))
    callback({ cancel: !local })
  })
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appPage)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appPage)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Ketamine Session Console',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererFile)
}

export async function start(): Promise<void> {
  await app.whenReady()
  lockDown()
  const dbPath = join(app.getPath('userData'), 'session-records.sqlite')
  const log = (message: string, error?: unknown) => console.error(`[storage] ${message}`, error ?? '')
  // An unreadable or damaged database opens the app in recovery (the renderer asks startup.status
  // and offers the latest good backup); only a database from a newer version stops it here.
  let booted: Booted
  try {
    booted = boot(dbPath, {
      storageLog: log,
      log: (channel, error) => console.error(`[${channel}]`, error)
    })
  } catch (e) {
    const message = e instanceof DatabaseOpenError ? e.message : `The database at ${dbPath} could not be opened: ${String(e)}`
    dialog.showErrorBox('The session records cannot be opened', `${message}\n\nThe file has not been changed or replaced.`)
    app.exit(1)
    return
  }
  const { handlers } = booted
  const trusted = (sender: Electron.WebContents, frameUrl: string | undefined) => isAppUrl(frameUrl ?? sender.getURL(), appPage)
  registerIpc(handlers, trusted)
  registerDesktop(handlers, trusted)
  sendEvents(booted, (contents) => trusted(contents, undefined))
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('window-all-closed', () => {
    void booted.close().finally(() => app.quit())
  })
}
