import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exportAudit, verifyAudit, type ExportFormat } from '../services/audit';
import { CliError, given, say, type Command } from './args';

/** Waits for the stream to drain when its buffer is full, so a long export does not pile up in memory. */
const writeTo = (stream: Writable) => async (chunk: string) => {
  if (!stream.write(chunk)) await once(stream, 'drain');
};

/**
 * Exports into `FILE.partial` and renames it when complete, so that a failed or interrupted export never leaves a
 * file that looks whole.
 */
async function exportToFile(run: (write: (chunk: string) => Promise<void>) => Promise<number>, path: string) {
  const partial = `${path}.partial`;
  const file = await open(partial, 'w').catch((e: Error) => {
    throw new CliError(`cannot write ${partial}: ${e.message}`);
  });
  const stream = file.createWriteStream();
  try {
    const n = await run(writeTo(stream));
    stream.end();
    await finished(stream);
    await rename(partial, path);
    return n;
  } catch (e) {
    stream.destroy();
    await rm(partial, { force: true });
    throw e;
  }
}

const verify: Command = {
  name: 'audit verify',
  synopsis: '',
  options: {},
  async run(deps) {
    const r = await verifyAudit(deps);
    if (r.ok) {
      say(`ok: ${r.events} events`);
      return 0;
    }
    say(`not ok: first bad event ${r.firstBad} (${r.events} events before it hold): ${r.reason}`);
    return 1;
  },
};

const exportCommand: Command = {
  name: 'audit export',
  synopsis: '--format jsonl|csv [--out FILE]',
  options: { format: { required: true, oneOf: ['jsonl', 'csv'] }, out: {} },
  async run(deps, values) {
    const format = given(values, 'format') as ExportFormat;
    const run = (write: (chunk: string) => Promise<void>) => exportAudit(deps, format, write);
    if (values.out === undefined) {
      await run(writeTo(process.stdout));
      return 0;
    }
    const n = await exportToFile(run, values.out);
    say(`exported ${n} events to ${values.out}`);
    return 0;
  },
};

export const auditCommands: readonly Command[] = [verify, exportCommand];
