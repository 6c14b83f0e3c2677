import type { Bundle, Encounter, MedicationAdministration, Observation, Patient, Provenance, Reference } from 'fhir/r4'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { correctEntry, markInError } from '../../../src/main/record/entries'
import { exportFhir } from '../../../src/main/records-out/records'
import { SCALE_CODE_SYSTEM } from '../../../src/shared/records-out/fhirScales'
import { deliveredDoseMg } from '../../../src/shared/record/infusion'
import { effectiveEntries, infusionActions } from '../../../src/shared/record/record'
import { loadEvents } from '../../../src/main/record/eventStore'
import { makeSeededContext, MIN, T0 } from '../helpers'
import { validateAgainstSchema, validateWithMedplum } from './fhirValidation'
import { GAD7_AFTER, PHQ9_BEFORE, safetySession } from './safetyScenario'
import { EXPECTED, scriptedSession } from './scenario'

// Compiling the official schema (3 MB) and indexing the StructureDefinitions takes a while, once.
beforeAll(() => {
  validateAgainstSchema({ resourceType: 'Bundle', type: 'collection' })
  validateWithMedplum({ resourceType: 'Bundle', type: 'collection' })
}, 120_000)

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function exported() {
  const s = scriptedSession()
  cleanups.push(s.cleanup)
  const file = exportFhir(s.ctx, { sessionId: s.session.id })
  return { s, file, bundle: JSON.parse(file.content) as Bundle }
}

const resources = <T>(b: Bundle, type: string) => (b.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[]
/** An ISO 8601 time with an explicit offset (or Z), to the second at least. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?([+-]\d{2}:\d{2}|Z)$/
const instant = (s: string | undefined) => {
  expect(s).toMatch(ISO_WITH_OFFSET)
  return Date.parse(s!)
}
const codes = (o: Observation) => (o.code.coding ?? []).map((c) => `${c.system}|${c.code}`)

describe('FHIR export of a full scripted session', () => {
  it('is a valid FHIR R4 Bundle by the official JSON schema and by a StructureDefinition validator', () => {
    const { bundle } = exported()
    expect(validateAgainstSchema(bundle)).toEqual([])
    expect(validateWithMedplum(bundle)).toEqual([])
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.type).toBe('collection')
  })

  it('the validators do catch a broken resource (so a pass means something)', () => {
    const { bundle } = exported()
    const obs = resources<Observation>(bundle, 'Observation')[0]!
    ;(obs as { status: string }).status = 'done'
    expect(validateAgainstSchema(bundle).length).toBeGreaterThan(0)
    delete (obs as { status?: string }).status
    expect(validateWithMedplum(bundle).length).toBeGreaterThan(0)
  })

  it('every reference points at an entry of the bundle', () => {
    const { bundle } = exported()
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl))
    const refs: string[] = []
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk)
      else if (x && typeof x === 'object') {
        const r = (x as Reference).reference
        if (typeof r === 'string') refs.push(r)
        Object.values(x).forEach(walk)
      }
    }
    walk(bundle.entry?.map((e) => e.resource))
    expect(refs.length).toBeGreaterThan(20)
    for (const r of refs) expect(urls.has(r), r).toBe(true)
  })

  it('the patient and the encounter carry the record’s identity and times', () => {
    const { bundle, s } = exported()
    const [patient] = resources<Patient>(bundle, 'Patient')
    expect(patient?.identifier?.[0]?.value).toBe(s.patient.patientCode)
    expect(patient?.birthDate).toBe(s.patient.dateOfBirth)
    expect(patient?.name?.[0]?.text).toBe(s.patient.fullName)
    const [enc] = resources<Encounter>(bundle, 'Encounter')
    expect(enc?.status).toBe('finished')
    expect(instant(enc?.period?.start)).toBe(T0)
    expect(instant(enc?.period?.end)).toBe(s.at(90))
  })

  it('each vitals set becomes vital-sign Observations with LOINC codes and UCUM units, blood pressure as a panel', () => {
    const { bundle, s } = exported()
    const obs = resources<Observation>(bundle, 'Observation')
    const bp = obs.filter((o) => codes(o).includes('http://loinc.org|85354-9') && o.status !== 'entered-in-error')
    expect(bp).toHaveLength(EXPECTED.vitals.length)
    const byTime = (list: Observation[]) => [...list].sort((a, b) => instant(a.effectiveDateTime) - instant(b.effectiveDateTime))
    byTime(bp).forEach((o, i) => {
      const v = EXPECTED.vitals[i]!
      expect(instant(o.effectiveDateTime)).toBe(s.at(v.min))
      expect(o.category?.[0]?.coding?.[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' })
      const comp = (code: string) => o.component?.find((c) => c.code.coding?.[0]?.code === code)?.valueQuantity
      expect(comp('8480-6')).toEqual({ value: v.sys, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' })
      expect(comp('8462-4')).toEqual({ value: v.dia, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' })
    })
    const single = (code: string) => byTime(obs.filter((o) => codes(o).includes(`http://loinc.org|${code}`) && o.status !== 'entered-in-error'))
    expect(single('8867-4').map((o) => [o.valueQuantity?.value, o.valueQuantity?.code])).toEqual(EXPECTED.vitals.map((v) => [v.hr, '/min']))
    expect(single('9279-1').map((o) => [o.valueQuantity?.value, o.valueQuantity?.code])).toEqual(EXPECTED.vitals.map((v) => [v.rr, '/min']))
    const spo2 = single('59408-5')
    expect(spo2.map((o) => [o.valueQuantity?.value, o.valueQuantity?.code])).toEqual(EXPECTED.vitals.map((v) => [v.spo2, '%']))
    for (const o of spo2) expect(codes(o)).toContain('http://loinc.org|2708-6')
    expect(single('8310-5').map((o) => [o.valueQuantity?.value, o.valueQuantity?.code])).toEqual([[36.8, 'Cel']])
    // Every vitals set is grouped in a vital signs panel.
    expect(obs.filter((o) => codes(o).includes('http://loinc.org|85353-1'))).toHaveLength(EXPECTED.vitals.length + 1)
  })

  it('a corrected reading is exported with its corrected value as amended, a voided one as entered-in-error', () => {
    const { bundle } = exported()
    const bp = resources<Observation>(bundle, 'Observation').filter((o) => codes(o).includes('http://loinc.org|85354-9'))
    const amended = bp.filter((o) => o.status === 'amended')
    expect(amended).toHaveLength(1)
    expect(amended[0]!.component?.[0]?.valueQuantity?.value).toBe(140)
    expect(amended[0]!.note?.map((n) => n.text).join(' ')).toMatch(/BP 141\/88.*Misread the monitor/s)
    const voided = bp.filter((o) => o.status === 'entered-in-error')
    expect(voided.map((o) => o.component?.[0]?.valueQuantity?.value)).toEqual([210])
  })

  it('one MedicationAdministration per rate segment, rate per hour and period as recorded, doses adding up to the delivered dose', () => {
    const { bundle, s } = exported()
    const ket = resources<MedicationAdministration>(bundle, 'MedicationAdministration').filter((m) => m.medicationCodeableConcept?.text?.startsWith('Ketamine'))
    expect(ket).toHaveLength(EXPECTED.segments.length)
    const sorted = [...ket].sort((a, b) => instant(a.effectivePeriod?.start) - instant(b.effectivePeriod?.start))
    sorted.forEach((m, i) => {
      const seg = EXPECTED.segments[i]!
      expect(instant(m.effectivePeriod?.start)).toBe(s.at(seg.fromMin))
      expect(instant(m.effectivePeriod?.end)).toBe(s.at(seg.toMin))
      expect(m.status).toBe('completed')
      expect(m.dosage?.rateQuantity).toEqual({ value: seg.mgPerHour, unit: 'mg/h', system: 'http://unitsofmeasure.org', code: 'mg/h' })
      expect(m.dosage?.dose?.value).toBeCloseTo(seg.doseMg, 6)
      expect(m.dosage?.route?.coding?.[0]?.code).toBe('47625008')
    })
    const total = ket.reduce((sum, m) => sum + (m.dosage?.dose?.value ?? 0), 0)
    expect(total).toBeCloseTo(EXPECTED.deliveredMg, 6)
    // The same figure the console shows: deliveredDoseMg over the stored record.
    const record = effectiveEntries(loadEvents(s.db, s.session.id))
    expect(total).toBeCloseTo(deliveredDoseMg(infusionActions(record), s.session.plan, s.at(90)), 6)
    const ondansetron = resources<MedicationAdministration>(bundle, 'MedicationAdministration').find((m) => m.medicationCodeableConcept?.text === 'Ondansetron')
    expect(ondansetron?.dosage?.dose).toMatchObject({ value: 4, unit: 'mg' })
    expect(instant(ondansetron?.effectiveDateTime)).toBe(s.at(33))
  })

  it('a reported pain rating is an Observation with its LOINC code', () => {
    const { bundle, s } = exported()
    const pain = resources<Observation>(bundle, 'Observation').filter((o) => codes(o).includes('http://loinc.org|72514-3'))
    expect(pain.map((o) => o.valueInteger)).toEqual([3])
    expect(instant(pain[0]!.effectiveDateTime)).toBe(s.at(20.5))
  })

  it('Provenance names the author of every exported entry, and each correction and void with its reason', () => {
    const { bundle, s } = exported()
    const prov = resources<Provenance>(bundle, 'Provenance')
    const practitionerName = (ref: string | undefined) =>
      (bundle.entry ?? []).find((e) => e.fullUrl === ref)?.resource as { name?: { text?: string }[] } | undefined
    const targeted = new Set(prov.flatMap((p) => p.target.map((t) => t.reference)))
    for (const o of resources<Observation>(bundle, 'Observation')) {
      const url = bundle.entry?.find((e) => e.resource === o)?.fullUrl
      expect(targeted.has(url), `${o.code.text} has a Provenance`).toBe(true)
    }
    const update = prov.filter((p) => p.activity?.coding?.[0]?.code === 'UPDATE')
    expect(update.map((p) => p.reason?.[0]?.text)).toEqual(['Misread the monitor'])
    expect(practitionerName(update[0]!.agent[0]!.who?.reference)?.name?.[0]?.text).toBe(s.team.nurse.name)
    expect(instant(update[0]!.recorded)).toBe(s.at(82))
    const nullify = prov.filter((p) => p.activity?.coding?.[0]?.code === 'NULLIFY')
    expect(nullify.map((p) => p.reason?.[0]?.text)).toEqual(["Another patient's reading"])
  })
})

describe('FHIR export of a session with no entries', () => {
  it('is still a valid, small Bundle: patient, encounter, practitioners, provenance', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    t.clock.set(T0 + 2 * MIN)
    const bundle = JSON.parse(exportFhir(t.ctx, { sessionId: t.session.id }).content) as Bundle
    expect(validateAgainstSchema(bundle)).toEqual([])
    expect(validateWithMedplum(bundle)).toEqual([])
    expect(resources<Encounter>(bundle, 'Encounter')[0]?.status).toBe('in-progress')
    expect(resources(bundle, 'Observation')).toHaveLength(0)
    expect(resources(bundle, 'MedicationAdministration')).toHaveLength(0)
    expect(bundle.entry!.length).toBeLessThanOrEqual(8)
  })
})

describe('FHIR export of a session with scales', () => {
  function exportedWithScales() {
    const s = safetySession()
    cleanups.push(s.cleanup)
    const events = loadEvents(s.db, s.session.id)
    const moaas = events.find((e) => e.type === 'scale' && (e.payload as { scale: { kind: string } }).scale.kind === 'moaas')!
    const dissociation = events.find((e) => e.type === 'scale' && (e.payload as { scale: { kind: string } }).scale.kind === 'dissociation')!
    s.clock.set(s.at(80))
    correctEntry(s.ctx, { sessionId: s.session.id, authorId: s.team.nurse.id, eventId: moaas.id, reason: 'Scored before the stimulus', entry: { type: 'scale', scale: { kind: 'moaas', score: 3 } } })
    markInError(s.ctx, { sessionId: s.session.id, authorId: s.team.therapist.id, eventId: dissociation.id, reason: 'Wrong patient' })
    const bundle = JSON.parse(exportFhir(s.ctx, { sessionId: s.session.id }).content) as Bundle
    return { s, bundle }
  }
  const survey = (b: Bundle) => resources<Observation>(b, 'Observation').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'survey')
  const byCode = (b: Bundle, system: string, code: string) => survey(b).filter((o) => codes(o).includes(`${system}|${code}`))

  it('is a valid FHIR R4 Bundle by the official JSON schema and by a StructureDefinition validator', () => {
    const { bundle } = exportedWithScales()
    expect(validateAgainstSchema(bundle)).toEqual([])
    expect(validateWithMedplum(bundle)).toEqual([])
  })

  it('PHQ-9 and GAD-7 totals carry their LOINC codes, the answers item by item, the band, and before or after', () => {
    const { bundle, s } = exportedWithScales()
    const phq9 = byCode(bundle, 'http://loinc.org', '44261-6').sort((a, b) => instant(a.effectiveDateTime) - instant(b.effectiveDateTime))
    expect(phq9.map((o) => [o.valueInteger, o.interpretation?.[0]?.text, o.note?.[0]?.text])).toEqual([
      [10, 'moderate', 'Taken before the session'],
      [5, 'mild', 'Taken after the session']
    ])
    expect(instant(phq9[0]!.effectiveDateTime)).toBe(s.at(2))
    // Each answer under its question's LOINC code, in order; item 9 is 44260-8.
    expect(phq9[0]!.component?.map((c) => c.valueInteger)).toEqual(PHQ9_BEFORE)
    expect(phq9[0]!.component?.[8]?.code.coding?.[0]).toEqual({ system: 'http://loinc.org', code: '44260-8' })
    const gad7 = byCode(bundle, 'http://loinc.org', '70274-6').sort((a, b) => instant(a.effectiveDateTime) - instant(b.effectiveDateTime))
    expect(gad7.map((o) => o.valueInteger)).toEqual([10, 3])
    expect(gad7[1]!.component?.map((c) => c.valueInteger)).toEqual(GAD7_AFTER)
    expect(gad7[0]!.component?.[0]?.code.coding?.[0]?.code).toBe('69725-0')
  })

  it('MOAA/S and the dissociation rating have no LOINC code: they are coded in the clinic’s system; a correction is amended, a void entered-in-error', () => {
    const { bundle } = exportedWithScales()
    const moaas = byCode(bundle, SCALE_CODE_SYSTEM, 'moaas')
    expect(moaas.map((o) => [o.status, o.valueInteger])).toEqual([['amended', 3]])
    expect(moaas[0]!.note?.map((n) => n.text).join(' ')).toMatch(/As first recorded: MOAA\/S 4\/5.*Scored before the stimulus/s)
    const dissociation = byCode(bundle, SCALE_CODE_SYSTEM, 'dissociation')
    expect(dissociation.map((o) => [o.status, o.valueInteger])).toEqual([['entered-in-error', 2]])
    for (const o of survey(bundle)) expect((o.code.coding ?? []).every((c) => c.system === 'http://loinc.org' || c.system === SCALE_CODE_SYSTEM)).toBe(true)
  })

  it('every scale Observation has a Provenance naming who recorded it', () => {
    const { bundle, s } = exportedWithScales()
    const prov = resources<Provenance>(bundle, 'Provenance')
    const urlOf = (o: Observation) => bundle.entry?.find((e) => e.resource === o)?.fullUrl
    const phq9 = byCode(bundle, 'http://loinc.org', '44261-6')[0]!
    const created = prov.find((p) => p.activity?.coding?.[0]?.code === 'CREATE' && p.target.some((t) => t.reference === urlOf(phq9)))
    const who = (bundle.entry ?? []).find((e) => e.fullUrl === created?.agent[0]?.who?.reference)?.resource as { name?: { text?: string }[] }
    expect(who.name?.[0]?.text).toBe(s.team.therapist.name)
    for (const o of survey(bundle)) expect(prov.some((p) => p.target.some((t) => t.reference === urlOf(o)))).toBe(true)
  })
})
