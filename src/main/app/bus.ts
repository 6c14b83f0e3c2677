/**
 * Main's event bus: whoever tells the windows (IPC in the app, server-sent events in the test
 * harness) listens here. No Electron: the same bus serves both.
 */
import type { AppEvent } from '../../shared/appEvents'

export interface EventBus {
  emit(event: AppEvent): void
  /** Returns what ends the subscription. */
  subscribe(listener: (event: AppEvent) => void): () => void
}

export function createEventBus(log: (message: string, error?: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<(event: AppEvent) => void>()
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        // One window that cannot be told must not stop the others, nor the write that was saved.
        try {
          listener(event)
        } catch (e) {
          log(`telling of ${event.type} failed`, e)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }
  }
}
