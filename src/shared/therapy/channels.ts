/** The patient's course across sessions: the scales recorded in each. */
import { z } from 'zod'
import { channel, idOf, returns } from '../kernel/channel'
import type { CourseScale } from './scaleCourse'

export const therapyChannels = {
  'scales.listForPatient': channel(z.strictObject({ patientId: idOf('patient') }), returns<CourseScale[]>())
} as const
