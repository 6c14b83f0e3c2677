/**
 * Code that runs inside the page (passed to page.evaluate / addInitScript, so every function is
 * self-contained). Times are performance.now() in the page: ms since the navigation started.
 * "On screen" means committed to the DOM with layout done (forced), not waiting for the next vsync.
 */

interface BenchState {
  responses: Record<string, number>
  openedAt: number | null
  /** Main-thread tasks over 50 ms: [start, end]. Work that follows a commit (effects) shows here. */
  longTasks: [number, number][]
}
type BenchWindow = Window & { __bench: BenchState }

/** Init script: notes when each channel's answer arrives, and when the console has opened with `expected` entries. */
export function installProbes(args: { expectedEntries: number | null; userId: number }): void {
  localStorage.setItem('currentUserId', String(args.userId))
  const w = window as unknown as BenchWindow
  w.__bench = { responses: {}, openedAt: null, longTasks: [] }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.startTime + e.duration])
  }).observe({ type: 'longtask', buffered: true })
  const original = window.fetch.bind(window)
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init)
    const m = /\/api\/([^?]+)/.exec(String(input))
    if (m) w.__bench.responses[decodeURIComponent(m[1]!)] = performance.now()
    return response
  }
  if (args.expectedEntries === null) return
  const wanted = `(${args.expectedEntries} entries)`
  const observer = new MutationObserver(() => {
    const heading = document.getElementById('timeline-heading')
    if (!heading?.textContent?.includes(wanted)) return
    if (!document.querySelector('section[aria-label="Vitals chart"] .vitals-chart__line')) return
    if (!document.querySelector('ul[aria-label="Timeline"] li')) return
    document.documentElement.getBoundingClientRect()
    const shown = performance.now()
    observer.disconnect()
    // Open means usable: also wait out the work that follows the first render (effects, a second
    // render), until the main thread has been free of long tasks for 300 ms.
    const settle = () => {
      const last = w.__bench.longTasks.reduce((end, [, e]) => Math.max(end, e), 0)
      if (performance.now() - Math.max(shown, last) < 300) return void setTimeout(settle, 50)
      w.__bench.openedAt = Math.max(shown, last)
    }
    setTimeout(settle, 50)
  })
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }))
}

export interface SaveTiming {
  /** Pressing "Save vitals" to the new entry visible in the timeline. */
  clickToScreen: number
  /** The saved entry's answer reaching the page to the new entry visible in the timeline. */
  responseToScreen: number
  /** Pressing "Save vitals" to the first frame after it is visible. */
  clickToPaint: number
  /** Pressing "Save vitals" to the new entry in the DOM (maybe still below the fold). */
  clickToDom: number
  /** The answer to the end of the main-thread work it caused (the entry visible, and any long task after it). */
  responseToSettled: number
  /** The answer to both the timeline showing the entry and the chart redrawn with it. */
  responseToBoth: number
}

/** Types a set of vitals into the lane, presses Save vitals, and times the way to the screen. */
export function saveVitalsTimed(values: Record<string, string>): Promise<SaveTiming> {
  const w = window as unknown as BenchWindow
  const lane = document.querySelector<HTMLElement>('section[aria-label="Vitals"]')!
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
  for (const [label, value] of Object.entries(values)) {
    const l = [...lane.querySelectorAll('label')].find((x) => x.textContent === label)!
    const input = document.getElementById(l.htmlFor) as HTMLInputElement
    setValue.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }
  const list = document.querySelector<HTMLElement>('ul[aria-label="Timeline"]')!
  const scroller = list.parentElement!
  const count = Number(list.querySelector('li')?.getAttribute('aria-setsize') ?? 0)
  const button = [...lane.querySelectorAll('button')].find((b) => b.textContent === 'Save vitals')!
  const chart = document.querySelector('section[aria-label="Vitals chart"]')
  let chartAt = Number.NaN
  const chartObserver = new MutationObserver(() => {
    if (Number.isNaN(chartAt)) chartAt = performance.now()
  })
  if (chart) chartObserver.observe(chart, { childList: true, subtree: true, attributes: true, characterData: true })
  return new Promise((resolve, reject) => {
    let t0 = 0
    let inDom = Number.NaN
    const visible = (): boolean => {
      const li = list.querySelector(`li[aria-posinset="${count + 1}"]`)
      if (!li) return false
      if (Number.isNaN(inDom)) inDom = performance.now()
      const r = li.getBoundingClientRect()
      const s = scroller.getBoundingClientRect()
      return r.height > 0 && r.top >= s.top - 1 && r.bottom <= s.bottom + 1
    }
    const timeout = setTimeout(() => reject(new Error('the entry did not appear within 10 s')), 10_000)
    const check = () => {
      if (!visible()) return
      const t = performance.now()
      clearTimeout(timeout)
      observer.disconnect()
      scroller.removeEventListener('scroll', check)
      const answered = w.__bench.responses['entries.record'] ?? Number.NaN
      requestAnimationFrame(() =>
        setTimeout(() => {
          const painted = performance.now()
          const settle = () => {
            const last = w.__bench.longTasks.reduce((end, [s, e]) => (s >= answered ? Math.max(end, e) : end), 0)
            const waitChart = chart !== null && Number.isNaN(chartAt) && performance.now() - t < 3000
            if (performance.now() - Math.max(t, last) < 200 || waitChart) return void setTimeout(settle, 50)
            chartObserver.disconnect()
            resolve({
              responseToBoth: Math.max(t, chartAt) - answered,
              clickToScreen: t - t0,
              responseToScreen: t - answered,
              clickToPaint: painted - t0,
              clickToDom: inDom - t0,
              responseToSettled: Math.max(t, last) - answered
            })
          }
          settle()
        })
      )
    }
    const observer = new MutationObserver(check)
    observer.observe(list, { childList: true, subtree: true, attributes: true })
    scroller.addEventListener('scroll', check)
    t0 = performance.now()
    button.click()
  })
}

/**
 * Starts waiting for main's next clock event that changes the readouts (the time from the event's
 * arrival to the DOM); `tickTimed` answers it. Two steps, so the wait is in place before the
 * benchmark moves the clock: nothing polls any more that would catch a tick missed.
 */
export function armTick(): void {
  ;(window as unknown as { __tick: Promise<number> }).__tick = nextTickTimed()
  function nextTickTimed(): Promise<number> {
  const events = (window as unknown as { appEvents: { onEvent(listener: (e: { type: string }) => void): () => void } }).appEvents
  const figures = document.querySelector('dl[aria-label="Session figures"]')!
  let answered = 0
  // A new listener is handed the last clock event at once: only later ones count.
  let listening = false
  const stop = events.onEvent((e) => {
    if (listening && e.type === 'clock.changed') answered = performance.now()
  })
  listening = true
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      stop()
      reject(new Error('no clock tick within 5 s'))
    }, 5_000)
    const observer = new MutationObserver(() => {
      if (answered === 0) return
      document.documentElement.getBoundingClientRect()
      const t = performance.now()
      clearTimeout(timeout)
      observer.disconnect()
      stop()
      resolve(t - answered)
    })
    observer.observe(figures, { childList: true, subtree: true, characterData: true })
  })
  }
}

export function tickTimed(): Promise<number> {
  return (window as unknown as { __tick: Promise<number> }).__tick
}

/**
 * Scrolls the timeline by `stepPx` (or, if 0, jumps through it in `steps` even jumps) and times
 * each scroll event to the commit of the rows it brings into view, layout included.
 */
export async function scrollTimed(args: { steps: number; stepPx: number }): Promise<number[]> {
  const list = document.querySelector<HTMLElement>('ul[aria-label="Timeline"]')!
  const scroller = list.parentElement!
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)))
  scroller.scrollTop = 0
  await frame()
  await frame()
  const out: number[] = []
  let scrolledAt = 0
  const onScroll = () => (scrolledAt = performance.now())
  window.addEventListener('scroll', onScroll, { capture: true })
  for (let i = 1; i <= args.steps; i++) {
    const target = args.stepPx > 0 ? i * args.stepPx : Math.floor((i * (scroller.scrollHeight - scroller.clientHeight)) / args.steps)
    const committed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        document.documentElement.getBoundingClientRect()
        observer.disconnect()
        resolve(performance.now())
      })
      observer.observe(list, { childList: true, subtree: true })
      setTimeout(() => {
        observer.disconnect()
        resolve(Number.NaN)
      }, 1000)
    })
    scrolledAt = 0
    scroller.scrollTop = target
    const t = await committed
    if (scrolledAt > 0 && Number.isFinite(t)) out.push(t - scrolledAt)
    await frame()
  }
  window.removeEventListener('scroll', onScroll, { capture: true })
  return out
}
