import { useCallback, useEffect, useState } from 'react'
import { call } from './api'
import { onAppEvent } from './events'

/**
 * "Now" as the main process sees it, ticking on the page's own clock between main's clock events.
 * Timers and the delivered dose are derived from it, so they agree with what the services store
 * (and a test's manual clock, which runs at rate 0, drives the screen too).
 */
interface Anchor {
  serverNow: number
  pageNow: number
  /** 1 for the real clock; 0 for a clock that moves only when told. */
  rate: number
}

let anchor: Anchor | null = null
const watchers = new Set<() => void>()
let listening = false

function setAnchor(next: Anchor): void {
  anchor = next
  for (const watcher of [...watchers]) watcher()
}

function listen(): void {
  if (listening) return
  listening = true
  // Main's clock events are the truth, forwards or back (a harness clock set afresh).
  onAppEvent((event) => {
    if (event.type === 'clock.changed') setAnchor({ serverNow: event.now, pageNow: performance.now(), rate: event.rate })
  })
}

/** Main's time now, or null before main has said it. */
export function serverNow(): number | null {
  listen()
  return anchor === null ? null : anchor.serverNow + (performance.now() - anchor.pageNow) * anchor.rate
}

/** Asks main for its time; an answer never moves the clock back (a clock event may have overtaken it). */
function fetchServerNow(): void {
  void call('clock.now', {}).then((r) => {
    if (!r.ok) return
    const held = serverNow()
    setAnchor({ serverNow: held === null ? r.value : Math.max(held, r.value), pageNow: performance.now(), rate: anchor?.rate ?? 0 })
  })
}

export function useServerClock(): { now: number | null; refresh: () => void } {
  const [now, setNow] = useState<number | null>(serverNow)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      const t = serverNow()
      setNow(t)
      // A running clock shows the next whole second as it comes; a stopped one waits for main.
      if (t !== null && anchor !== null && anchor.rate > 0) timer = setTimeout(tick, (1000 - (t % 1000)) / anchor.rate + 1)
    }
    watchers.add(tick)
    if (anchor === null) fetchServerNow()
    tick()
    return () => {
      watchers.delete(tick)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
  const refresh = useCallback(() => fetchServerNow(), [])
  return { now, refresh }
}
