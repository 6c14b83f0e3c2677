/**
 * The page's one subscription to what main tells it after its commits (src/shared/appEvents.ts):
 * preload's window.appEvents in the app, the harness shim's in the browser tests. An event says
 * what changed; the data itself is fetched through the guarded channels.
 */
import { useEffect, useRef } from 'react'
import type { AppEvent, AppEventsApi } from '../../../shared/contract'

declare global {
  interface Window {
    appEvents?: AppEventsApi
  }
}

export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return window.appEvents?.onEvent(listener) ?? (() => undefined)
}

/** Calls the newest `listener` for every event while the component is on screen. */
export function useAppEvent(listener: (event: AppEvent) => void): void {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => onAppEvent((event) => latest.current(event)), [])
}
