// The worker thread behind `openReportReader` (report-reads.ts): it runs the statements it is sent, one at a time, on
// a read-only connection of its own, and sends back their rows or their error.
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

const db = new Sqlite(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    const statement = db.prepare(sql);
    // A statement that returns no rows can only be a write, which the read-only connection refuses.
    const rows = statement.reader ? statement.all(parameters) : (statement.run(parameters), []);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
