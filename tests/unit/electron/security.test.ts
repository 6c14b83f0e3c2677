import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../../src/main/electron/security'

const handlers = new Map<string, (event: unknown, input: unknown) => unknown>()
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn) }
}))

const prod = { rendererFile: '/opt/app/resources/out/renderer/index.html' }
const dev = { devServerUrl: 'http://localhost:5173/', rendererFile: prod.rendererFile }

describe('isAppUrl: only the app page may navigate or call the main process', () => {
  it('accepts the packaged renderer file', () => {
    expect(isAppUrl('file:///opt/app/resources/out/renderer/index.html', prod)).toBe(true)
  })
  it('refuses another local file, a web page, about:blank, garbage and nothing', () => {
    expect(isAppUrl('file:///etc/passwd', prod)).toBe(false)
    expect(isAppUrl('file:///opt/app/resources/out/renderer/other.html', prod)).toBe(false)
    expect(isAppUrl('https://example.com/', prod)).toBe(false)
    expect(isAppUrl('about:blank', prod)).toBe(false)
    expect(isAppUrl('not a url', prod)).toBe(false)
    expect(isAppUrl(undefined, prod)).toBe(false)
  })
  it('in development accepts only the dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/#/console', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://evil.localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('file:///opt/app/resources/out/renderer/index.html', dev)).toBe(false)
  })
  it('handles Windows paths of the renderer file', () => {
    const win = { rendererFile: 'C:\\Program Files\\KSC\\out\\renderer\\index.html' }
    expect(isAppUrl('file:///C:/Program%20Files/KSC/out/renderer/index.html', win)).toBe(true)
    expect(isAppUrl('file:///C:/Program%20Files/KSC/out/renderer/evil.html', win)).toBe(false)
  })
})

describe('the content security policy', () => {
  it('names no remote source and forbids plugins and framing', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'unsafe-eval'/)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })
})

describe('registerIpc checks every sender', () => {
  beforeEach(() => handlers.clear())

  it('answers FORBIDDEN to an untrusted sender without calling the handler, and calls it for the app', async () => {
    const { registerIpc } = await import('../../../src/main/electron/ipc')
    const { CHANNELS } = await import('../../../src/shared/contract')
    const called: unknown[] = []
    const fake = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => (called.push(input), { ok: true, value: c })]))
    registerIpc(fake as never, (_sender, url) => url === 'file:///app/index.html')
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())

    const untrusted = { sender: {}, senderFrame: { url: 'https://evil.example/' } }
    const refused = (await handlers.get('patients.list')!(untrusted, {})) as { ok: boolean; error: { code: string } }
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } })
    expect(called).toHaveLength(0)

    const trusted = { sender: {}, senderFrame: { url: 'file:///app/index.html' } }
    expect(await handlers.get('patients.list')!(trusted, { x: 1 })).toEqual({ ok: true, value: 'patients.list' })
    expect(called).toEqual([{ x: 1 }])
  })
})
