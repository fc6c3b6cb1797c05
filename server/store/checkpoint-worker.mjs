// The worker thread behind `Checkpointer` (checkpoints.ts): on each message it checkpoints the WAL of the database
// at `workerData.path`, in PASSIVE mode, on a connection of its own, and sends back SQLite's answer or its error.
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

let db = null;

function open() {
  const handle = new Sqlite(workerData.path, { fileMustExist: true });
  // A checkpoint syncs the WAL before it copies it into the database file, and the file before the WAL starts over.
  handle.pragma('synchronous = FULL');
  return handle;
}

parentPort.on('message', () => {
  try {
    db ??= open();
    const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ busy: busy !== 0, log, checkpointed });
  } catch (error) {
    const code = error?.code ? `${error.code}: ` : '';
    parentPort.postMessage({ error: `${code}${error?.message ?? error}` });
  }
});
