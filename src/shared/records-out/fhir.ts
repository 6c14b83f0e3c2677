/**
 * FHIR R4 export of one session: a Bundle of type "collection" with the Patient, the Encounter
 * (the session), the staff as Practitioners, an Observation per vital (LOINC codes and UCUM units
 * from shared/clinical/REFERENCE.md, vital-signs category, blood pressure as a panel with
 * components), a MedicationAdministration per infusion rate segment (dosage.rate per hour,
 * effectivePeriod) and per medication given, Observations for reported 0–10 ratings and for
 * scales (fhirScales.ts), and a Provenance per entry and per amendment for authorship. Pure: ids
 * come from `newId`.
 */
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Encounter,
  FhirResource,
  MedicationAdministration,
  Observation,
  ObservationComponent,
  Patient as FhirPatient,
  Practitioner,
  Provenance,
  Quantity,
  Reference
} from 'fhir/r4'
import { describeEntry } from '../record/describe'
import { LOINC, scaleCode, scaleObservation, SURVEY_CATEGORY } from './fhirScales'
import type { EntryInput, NotePayload } from '../record/events'
import { convertMgPerHour, rateSegments } from '../record/infusion'
import { isoWithOffset } from '../kernel/isoTime'
import type { Staff } from '../people/people'
import type { SessionPlan } from '../record/plan'
import { effectiveEntries, infusionActions, snapshotOf, type EffectiveEntry } from '../record/record'
import type { SessionRecord } from '../sessions/session'
import type { Vitals } from '../record/vitals'

export { LOINC }
export const UCUM = 'http://unitsofmeasure.org'
export const SNOMED = 'http://snomed.info/sct'
/** The clinic's own namespace for Patient IDs; a clinic with an assigned system URI replaces it. */
export const PATIENT_ID_SYSTEM = 'urn:ketamine-session-console:patient-id'
export const STAFF_ID_SYSTEM = 'urn:ketamine-session-console:staff-id'
export const SESSION_ID_SYSTEM = 'urn:ketamine-session-console:session-id'

const VITAL_SIGNS_CATEGORY: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
  text: 'Vital Signs'
}

const loinc = (code: string, display: string): CodeableConcept => ({ coding: [{ system: LOINC, code, display }], text: display })
const ucum = (value: number, unit: string, code: string = unit): Quantity => ({ value, unit, system: UCUM, code })

/** The LOINC codes and UCUM units of REFERENCE.md, one place. */
export const VITAL_CODES = {
  panel: { code: '85353-1', display: 'Vital signs, weight, height, head circumference, oxygen saturation and BMI panel' },
  bloodPressure: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]' },
  heartRate: { code: '8867-4', display: 'Heart rate', unit: '/min', ucum: '/min' },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', unit: '/min', ucum: '/min' },
  spo2: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', ucum: '%' },
  spo2Arterial: { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
  temperature: { code: '8310-5', display: 'Body temperature', unit: 'Cel', ucum: 'Cel' },
  pain: { code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }
} as const

const ROUTE_CODES: Record<SessionPlan['route'], Coding | null> = {
  IV: { system: SNOMED, code: '47625008', display: 'Intravenous route' },
  IM: { system: SNOMED, code: '78421000', display: 'Intramuscular route' },
  intranasal: { system: SNOMED, code: '46713006', display: 'Nasal route' },
  'oral/sublingual': null
}

export interface FhirExportOptions {
  record: SessionRecord
  staff: readonly Staff[]
  /** Time of the export: Bundle.timestamp, and the end of a segment still running. */
  exportedAt: number
  /** A new UUID per call (crypto.randomUUID in the app; a counter in tests). */
  newId: () => string
  /** Extra resources other features add (scales are built in: fhirScales.ts). They get no Provenance of their own. */
  extra?: (refs: { patient: Reference; encounter: Reference; practitioner: (staffId: number) => Reference }) => FhirResource[]
}

/** Observation.status and Provenance activity follow the entry's amendments. */
function observationStatus(e: EffectiveEntry): Observation['status'] {
  return e.voided ? 'entered-in-error' : e.corrections.length > 0 ? 'amended' : 'final'
}

export function sessionBundle(o: FhirExportOptions): Bundle {
  const { record, exportedAt } = o
  const { session, patient } = record
  const plan = session.plan
  const entries = effectiveEntries(record.events)
  const snapshot = snapshotOf(entries, plan, exportedAt)
  const out: BundleEntry[] = []
  const urlOf = new Map<FhirResource, string>()
  const add = <R extends FhirResource>(resource: R): Reference => {
    const url = `urn:uuid:${o.newId()}`
    urlOf.set(resource, url)
    out.push({ fullUrl: url, resource })
    return { reference: url }
  }
  const iso = (ms: number) => isoWithOffset(ms)

  const patientRef = add<FhirPatient>({
    resourceType: 'Patient',
    identifier: [{ use: 'usual', system: PATIENT_ID_SYSTEM, value: patient.patientCode }],
    name: [{ text: patient.fullName }],
    birthDate: patient.dateOfBirth
  })

  const practitioners = new Map<number, Reference>()
  const practitioner = (id: number): Reference => {
    const known = practitioners.get(id)
    if (known) return known
    const s = o.staff.find((x) => x.id === id)
    const ref = add<Practitioner>({
      resourceType: 'Practitioner',
      identifier: [{ system: STAFF_ID_SYSTEM, value: String(id) }],
      ...(s ? { name: [{ text: s.name }] } : {})
    })
    const withDisplay = s ? { ...ref, display: `${s.name} (${s.role})` } : ref
    practitioners.set(id, withDisplay)
    return withDisplay
  }

  const participant = (id: number, code: string, display: string): NonNullable<Encounter['participant']>[number] => ({
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code, display }] }],
    individual: practitioner(id)
  })
  const encounterStart = Math.min(session.createdAt, ...entries.map((e) => e.occurredAt))
  const encounterRef = add<Encounter>({
    resourceType: 'Encounter',
    identifier: [{ system: SESSION_ID_SYSTEM, value: String(session.id) }],
    status: snapshot.endedAt === null ? 'in-progress' : 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ text: `${plan.drug} ${plan.route} session` }],
    subject: patientRef,
    participant: [
      participant(session.team.physicianId, 'ATND', 'attender'),
      participant(session.team.nurseId, 'PPRF', 'primary performer'),
      ...(session.team.therapistId === null ? [] : [participant(session.team.therapistId, 'PART', 'Participation')])
    ],
    period: snapshot.endedAt === null ? { start: iso(encounterStart) } : { start: iso(encounterStart), end: iso(snapshot.endedAt) }
  })

  /** Resources made from each entry, for its Provenance. */
  const fromEntry = new Map<EffectiveEntry, Reference[]>()
  const link = (e: EffectiveEntry, ref: Reference) => fromEntry.set(e, [...(fromEntry.get(e) ?? []), ref])

  const amendNote = (e: EffectiveEntry): Observation['note'] => {
    if (e.corrections.length === 0 && !e.voided) return undefined
    const first = { type: e.original.type, ...(e.original.payload as object) } as EntryInput
    const notes = [{ text: `As first recorded: ${describeEntry(first, plan)}` }]
    for (const c of e.corrections) notes.push({ text: `Corrected ${iso(c.recordedAt)}: ${c.reason ?? ''}` })
    if (e.voided) notes.push({ text: `Entered in error ${iso(e.voided.recordedAt)}: ${e.voided.reason ?? ''}` })
    return notes
  }

  const observation = (e: EffectiveEntry, body: Omit<Observation, 'resourceType' | 'status' | 'subject' | 'encounter' | 'effectiveDateTime' | 'issued' | 'performer'>): Reference => {
    const note = [...(body.note ?? []), ...(amendNote(e) ?? [])]
    const ref = add<Observation>({
      resourceType: 'Observation',
      status: observationStatus(e),
      ...body,
      subject: patientRef,
      encounter: encounterRef,
      effectiveDateTime: iso(e.occurredAt),
      issued: iso(e.original.recordedAt),
      performer: [practitioner(e.original.authorId)],
      ...(note.length > 0 ? { note } : {})
    })
    link(e, ref)
    return ref
  }

  const vitalsObservations = (e: EffectiveEntry, v: Vitals) => {
    const simple = (key: 'heartRate' | 'respiratoryRate' | 'temperature', value: number) => {
      const c = VITAL_CODES[key]
      return observation(e, { category: [VITAL_SIGNS_CATEGORY], code: loinc(c.code, c.display), valueQuantity: ucum(value, c.unit, c.ucum) })
    }
    const bpComponent = (key: 'systolic' | 'diastolic', value: number): ObservationComponent => {
      const c = VITAL_CODES[key]
      return { code: loinc(c.code, c.display), valueQuantity: ucum(value, c.unit, c.ucum) }
    }
    const members: Reference[] = [
      observation(e, {
        category: [VITAL_SIGNS_CATEGORY],
        code: loinc(VITAL_CODES.bloodPressure.code, VITAL_CODES.bloodPressure.display),
        component: [bpComponent('systolic', v.systolic), bpComponent('diastolic', v.diastolic)]
      }),
      simple('heartRate', v.heartRate),
      observation(e, {
        category: [VITAL_SIGNS_CATEGORY],
        code: {
          coding: [
            { system: LOINC, code: VITAL_CODES.spo2.code, display: VITAL_CODES.spo2.display },
            { system: LOINC, code: VITAL_CODES.spo2Arterial.code, display: VITAL_CODES.spo2Arterial.display }
          ],
          text: 'SpO2'
        },
        valueQuantity: ucum(v.spo2, '%')
      }),
      simple('respiratoryRate', v.respiratoryRate)
    ]
    if (v.temperature !== undefined) members.push(simple('temperature', v.temperature))
    if (v.sedation !== undefined)
      members.push(observation(e, { category: [SURVEY_CATEGORY], code: scaleCode('moaas'), valueInteger: v.sedation }))
    observation(e, { category: [VITAL_SIGNS_CATEGORY], code: loinc(VITAL_CODES.panel.code, VITAL_CODES.panel.display), hasMember: members })
  }

  const rating = (e: EffectiveEntry, n: NotePayload) => {
    if (n.intensity === undefined || n.intensityOf === undefined) return
    const code = n.intensityOf === 'pain' ? loinc(VITAL_CODES.pain.code, VITAL_CODES.pain.display) : { text: `Reported ${n.intensityOf} intensity, 0-10` }
    observation(e, { category: [SURVEY_CATEGORY], code, valueInteger: n.intensity })
  }

  const drug: CodeableConcept = { text: plan.drug === 'esketamine' ? 'Esketamine' : 'Ketamine (racemic)' }
  const route = ROUTE_CODES[plan.route]
  const routeConcept: CodeableConcept = route ? { coding: [route], text: plan.route } : { text: plan.route }

  for (const e of entries) {
    if (e.voided && e.entry.type !== 'vitals' && e.entry.type !== 'note' && e.entry.type !== 'scale') continue
    if (e.entry.type === 'vitals') vitalsObservations(e, e.entry.vitals)
    if (e.entry.type === 'scale') observation(e, scaleObservation(e.entry.scale))
    if (e.entry.type === 'note') {
      rating(e, e.entry.note)
      const m = e.entry.note.medication
      if (m) {
        const ref = add<MedicationAdministration>({
          resourceType: 'MedicationAdministration',
          status: e.voided ? 'entered-in-error' : 'completed',
          medicationCodeableConcept: { text: m.drug },
          subject: patientRef,
          context: encounterRef,
          effectiveDateTime: iso(e.occurredAt),
          performer: [{ actor: practitioner(e.original.authorId) }],
          dosage: { route: { text: m.route }, dose: { value: m.dose, unit: m.unit }, ...(e.entry.note.text.trim() ? { text: e.entry.note.text } : {}) }
        })
        link(e, ref)
      }
    }
  }

  // One MedicationAdministration per period of constant delivery, the dose from the same segments
  // the console sums (rateSegments), each linked to the entry that set its rate.
  const asOf = snapshot.endedAt ?? exportedAt
  const actions = infusionActions(entries)
  const setters = entries.filter((e) => !e.voided && (e.entry.type === 'infusion_started' || e.entry.type === 'rate_changed' || e.entry.type === 'infusion_resumed'))
  for (const seg of rateSegments(actions, plan)) {
    if (seg.from > asOf) continue
    const to = seg.to === null ? null : Math.min(seg.to, asOf)
    const end = to ?? asOf
    const doseMg = (seg.mgPerHour * Math.max(0, end - seg.from)) / 3_600_000
    const rate = convertMgPerHour(seg.mgPerHour, plan)
    const setter = [...setters].reverse().find((s) => s.occurredAt <= seg.from)
    const ref = add<MedicationAdministration>({
      resourceType: 'MedicationAdministration',
      status: to === null ? 'in-progress' : 'completed',
      medicationCodeableConcept: drug,
      subject: patientRef,
      context: encounterRef,
      effectivePeriod: to === null ? { start: iso(seg.from) } : { start: iso(seg.from), end: iso(to) },
      ...(setter ? { performer: [{ actor: practitioner(setter.original.authorId) }] } : {}),
      dosage: {
        text: `${rate.mgPerKgPerHour.toFixed(3)} mg/kg/h (${rate.mlPerHour.toFixed(2)} mL/h of ${plan.concentrationMgPerMl} mg/mL)`,
        route: routeConcept,
        rateQuantity: ucum(round(rate.mgPerHour), 'mg/h'),
        dose: ucum(round(doseMg), 'mg')
      }
    })
    if (setter) link(setter, ref)
  }

  for (const extra of o.extra?.({ patient: patientRef, encounter: encounterRef, practitioner }) ?? []) add(extra)

  // Authorship: who entered each entry and when, then each correction or entered-in-error mark.
  const provenance = (target: Reference[], recorded: number, who: number, occurred: number, activity: 'CREATE' | 'UPDATE' | 'NULLIFY', reason?: string | null) =>
    add<Provenance>({
      resourceType: 'Provenance',
      target,
      occurredDateTime: iso(occurred),
      recorded: iso(recorded),
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: activity }] },
      ...(reason ? { reason: [{ text: reason }] } : {}),
      agent: [
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] },
          who: practitioner(who)
        }
      ]
    })
  provenance([patientRef, encounterRef].map((r) => ({ ...r })), session.createdAt, session.createdBy, session.createdAt, 'CREATE')
  for (const [e, targets] of fromEntry) {
    provenance(targets, e.original.recordedAt, e.original.authorId, e.original.occurredAt, 'CREATE')
    for (const c of e.corrections) provenance(targets, c.recordedAt, c.authorId, c.recordedAt, 'UPDATE', c.reason)
    if (e.voided) provenance(targets, e.voided.recordedAt, e.voided.authorId, e.voided.recordedAt, 'NULLIFY', e.voided.reason)
  }

  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: iso(exportedAt),
    identifier: { system: SESSION_ID_SYSTEM, value: `session-${session.id}-export-${exportedAt}` },
    entry: out
  }
}

/** Six decimals: far below any pump's precision, and no binary float tails like 17.499999999. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

