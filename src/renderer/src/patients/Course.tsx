import { useEffect, useMemo, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts'
import type { CourseRow } from '../../../shared/records-out/course'
import { call } from '../app/api'
import type { Navigate } from '../app/App'
import { formatDate } from '../ui/labels'

const CHART_WIDTH = 760
const CHART_HEIGHT = 260

const scaleText = (row: CourseRow) =>
  row.scales.length === 0
    ? 'not recorded'
    : row.scales.map((s) => `${s.scale} ${s.pre ?? '—'} → ${s.post ?? '—'}`).join('; ')

/** The patient's course: every session with its dose, peak blood pressure, alerts and scores, and a chart across sessions. */
export function Course({ patientId, navigate }: { patientId: number; navigate: Navigate }) {
  const [rows, setRows] = useState<CourseRow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void call('patients.course', { patientId }).then((r) => (r.ok ? setRows(r.value) : setError(r.error.message)))
  }, [patientId])

  const scaleNames = useMemo(() => [...new Set((rows ?? []).flatMap((r) => r.scales.map((s) => s.scale)))], [rows])
  const data = useMemo(
    () =>
      (rows ?? []).map((r, i) => {
        const point: Record<string, number | string | null> = {
          label: `#${i + 1}`,
          deliveredMg: Math.round(r.deliveredMg * 10) / 10,
          peakSystolic: r.peakBp?.systolic ?? null,
          alerts: r.alerts
        }
        for (const s of r.scales) {
          point[`${s.scale} before`] = s.pre
          point[`${s.scale} after`] = s.post
        }
        return point
      }),
    [rows]
  )

  return (
    <section aria-label="Course" className="card">
      <h2>Course</h2>
      {error && <p role="alert">{error}</p>}
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Date</th>
                <th scope="col">Protocol</th>
                <th scope="col">Delivered dose</th>
                <th scope="col">Peak BP</th>
                <th scope="col">Alerts</th>
                <th scope="col">Scores before → after</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.sessionId}>
                  <td>{i + 1}</td>
                  <td>
                    <button type="button" className="link" onClick={() => navigate({ name: 'console', sessionId: r.sessionId })}>
                      {formatDate(r.date)}
                    </button>
                    {!r.ended && <span className="muted"> (open)</span>}
                  </td>
                  <td>{r.protocol}</td>
                  <td>
                    {r.deliveredMg.toFixed(1)} mg · {r.deliveredMgPerKg.toFixed(2)} mg/kg
                  </td>
                  <td>{r.peakBp ? `${r.peakBp.systolic}/${r.peakBp.diastolic}` : 'no vitals'}</td>
                  <td>{r.alerts === null ? 'not recorded' : r.alerts}</td>
                  <td>{scaleText(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ComposedChart width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} title="Dose and scores across sessions">
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis yAxisId="mg" label={{ value: 'mg', angle: -90, position: 'insideLeft' }} />
            <YAxis yAxisId="score" orientation="right" label={{ value: 'mmHg · score', angle: 90, position: 'insideRight' }} />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} label={{ value: 'alerts', angle: 90, position: 'insideRight' }} />
            <Tooltip isAnimationActive={false} />
            <Legend />
            <Bar yAxisId="mg" dataKey="deliveredMg" name="Delivered dose (mg)" fill="#6b21a8" isAnimationActive={false} />
            <Bar yAxisId="count" dataKey="alerts" name="Alerts raised" fill="#b45309" isAnimationActive={false} />
            <Line yAxisId="score" dataKey="peakSystolic" name="Peak systolic (mmHg)" stroke="#b91c1c" strokeDasharray="6 3" isAnimationActive={false} connectNulls />
            {scaleNames.flatMap((name) => [
              <Line key={`${name}-pre`} yAxisId="score" dataKey={`${name} before`} name={`${name} before`} stroke="#1d4ed8" isAnimationActive={false} connectNulls />,
              <Line key={`${name}-post`} yAxisId="score" dataKey={`${name} after`} name={`${name} after`} stroke="#0f766e" strokeDasharray="2 3" isAnimationActive={false} connectNulls />
            ])}
          </ComposedChart>
        </>
      )}
    </section>
  )
}
