/**
 * Protocols become versioned: every row of `protocols` is one version, never changed or deleted;
 * an edit adds a version to the same lineage (lineage_id = the first version's id, NULL on that
 * first row itself). Sessions already point at the exact version (protocol_id) and keep a copy
 * (protocol_snapshot).
 *
 * Seeds the three shipped protocols. Their figures are REFERENCE.md's defaults (low confidence:
 * every clinic sets its own). Frozen here as literals: a shipped migration never changes, even
 * if the defaults offered for new protocols do.
 */
const ALERT_LIMITS = {
  systolic: { low: 90, high: 180 },
  diastolic: { low: null, high: 110 },
  heartRate: { low: 50, high: 120 },
  spo2: { low: 92, high: null },
  respiratoryRate: { low: 10, high: 25 }
}
const ALL_CHECKS = [
  'consent',
  'escort',
  'screen_hypertension',
  'screen_psychosis',
  'screen_pregnancy',
  'screen_trauma',
  'last_food_drink',
  'baseline_vitals',
  'baseline_scales'
]

const SEEDS = [
  {
    name: 'IV ketamine 0.5 mg/kg over 40 min',
    drug: 'racemic ketamine',
    route: 'IV',
    dose: { kind: 'mg/kg', value: 0.5 },
    durationMin: 40,
    defaultConcentrationMgPerMl: 1,
    defaultBagVolumeMl: 100,
    vitalsIntervalMin: { infusion: 10, recovery: 15 },
    minRecoveryMin: 60,
    limits: ALERT_LIMITS,
    riseFromBaseline: { systolic: 40, diastolic: 25 },
    preDoseBp: null,
    requiredChecks: ALL_CHECKS,
    discharge: { minAldrete: 9, requireEscort: true, requireNoDrivingAdvice: true, rems: false }
  },
  {
    // A single injection: the "infusion" runs from the injection to its end (one minute).
    name: 'IM ketamine',
    drug: 'racemic ketamine',
    route: 'IM',
    dose: { kind: 'mg/kg', value: 0.5 },
    durationMin: 1,
    defaultConcentrationMgPerMl: 50,
    defaultBagVolumeMl: 2,
    vitalsIntervalMin: { infusion: 10, recovery: 15 },
    minRecoveryMin: 60,
    limits: ALERT_LIMITS,
    riseFromBaseline: { systolic: 40, diastolic: 25 },
    preDoseBp: null,
    requiredChecks: ALL_CHECKS,
    discharge: { minAldrete: 9, requireEscort: true, requireNoDrivingAdvice: true, rems: false }
  },
  {
    // Spravato devices hold 28 mg in 0.2 mL (140 mg/mL, above the 100 mg/mL a plan allows), so
    // the bag is counted as mg in mL at 100 mg/mL: only the mg figures mean anything here.
    name: 'Intranasal esketamine (REMS monitoring)',
    drug: 'esketamine',
    route: 'intranasal',
    dose: { kind: 'mg', value: 56 },
    durationMin: 10,
    defaultConcentrationMgPerMl: 100,
    defaultBagVolumeMl: 0.84,
    vitalsIntervalMin: { infusion: 10, recovery: 15 },
    minRecoveryMin: 120,
    limits: ALERT_LIMITS,
    riseFromBaseline: { systolic: 40, diastolic: 25 },
    // EU SmPC: consider delaying the dose above 140/90 (under 65) or 150/90 (65 and over).
    preDoseBp: { systolicMax: 140, diastolicMax: 90, systolicMaxAged65: 150 },
    requiredChecks: ALL_CHECKS,
    discharge: { minAldrete: 9, requireEscort: true, requireNoDrivingAdvice: true, rems: true }
  }
]

/** An SQL string literal. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`

export const SEEDED_PROTOCOL_NAMES = SEEDS.map((s) => s.name)

export const sql = `
ALTER TABLE protocols ADD COLUMN lineage_id INTEGER REFERENCES protocols(id);
ALTER TABLE protocols ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE protocols ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE protocols ADD COLUMN change_reason TEXT;
ALTER TABLE protocols ADD COLUMN created_by INTEGER REFERENCES staff(id);
CREATE UNIQUE INDEX protocols_lineage_version ON protocols(COALESCE(lineage_id, id), version);

CREATE TRIGGER protocols_refuse_update BEFORE UPDATE ON protocols
BEGIN SELECT RAISE(ABORT, 'Protocol versions cannot be changed: save a new version'); END;
CREATE TRIGGER protocols_refuse_delete BEFORE DELETE ON protocols
BEGIN SELECT RAISE(ABORT, 'Protocol versions cannot be deleted: retire the protocol instead'); END;

${SEEDS.map(
  (s) => `INSERT INTO protocols (name, definition, created_at, version) VALUES (${literal(s.name)}, ${literal(JSON.stringify(s))}, 0, 1);`
).join('\n')}
`
