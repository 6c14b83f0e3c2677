/**
 * What main tells the windows, after the commit, on one one-way channel: each kind once, with
 * what it carries. An event says what changed, never the patient data itself: a window fetches
 * that through a guarded channel, so a locked screen never receives it.
 */

/** Carries a payload type without a runtime value (as the contract's channels do). */
const carries = <T extends object>() => undefined as unknown as T

export const appEvents = {
  /** Entries were appended to a session's record, up to `seq` (its newest). */
  'entries.appended': carries<{ sessionId: number; seq: number }>(),
  /** A session was opened or ended: the list of open sessions is not what it was. */
  'sessions.changed': carries<{}>(),
  /** Who is signed in, the lock, the staff to choose from, or the clinic's settings changed: ask auth.state again. */
  'auth.changed': carries<{}>(),
  /**
   * Main's time at the moment of sending, and how fast it runs against the page's own clock: 1
   * for the real clock, 0 for a clock that moves only when told (the test harness). Sent when the
   * clock jumped or was moved, and first on every (re)connection, so a window can tick on its own
   * between events.
   */
  'clock.changed': carries<{ now: number; rate: number }>()
} as const

export type AppEventType = keyof typeof appEvents
export type AppEventOf<T extends AppEventType> = { type: T } & (typeof appEvents)[T]
export type AppEvent = { [T in AppEventType]: AppEventOf<T> }[AppEventType]
export const APP_EVENT_TYPES = Object.keys(appEvents) as AppEventType[]

/** The one IPC (and server-sent events) channel the events travel on. */
export const APP_EVENTS_CHANNEL = 'app.events'

/** What the page gets from preload (or the harness shim): a subscription, ended by calling what it returns. */
export interface AppEventsApi {
  onEvent(listener: (event: AppEvent) => void): () => void
}

/** True for an event of a declared kind: what crosses the process boundary is checked, not trusted. */
export function isAppEvent(value: unknown): value is AppEvent {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  return typeof type === 'string' && (APP_EVENT_TYPES as string[]).includes(type)
}

/**
 * The subscription both transports build (preload over IPC, the harness shim over server-sent
 * events): listeners come and go, and the newest clock event is handed to each new listener at
 * once, since a page subscribes after its connection opened.
 */
export function createEventHub(): AppEventsApi & { deliver(event: unknown): void } {
  const listeners = new Set<(event: AppEvent) => void>()
  let clock: AppEvent | null = null
  return {
    onEvent(listener) {
      listeners.add(listener)
      if (clock) listener(clock)
      return () => void listeners.delete(listener)
    },
    deliver(event) {
      if (!isAppEvent(event)) return
      if (event.type === 'clock.changed') clock = event
      for (const listener of [...listeners]) listener(event)
    }
  }
}
