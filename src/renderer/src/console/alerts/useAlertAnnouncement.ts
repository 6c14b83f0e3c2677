import { useEffect, useRef, useState } from 'react'

/**
 * The text for an assertive live region: each alert announced once, when it first appears (by
 * key), never again on a clock tick or a refetch. The region itself must be on screen before the
 * first alert, or a screen reader may not announce it.
 */
export function useAlertAnnouncement(alerts: readonly { key: string; message: string }[]): string {
  const announced = useRef(new Set<string>())
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => {
    const fresh = alerts.filter((a) => !announced.current.has(a.key))
    if (fresh.length === 0) return
    for (const a of fresh) announced.current.add(a.key)
    setAnnouncement(`New alert${fresh.length > 1 ? 's' : ''}: ${fresh.map((a) => a.message).join('. ')}`)
  }, [alerts])
  return announcement
}
