/** The figures a run produces: printed one per line as they come, and written to reports/bench.json. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Figure {
  name: string
  value: number
  unit: string
}

export class Figures {
  readonly all: Figure[] = []

  add(name: string, value: number, unit: string): number {
    const rounded = round(value)
    this.all.push({ name, value: rounded, unit })
    process.stdout.write(`${name.padEnd(44)} ${String(rounded).padStart(12)} ${unit}\n`)
    return value
  }

  /** A figure divided by a reference measured in the same run: comparable across machines. */
  ratio(name: string, value: number, reference: number): void {
    this.add(name, reference > 0 ? value / reference : Number.NaN, 'x')
  }

  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${JSON.stringify(this.all, null, 2)}\n`)
  }
}

/** Three significant decimals for small figures, whole numbers for large ones. */
function round(v: number): number {
  if (!Number.isFinite(v)) return v
  const abs = Math.abs(v)
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3
  return Number(v.toFixed(digits))
}

/** Progress and notes go to stderr, so stdout is exactly one line per figure. */
export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`)
}
