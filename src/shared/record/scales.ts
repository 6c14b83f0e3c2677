/**
 * Rating scales recorded in a session: sedation (MOAA/S), a 0–10 anxiety/distress rating,
 * dissociation (CADSS total or a brief clinician rating), and the public-domain PHQ-9 and GAD-7
 * before and after the session, item by item. Totals and bands are derived, never stored.
 */
import { z } from 'zod'

export const SCALE_KINDS = ['moaas', 'distress', 'dissociation', 'cadss', 'phq9', 'gad7'] as const
export type ScaleKind = (typeof SCALE_KINDS)[number]
export const SCALE_LABELS: Record<ScaleKind, string> = {
  moaas: 'MOAA/S (sedation, 0–5)',
  distress: 'Anxiety/distress (0–10)',
  dissociation: 'Dissociation, clinician rating (0–4)',
  cadss: 'CADSS total (0–92)',
  phq9: 'PHQ-9',
  gad7: 'GAD-7'
}
export const SCALE_SHORT: Record<ScaleKind, string> = {
  moaas: 'MOAA/S',
  distress: 'Distress',
  dissociation: 'Dissociation',
  cadss: 'CADSS',
  phq9: 'PHQ-9',
  gad7: 'GAD-7'
}
/** Score ranges of the single-score scales. */
export const SCORE_RANGE = { moaas: [0, 5], distress: [0, 10], dissociation: [0, 4], cadss: [0, 92] } as const
export const TIMINGS = ['before', 'after'] as const
export type Timing = (typeof TIMINGS)[number]

export const MOAAS_LABELS = [
  'No response after painful trapezius squeeze',
  'Responds only after painful trapezius squeeze',
  'Responds only after mild prodding or shaking',
  'Responds only after name is called loudly or repeatedly',
  'Lethargic response to name spoken in normal tone',
  'Responds readily to name spoken in normal tone'
] as const
export const DISSOCIATION_LABELS = ['None', 'Mild', 'Moderate', 'Severe', 'Extreme'] as const

/** Answers shared by PHQ-9 and GAD-7 ("over the last 2 weeks, how often..."). */
export const FREQUENCY_ANSWERS = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'] as const

export const PHQ9_ITEMS = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed, or being so fidgety or restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead, or of hurting yourself'
] as const
export const GAD7_ITEMS = [
  'Feeling nervous, anxious, or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid, as if something awful might happen'
] as const

const score = (label: string, [min, max]: readonly [number, number]) =>
  z
    .number({ error: `${label} must be a number` })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}`)

const items = (label: string, count: number) =>
  z
    .array(score(`Each ${label} answer`, [0, 3]), { error: `Answer every ${label} item` })
    .length(count, `Answer all ${count} ${label} items`)

const timing = z.enum(TIMINGS, { error: 'Say whether this is before or after the session' })

export const scalePayloadSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('moaas'), score: score('MOAA/S', SCORE_RANGE.moaas) }),
    z.strictObject({ kind: z.literal('distress'), score: score('Anxiety/distress', SCORE_RANGE.distress) }),
    z.strictObject({ kind: z.literal('dissociation'), score: score('Dissociation rating', SCORE_RANGE.dissociation) }),
    z.strictObject({ kind: z.literal('cadss'), score: score('CADSS total', SCORE_RANGE.cadss) }),
    z.strictObject({ kind: z.literal('phq9'), timing, items: items('PHQ-9', 9) }),
    z.strictObject({ kind: z.literal('gad7'), timing, items: items('GAD-7', 7) })
  ],
  { error: 'Choose a scale' }
)
export type ScalePayload = z.infer<typeof scalePayloadSchema>

export function scaleTotal(s: ScalePayload): number {
  return 'items' in s ? s.items.reduce((a, b) => a + b, 0) : s.score
}

export function scaleMax(s: ScalePayload): number {
  if (s.kind === 'phq9') return 27
  if (s.kind === 'gad7') return 21
  return SCORE_RANGE[s.kind][1]
}

/** PHQ-9 (Kroenke 2001): 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe. */
export function phq9Band(total: number): string {
  if (total <= 4) return 'minimal'
  if (total <= 9) return 'mild'
  if (total <= 14) return 'moderate'
  if (total <= 19) return 'moderately severe'
  return 'severe'
}

/** GAD-7 (Spitzer 2006): 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe. */
export function gad7Band(total: number): string {
  if (total <= 4) return 'minimal'
  if (total <= 9) return 'mild'
  if (total <= 14) return 'moderate'
  return 'severe'
}

/** The band or anchor that goes with a score, in words. */
export function scaleBand(s: ScalePayload): string | null {
  switch (s.kind) {
    case 'phq9':
      return phq9Band(scaleTotal(s))
    case 'gad7':
      return gad7Band(scaleTotal(s))
    case 'moaas':
      return MOAAS_LABELS[s.score] ?? null
    case 'dissociation':
      return DISSOCIATION_LABELS[s.score] ?? null
    default:
      return null
  }
}

/** PHQ-9 item 9 (thoughts of death or self-harm) answered above "not at all". */
export function phq9SelfHarmPositive(s: ScalePayload): boolean {
  return s.kind === 'phq9' && (s.items[8] ?? 0) > 0
}

/** One line: "PHQ-9 (before) 12/27 · moderate". */
export function describeScale(s: ScalePayload): string {
  const when = 'timing' in s ? ` (${s.timing})` : ''
  const band = scaleBand(s)
  const parts = [`${SCALE_SHORT[s.kind]}${when} ${scaleTotal(s)}/${scaleMax(s)}`]
  if (band) parts.push(band)
  if ('items' in s) parts.push(`items ${s.items.join(' ')}`)
  if (phq9SelfHarmPositive(s)) parts.push('item 9 positive: assess suicide risk')
  return parts.join(' · ')
}
