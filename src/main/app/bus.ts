/**
 * Main's event bus: whoever tells the windows (IPC in the app, server-sent events in the test
 * harness) listens here. No Electron: the same bus serves both.
 */
import type { AppEvent } from '../../shared/appEvents'

export interface EventBus {
  emit(event: AppEvent): void
  /** Returns what ends the subscription. */
  subscribe(listener: (event: AppEvent) => void): () => void
  /**
   * The same, told once the call that caused the event has been answered: a window then has its
   * own write from the answer before it hears of it, and does not fetch it a second time.
   */
  subscribeAfterAnswers(listener: (event: AppEvent) => void): () => void
}

export function createEventBus(log: (message: string, error?: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<(event: AppEvent) => void>()
  // One window that cannot be told must not stop the others, nor the write that was saved.
  const tell = (listener: (event: AppEvent) => void, event: AppEvent) => {
    try {
      listener(event)
    } catch (e) {
      log(`telling of ${event.type} failed`, e)
    }
  }
  const subscribe = (listener: (event: AppEvent) => void) => {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }
  return {
    emit(event) {
      for (const listener of [...listeners]) tell(listener, event)
    },
    subscribe,
    subscribeAfterAnswers(listener) {
      // An answer goes out once its call's promise settles; the next turn of the event loop is after it.
      let ended = false
      const unsubscribe = subscribe((event) => setImmediate(() => ended || tell(listener, event)))
      return () => {
        ended = true
        unsubscribe()
      }
    }
  }
}
