/**
 * SQLite's integrity check of a whole file, run on a worker thread with its own read-only
 * connection. The check reads every page: about 90 s for ten years of a busy clinic (3.7 GB, see
 * bench/clinic10y.ts). On the main thread that would freeze the console at start-up and after
 * every backup; on a worker the app keeps answering, and WAL lets the check read a consistent
 * snapshot while entries are still being saved.
 */
import { Worker } from 'node:worker_threads'

export type IntegrityCheck = (path: string) => Promise<string[]>

/** Plain CommonJS, so the same worker runs under Node (harness, tests) and in Electron's main process. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true })
  const rows = db.pragma('integrity_check(' + workerData.limit + ')')
  parentPort.postMessage({ problems: rows.map((r) => String(r.integrity_check)) })
} catch (e) {
  parentPort.postMessage({ problems: [String((e && e.message) || e)] })
} finally {
  if (db) db.close()
}
`

/**
 * The first `limit` problems the integrity check finds in the file at `path`, or [] when it is
 * intact. A file that cannot be opened or read is a problem too, never a pass.
 */
export function checkIntegrityOffThread(path: string, limit = 5): Promise<string[]> {
  // Resolved here, where the bundler leaves better-sqlite3 as a runtime require (it is native).
  const driver = require.resolve('better-sqlite3')
  return new Promise((resolve) => {
    let answered = false
    const answer = (problems: string[]) => {
      if (answered) return
      answered = true
      resolve(problems.length === 1 && problems[0] === 'ok' ? [] : problems)
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, limit } })
    worker.once('message', (m: { problems: string[] }) => answer(m.problems))
    worker.once('error', (e) => answer([`the integrity check could not run: ${e.message}`]))
    worker.once('exit', (code) => answer([`the integrity check stopped before it finished (exit code ${code})`]))
  })
}
