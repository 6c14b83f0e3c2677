import { describe, expect, it } from 'vitest'
import { entryInputSchema, notePayloadSchema, rateSchema, vitalsPayloadSchema } from '../../../src/shared/record/events'
import { isCalendarDate, newPatientSchema, newStaffSchema } from '../../../src/shared/people/people'
import { planProblem, plannedRate, plannedTotalMg, sessionPlanSchema } from '../../../src/shared/record/plan'
import { STANDARD_PLAN as PLAN } from '../../fixtures/workedExample'
import { isPlausible, type VitalName } from '../../../src/shared/record/vitals'

const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }

/** Each plausibility range from REFERENCE.md, with a base that keeps diastolic below systolic. */
const RANGES: { name: VitalName; min: number; max: number; integer: boolean; base?: Partial<typeof VITALS> }[] = [
  { name: 'systolic', min: 40, max: 300, integer: true, base: { diastolic: 30 } },
  { name: 'diastolic', min: 20, max: 200, integer: true, base: { systolic: 250 } },
  { name: 'heartRate', min: 20, max: 250, integer: true },
  { name: 'spo2', min: 50, max: 100, integer: true },
  { name: 'respiratoryRate', min: 0, max: 60, integer: true },
  { name: 'temperature', min: 30, max: 43, integer: false },
  { name: 'sedation', min: 0, max: 5, integer: true }
]

const vitalsOk = (v: object) => vitalsPayloadSchema.safeParse(v).success

describe('vitals plausibility', () => {
  for (const r of RANGES) {
    const step = r.integer ? 1 : 0.1
    const accepted = [r.min, r.max, (r.min + r.max) / 2].map((n) => (r.integer ? Math.round(n) : n))
    const refused = [r.min - step, r.max + step, r.min - 1000, r.max + 1000]
    it(`${r.name} accepts ${accepted.join(', ')}`, () => {
      for (const n of accepted) {
        expect(vitalsOk({ ...VITALS, ...r.base, [r.name]: n }), `${r.name}=${n}`).toBe(true)
        expect(isPlausible(r.name, n)).toBe(true)
      }
    })
    it(`${r.name} refuses ${refused.map((n) => +n.toFixed(1)).join(', ')}`, () => {
      for (const n of refused) {
        const res = vitalsPayloadSchema.safeParse({ ...VITALS, ...r.base, [r.name]: n })
        expect(res.success, `${r.name}=${n}`).toBe(false)
        expect(res.error!.issues[0]!.path).toEqual([r.name])
        expect(isPlausible(r.name, n)).toBe(false)
      }
    })
    it(`${r.name} refuses NaN, Infinity and text`, () => {
      for (const n of [Number.NaN, Infinity, -Infinity, '120', null]) {
        expect(vitalsOk({ ...VITALS, ...r.base, [r.name]: n }), `${r.name}=${String(n)}`).toBe(false)
      }
      expect(isPlausible(r.name, Number.NaN)).toBe(false)
      expect(isPlausible(r.name, Infinity)).toBe(false)
    })
    if (r.integer) {
      it(`${r.name} must be a whole number`, () => {
        expect(vitalsOk({ ...VITALS, ...r.base, [r.name]: r.min + 0.5 })).toBe(false)
        expect(isPlausible(r.name, r.min + 0.5)).toBe(false)
      })
    }
  }

  it('a temperature may have decimals', () => {
    expect(vitalsOk({ ...VITALS, temperature: 36.6 })).toBe(true)
    expect(vitalsOk({ ...VITALS, temperature: 29.99 })).toBe(false)
    expect(vitalsOk({ ...VITALS, temperature: 43.01 })).toBe(false)
  })

  it('diastolic must be below systolic', () => {
    expect(vitalsOk({ ...VITALS, systolic: 120, diastolic: 119 })).toBe(true)
    for (const diastolic of [120, 121]) {
      const res = vitalsPayloadSchema.safeParse({ ...VITALS, systolic: 120, diastolic })
      expect(res.success).toBe(false)
      expect(res.error!.issues[0]!.path).toEqual(['diastolic'])
    }
  })

  it('diastolic at or above systolic is reported even while another field is wrong', () => {
    const res = vitalsPayloadSchema.safeParse({ ...VITALS, systolic: 120, diastolic: 130, heartRate: 300 })
    expect(res.success).toBe(false)
    expect(res.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['diastolic', 'heartRate'])
  })

  it('diastolic is not compared with a systolic that is itself out of range', () => {
    const res = vitalsPayloadSchema.safeParse({ ...VITALS, systolic: 20, diastolic: 80 })
    expect(res.error!.issues.map((i) => i.path.join('.'))).toEqual(['systolic'])
  })

  it('temperature and sedation are optional, the rest are required', () => {
    expect(vitalsOk(VITALS)).toBe(true)
    for (const key of Object.keys(VITALS)) {
      const { [key as keyof typeof VITALS]: _, ...rest } = VITALS
      expect(vitalsOk(rest), `without ${key}`).toBe(false)
    }
  })

  it('unknown vitals fields are refused', () => {
    expect(vitalsOk({ ...VITALS, glucose: 5 })).toBe(false)
  })
})

describe('rate schema', () => {
  it('a rate must be more than 0 and in a known unit', () => {
    expect(rateSchema.safeParse({ value: 0.75, unit: 'mg/kg/h' }).success).toBe(true)
    expect(rateSchema.safeParse({ value: 0, unit: 'mg/h' }).success).toBe(false)
    expect(rateSchema.safeParse({ value: -1, unit: 'mg/h' }).success).toBe(false)
    expect(rateSchema.safeParse({ value: Number.NaN, unit: 'mg/h' }).success).toBe(false)
    expect(rateSchema.safeParse({ value: Infinity, unit: 'mg/h' }).success).toBe(false)
    expect(rateSchema.safeParse({ value: 1, unit: 'mcg/min' }).success).toBe(false)
  })
})

describe('notes', () => {
  const note = (n: object) => notePayloadSchema.safeParse(n)
  const MED = { drug: 'ondansetron', dose: 4, unit: 'mg', route: 'IV' }

  it('a medication-given note needs the medication', () => {
    const res = note({ noteType: 'medication_given', text: 'for nausea' })
    expect(res.success).toBe(false)
    expect(res.error!.issues[0]!.path).toEqual(['medication'])
    expect(note({ noteType: 'medication_given', text: '', medication: MED }).success).toBe(true)
  })

  it('only a medication-given note carries a medication', () => {
    const res = note({ noteType: 'observation', text: 'calm', medication: MED })
    expect(res.success).toBe(false)
    expect(res.error!.issues[0]!.path).toEqual(['medication'])
  })

  it('a medication needs a drug name, a dose above 0, a unit and a route', () => {
    for (const bad of [{ ...MED, drug: '  ' }, { ...MED, dose: 0 }, { ...MED, dose: -4 }, { ...MED, unit: 'tablets' }, { ...MED, route: 'rectal' }]) {
      expect(note({ noteType: 'medication_given', text: '', medication: bad }).success, JSON.stringify(bad)).toBe(false)
    }
  })

  it('a note other than medication given needs some text', () => {
    expect(note({ noteType: 'observation', text: '' }).success).toBe(false)
    expect(note({ noteType: 'observation', text: '   ' }).success).toBe(false)
    expect(note({ noteType: 'observation', text: 'resting' }).success).toBe(true)
  })

  it('an intensity is only on subjective reports', () => {
    expect(note({ noteType: 'subjective_report', text: 'anxious', intensity: 4, intensityOf: 'anxiety' }).success).toBe(true)
    for (const noteType of ['observation', 'adverse_event', 'other']) {
      const res = note({ noteType, text: 'x', intensity: 4, intensityOf: 'anxiety' })
      expect(res.success, noteType).toBe(false)
      expect(res.error!.issues[0]!.path).toEqual(['intensity'])
    }
  })

  it('an intensity is a whole number from 0 to 10', () => {
    for (const intensity of [0, 10]) {
      expect(note({ noteType: 'subjective_report', text: 'x', intensity, intensityOf: 'pain' }).success, String(intensity)).toBe(true)
    }
    for (const intensity of [-1, 11, 5.5, Number.NaN]) {
      expect(note({ noteType: 'subjective_report', text: 'x', intensity, intensityOf: 'pain' }).success, String(intensity)).toBe(false)
    }
  })

  it('an intensity comes with what it rates, and the other way round', () => {
    expect(note({ noteType: 'subjective_report', text: 'x', intensity: 3 }).success).toBe(false)
    expect(note({ noteType: 'subjective_report', text: 'x', intensityOf: 'pain' }).success).toBe(false)
  })

  it('a note is at most 5000 characters', () => {
    expect(note({ noteType: 'other', text: 'a'.repeat(5000) }).success).toBe(true)
    expect(note({ noteType: 'other', text: 'a'.repeat(5001) }).success).toBe(false)
  })
})

describe('entries', () => {
  it('a pause needs a reason', () => {
    expect(entryInputSchema.safeParse({ type: 'infusion_paused', reason: 'nausea' }).success).toBe(true)
    expect(entryInputSchema.safeParse({ type: 'infusion_paused', reason: '  ' }).success).toBe(false)
    expect(entryInputSchema.safeParse({ type: 'infusion_paused' }).success).toBe(false)
  })

  it('an unknown entry type is refused', () => {
    expect(entryInputSchema.safeParse({ type: 'correction' }).success).toBe(false)
    expect(entryInputSchema.safeParse({ type: 'bolus', rate: { value: 1, unit: 'mg/h' } }).success).toBe(false)
  })

  it('an entry carries only its own fields', () => {
    expect(entryInputSchema.safeParse({ type: 'infusion_resumed', rate: { value: 1, unit: 'mg/h' } }).success).toBe(false)
  })
})

describe('patients', () => {
  const PATIENT = { patientCode: 'P-0001', fullName: 'Pat Example', dateOfBirth: '1980-05-17', weightKg: 70 }
  const parse = (p: object) => newPatientSchema.safeParse({ ...PATIENT, ...p })

  it('a Patient ID may use letters, digits, dots, dashes and underscores', () => {
    for (const patientCode of ['A', 'abc.DEF-123_x', '0'.repeat(32)]) expect(parse({ patientCode }).success, patientCode).toBe(true)
  })

  it('a Patient ID with any other character, empty, or over 32 characters is refused', () => {
    for (const patientCode of ['', '   ', 'P 1', 'P/1', 'Pé1', 'P#1', "P'1", 'P;1', '0'.repeat(33)]) {
      const res = parse({ patientCode })
      expect(res.success, JSON.stringify(patientCode)).toBe(false)
      expect(res.error!.issues[0]!.path).toEqual(['patientCode'])
    }
  })

  it('a Patient ID is trimmed', () => {
    expect(parse({ patientCode: '  P-7  ' }).data?.patientCode).toBe('P-7')
  })

  it('a date of birth must be a real calendar date', () => {
    for (const d of ['2000-02-29', '1999-12-31', '1900-01-01', '2023-01-31']) {
      expect(isCalendarDate(d), d).toBe(true)
      expect(parse({ dateOfBirth: d }).success, d).toBe(true)
    }
    for (const d of ['1999-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-5', '05/17/1980', '1980-05-17T00:00', '']) {
      expect(isCalendarDate(d), d).toBe(false)
      expect(parse({ dateOfBirth: d }).success, d).toBe(false)
    }
  })

  it('a date of birth before 1900 is refused', () => {
    expect(parse({ dateOfBirth: '1899-12-31' }).success).toBe(false)
  })

  it('the weight is from 20 to 350 kg', () => {
    for (const weightKg of [20, 70.5, 350]) expect(parse({ weightKg }).success, String(weightKg)).toBe(true)
    for (const weightKg of [19.9, 350.1, 0, -70, Number.NaN, Infinity]) expect(parse({ weightKg }).success, String(weightKg)).toBe(false)
  })

  it('the full name is required', () => {
    expect(parse({ fullName: '  ' }).success).toBe(false)
  })

  it('unknown fields are refused', () => {
    expect(parse({ ssn: '123' }).success).toBe(false)
  })
})

describe('staff', () => {
  it('a staff member has a name and a known role', () => {
    expect(newStaffSchema.safeParse({ name: 'Nina', role: 'nurse' }).success).toBe(true)
    expect(newStaffSchema.safeParse({ name: 'Nina', role: 'surgeon' }).success).toBe(false)
    expect(newStaffSchema.safeParse({ name: ' ', role: 'nurse' }).success).toBe(false)
  })
})

describe('session plans', () => {
  const parse = (p: object) => sessionPlanSchema.safeParse({ ...PLAN, ...p })

  it('the standard plan is valid and totals 35 mg at 52.5 mg/h', () => {
    expect(parse({}).success).toBe(true)
    expect(plannedTotalMg(PLAN)).toBeCloseTo(35, 10)
    const r = plannedRate(PLAN)
    expect(r.mgPerHour).toBeCloseTo(52.5, 10)
    expect(r.mgPerKgPerHour).toBeCloseTo(0.75, 10)
    expect(r.mlPerHour).toBeCloseTo(52.5, 10)
  })

  it('at 0.35 mg/mL the planned rate is 150 mL/h', () => {
    expect(plannedRate({ ...PLAN, concentrationMgPerMl: 0.35 }).mlPerHour).toBeCloseTo(150, 10)
  })

  it('a fixed dose in mg does not depend on the weight', () => {
    expect(plannedTotalMg({ weightKg: 100, plannedDose: { kind: 'mg', value: 40 } })).toBe(40)
  })

  it('every number must be above 0 and within its limit', () => {
    const bad = [
      { concentrationMgPerMl: 0 },
      { concentrationMgPerMl: 100.1 },
      { bagVolumeMl: 0 },
      { bagVolumeMl: 1001 },
      { plannedDurationMin: 0 },
      { plannedDurationMin: 481 },
      { plannedDose: { kind: 'mg/kg', value: 0 } },
      { plannedDose: { kind: 'mg/kg', value: 5.1 } },
      { plannedDose: { kind: 'mg', value: 501 } },
      { plannedDose: { kind: 'mcg', value: 1 } },
      { weightKg: 19 }
    ]
    for (const b of bad) expect(parse(b).success, JSON.stringify(b)).toBe(false)
    const good = [{ concentrationMgPerMl: 100 }, { bagVolumeMl: 1000 }, { plannedDurationMin: 480 }, { plannedDose: { kind: 'mg', value: 500 } }]
    for (const g of good) expect(parse(g).success, JSON.stringify(g)).toBe(true)
  })

  it('a bag that holds the planned total exactly is enough', () => {
    // 35 mg in a 100 mL bag at 0.35 mg/mL.
    expect(planProblem({ ...PLAN, concentrationMgPerMl: 0.35 })).toBeNull()
    expect(planProblem(PLAN)).toBeNull()
  })

  it('a bag that holds less than the planned total is a problem of the bag volume', () => {
    // 0.34 mg/mL x 100 mL = 34 mg < 35 mg.
    const p = planProblem({ ...PLAN, concentrationMgPerMl: 0.34 })
    expect(p?.field).toBe('bagVolumeMl')
    expect(p?.message).toContain('34.0')
    expect(p?.message).toContain('35.0')
    // 1 mg/mL x 30 mL = 30 mg < 35 mg.
    expect(planProblem({ ...PLAN, bagVolumeMl: 30 })?.field).toBe('bagVolumeMl')
    // A fixed 200 mg in a 100 mg bag.
    expect(planProblem({ ...PLAN, plannedDose: { kind: 'mg', value: 200 } })?.field).toBe('bagVolumeMl')
  })
})
