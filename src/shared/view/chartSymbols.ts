/**
 * The point symbols of the charts, on screen and on paper: each series and each kind of reported
 * intensity has its own shape, so a reading is told apart without colour (a monochrome printer,
 * colour blindness) and every reading shows where it was taken, not only where a line bends.
 */
import type { INTENSITY_OF } from '../record/events'

export type SymbolShape = 'triangle-down' | 'triangle-up' | 'circle' | 'square' | 'diamond' | 'cross' | 'star' | 'hexagon'

export interface SeriesSymbol {
  shape: SymbolShape
  /** Filled, or drawn as an outline on white. */
  filled: boolean
}

export const VITALS_SYMBOLS = {
  systolic: { shape: 'triangle-down', filled: true },
  diastolic: { shape: 'triangle-up', filled: false },
  heartRate: { shape: 'circle', filled: true },
  spo2: { shape: 'circle', filled: false },
  respiratoryRate: { shape: 'square', filled: false }
} as const satisfies Record<string, SeriesSymbol>

export const INTENSITY_SYMBOLS: Record<(typeof INTENSITY_OF)[number], SeriesSymbol> = {
  dissociation: { shape: 'diamond', filled: true },
  anxiety: { shape: 'triangle-up', filled: true },
  distress: { shape: 'square', filled: true },
  nausea: { shape: 'cross', filled: false },
  pain: { shape: 'star', filled: true },
  other: { shape: 'hexagon', filled: false }
}

const n = (x: number) => (Math.round(x * 10) / 10).toString()

/** The SVG path of `shape` centred on (x, y), about 2r across. */
export function symbolPath(shape: SymbolShape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'triangle-down':
      return `M${n(x - r)},${n(y - r)}L${n(x + r)},${n(y - r)}L${n(x)},${n(y + r)}Z`
    case 'triangle-up':
      return `M${n(x - r)},${n(y + r)}L${n(x + r)},${n(y + r)}L${n(x)},${n(y - r)}Z`
    case 'circle':
      return `M${n(x - r)},${n(y)}a${n(r)},${n(r)} 0 1,0 ${n(2 * r)},0a${n(r)},${n(r)} 0 1,0 ${n(-2 * r)},0Z`
    case 'square': {
      const s = r * 0.85
      return `M${n(x - s)},${n(y - s)}H${n(x + s)}V${n(y + s)}H${n(x - s)}Z`
    }
    case 'diamond':
      return `M${n(x)},${n(y - r)}L${n(x + r)},${n(y)}L${n(x)},${n(y + r)}L${n(x - r)},${n(y)}Z`
    case 'cross': {
      const w = r * 0.35
      return `M${n(x - w)},${n(y - r)}H${n(x + w)}V${n(y - w)}H${n(x + r)}V${n(y + w)}H${n(x + w)}V${n(y + r)}H${n(x - w)}V${n(y + w)}H${n(x - r)}V${n(y - w)}H${n(x - w)}Z`
    }
    case 'star': {
      const points: string[] = []
      for (let i = 0; i < 10; i++) {
        const a = (Math.PI / 5) * i - Math.PI / 2
        const rr = i % 2 === 0 ? r : r * 0.45
        points.push(`${n(x + rr * Math.cos(a))},${n(y + rr * Math.sin(a))}`)
      }
      return `M${points.join('L')}Z`
    }
    case 'hexagon': {
      const points: string[] = []
      for (let i = 0; i < 6; i++) {
        const a = (Math.PI / 3) * i
        points.push(`${n(x + r * Math.cos(a))},${n(y + r * Math.sin(a))}`)
      }
      return `M${points.join('L')}Z`
    }
  }
}

/**
 * Whether every reading gets its symbol: while there is room for one symbol every few pixels.
 * Beyond that (hours of readings a minute apart) symbols would merge into a thick line, and the
 * line itself, with each series' peaks kept (downsampleVitals), is what can be read.
 */
export function showsEverySymbol(points: number, plotWidthPx: number): boolean {
  return points <= Math.floor(plotWidthPx / 6)
}
