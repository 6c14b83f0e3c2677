import { useCallback, useEffect, useState } from 'react'
import type { Staff } from '../../../shared/people/people'
import { call } from './api'

export function useStaff(): { staff: Staff[] | null; error: string | null; reload: () => void } {
  const [staff, setStaff] = useState<Staff[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(() => {
    void call('staff.list', {}).then((r) => {
      if (r.ok) {
        setStaff(r.value)
        setError(null)
      } else setError(r.error.message)
    })
  }, [])
  useEffect(reload, [reload])
  return { staff, error, reload }
}
