import type { SafetySettings } from '../../../../shared/protocols/protocols'
import type { Vitals } from '../../../../shared/record/vitals'
import { flagMeaning, vitalsSegments } from '../../../../shared/safety/vitalFlags'

/**
 * A vitals set with each value past its limit in bold with its arrow, and the limit on hover. The
 * text reads the same as the plain description plus the arrows, so it can be searched as typed.
 */
export function FlaggedVitals({ vitals, limits }: { vitals: Vitals; limits: SafetySettings['limits'] }) {
  return (
    <>
      {vitalsSegments(vitals, limits).map((s, i) =>
        s.flag ? (
          <strong key={i} className="vital-flag" title={flagMeaning(s.flag)}>
            {s.text}
          </strong>
        ) : (
          s.text
        )
      )}
    </>
  )
}
