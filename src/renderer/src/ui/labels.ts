import { formatLocalDateTime } from '../../../shared/kernel/isoTime'
import type { Role } from '../../../shared/people/people'
import type { Phase } from '../../../shared/record/record'

export const ROLE_LABELS: Record<Role, string> = {
  physician: 'Physician',
  nurse: 'Nurse',
  therapist: 'Therapist',
  administrator: 'Administrator'
}
export const roleLabel = (r: Role): string => ROLE_LABELS[r]

export const PHASE_LABELS: Record<Phase, string> = {
  'pre-infusion': 'Pre-infusion',
  infusion: 'Infusion',
  recovery: 'Recovery',
  ended: 'Ended'
}

/** Dates on screen in the one format the reports use too. */
export const formatDate = formatLocalDateTime
