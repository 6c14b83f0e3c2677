/**
 * `npm run bench`: every benchmark, one line per figure on stdout, the same in reports/bench.json.
 * BENCH_ONLY=durable,startup,clinic,long,screen runs a subset; BENCH_SCALE=0.01 shrinks the clinic.
 */
import { benchClinic10y } from './clinic10y'
import { benchCpuReference } from './cpuReference'
import { benchDurableWrite } from './durableWrite'
import { benchEntryToScreen } from './entryToScreen'
import { Figures, log } from './lib/figures'
import { REPORT_PATH } from './lib/paths'
import { benchLongSession } from './longSession'
import { benchStartup } from './startup'

const GROUPS: Record<string, (f: Figures) => void | Promise<void>> = {
  cpu: benchCpuReference,
  durable: benchDurableWrite,
  startup: benchStartup,
  screen: benchEntryToScreen,
  long: benchLongSession,
  clinic: benchClinic10y
}

async function main(): Promise<void> {
  const only = (process.env['BENCH_ONLY'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = only.filter((g) => !(g in GROUPS))
  if (unknown.length) throw new Error(`BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`)
  const figures = new Figures()
  for (const [name, run] of Object.entries(GROUPS)) {
    if (only.length && !only.includes(name) && name !== 'cpu') continue
    const t0 = Date.now()
    log(`${name}: start`)
    await run(figures)
    log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
  figures.write(REPORT_PATH)
  log(`wrote ${figures.all.length} figures to ${REPORT_PATH}`)
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? String(e)}\n`)
  process.exit(1)
})
