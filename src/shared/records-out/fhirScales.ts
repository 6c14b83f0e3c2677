/**
 * Scales as FHIR R4 survey Observations. PHQ-9 and GAD-7 carry their LOINC total-score codes and
 * an item-by-item component with each question's LOINC code. MOAA/S, CADSS, the clinician
 * dissociation rating and the 0–10 distress rating have no standard LOINC code: they are coded in
 * the clinic's own code system (a placeholder URI a clinic with an assigned one replaces).
 */
import type { CodeableConcept, Observation, ObservationComponent } from 'fhir/r4'
import { GAD7_ITEMS, PHQ9_ITEMS, SCALE_LABELS, scaleBand, scaleTotal, type ScaleKind, type ScalePayload } from '../record/scales'

export const LOINC = 'http://loinc.org'
export const SCALE_CODE_SYSTEM = 'urn:ketamine-session-console:scale'

export const SURVEY_CATEGORY: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }],
  text: 'Survey'
}

export const SCALE_TOTAL_LOINC = {
  phq9: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' },
  gad7: { code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]' }
} as const

/** The questions' LOINC codes, in the order of PHQ9_ITEMS and GAD7_ITEMS. */
export const ITEM_LOINC = {
  phq9: ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
  gad7: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7']
} as const

const CLINIC_DISPLAY: Record<Exclude<ScaleKind, 'phq9' | 'gad7'>, string> = {
  moaas: "Modified Observer's Assessment of Alertness/Sedation (MOAA/S), 0-5",
  distress: 'Anxiety/distress rating, 0-10',
  dissociation: 'Dissociation, clinician rating, 0-4',
  cadss: 'Clinician-Administered Dissociative States Scale (CADSS) total, 0-92'
}

export function scaleCode(kind: ScaleKind): CodeableConcept {
  if (kind === 'phq9' || kind === 'gad7') {
    const c = SCALE_TOTAL_LOINC[kind]
    return { coding: [{ system: LOINC, code: c.code, display: c.display }], text: SCALE_LABELS[kind] }
  }
  return { coding: [{ system: SCALE_CODE_SYSTEM, code: kind, display: CLINIC_DISPLAY[kind] }], text: CLINIC_DISPLAY[kind] }
}

export type ScaleObservationBody = Pick<Observation, 'category' | 'code' | 'valueInteger' | 'interpretation' | 'component' | 'note'>

/** What an Observation of one scale says; the caller adds status, subject, times and performer. */
export function scaleObservation(s: ScalePayload): ScaleObservationBody {
  const band = scaleBand(s)
  const body: ScaleObservationBody = { category: [SURVEY_CATEGORY], code: scaleCode(s.kind), valueInteger: scaleTotal(s) }
  if (band) body.interpretation = [{ text: band }]
  if (s.kind === 'phq9' || s.kind === 'gad7') {
    const questions = s.kind === 'phq9' ? PHQ9_ITEMS : GAD7_ITEMS
    body.component = s.items.map(
      (answer, i): ObservationComponent => ({
        // The question's wording goes in text: LOINC's own display names differ slightly from it.
        code: { coding: [{ system: LOINC, code: ITEM_LOINC[s.kind][i]! }], text: `${i + 1}. ${questions[i]!}` },
        valueInteger: answer
      })
    )
    body.note = [{ text: s.timing === 'before' ? 'Taken before the session' : 'Taken after the session' }]
  }
  return body
}
