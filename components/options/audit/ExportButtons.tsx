import { useState } from 'react';
import type { ExportFormat } from '../../../lib/schemas/audit-query';
import { SaidLine, type Said } from '../../ui/Said';
import { exportFileName, fetchExport, saveFile } from './download-export';

/** Downloads the trail, or one suggestion's history, as JSONL or CSV: the same text `audit export` writes. */
export function ExportButtons({ suggestionId }: { suggestionId: string | null }) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said | null>(null);
  const download = async (format: ExportFormat) => {
    if (busy) return;
    setBusy(true);
    setSaid({ kind: 'ok', text: 'Exporting…' });
    const reply = await fetchExport(format, suggestionId, (n) =>
      setSaid({ kind: 'ok', text: `Exporting… ${n} events` }),
    );
    setBusy(false);
    if (!reply.ok) return setSaid({ kind: 'error', text: `Could not export the audit trail: ${reply.error}` });
    const name = exportFileName(format, suggestionId);
    saveFile(name, reply.data.text, format);
    setSaid({ kind: 'ok', text: `Exported ${reply.data.events} events to ${name}.` });
  };
  const what = suggestionId ? 'this history' : 'the audit trail';
  return (
    <div className="row">
      {(['jsonl', 'csv'] as const).map((format) => (
        <button key={format} type="button" className="btn" aria-disabled={busy} onClick={() => void download(format)}>
          Export {what} as {format.toUpperCase()}
        </button>
      ))}
      <SaidLine said={said} />
    </div>
  );
}
