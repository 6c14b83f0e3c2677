import { useCallback, useState } from 'react'

const KEY = 'currentUserId'

/** Until sign-in exists, the workstation remembers who said they are using it. */
export function useCurrentUser(): [number | null, (id: number | null) => void] {
  const [id, setId] = useState<number | null>(() => {
    const v = Number(localStorage.getItem(KEY))
    return Number.isInteger(v) && v > 0 ? v : null
  })
  const set = useCallback((next: number | null) => {
    if (next === null) localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, String(next))
    setId(next)
  }, [])
  return [id, set]
}
