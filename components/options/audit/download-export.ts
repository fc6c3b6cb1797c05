import { askBackground } from '../../../lib/hooks/ask-background';
import type { Reply } from '../../../lib/messages';
import type { ExportFormat } from '../../../lib/schemas/audit-query';

/** Events per answer: a few hundred kilobytes of text at most, and few round trips. */
const STRETCH = 1000;

const MIME: Record<ExportFormat, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv' };

/**
 * The server's export (the CLI's `audit export` format), all of it or one suggestion's history, asked for a stretch
 * at a time and joined in order. `onProgress` hears the events received so far.
 */
export async function fetchExport(
  format: ExportFormat,
  suggestionId: string | null,
  onProgress: (events: number) => void = () => {},
): Promise<Reply<{ text: string; events: number }>> {
  const parts: string[] = [];
  let events = 0;
  let afterSeq: number | undefined;
  for (;;) {
    const query = {
      format,
      limit: STRETCH,
      ...(suggestionId ? { suggestionId } : {}),
      ...(afterSeq === undefined ? {} : { afterSeq }),
    };
    const reply = await askBackground({ type: 'audit.export', query });
    if (!reply.ok) return reply;
    parts.push(reply.data.text);
    events += reply.data.events;
    onProgress(events);
    if (reply.data.nextSeq === null) return { ok: true, data: { text: parts.join(''), events } };
    afterSeq = reply.data.nextSeq;
  }
}

/** The file name of an export made at `now`: `countersign-audit-2026-11-22.csv`, or with the suggestion's id. */
export function exportFileName(format: ExportFormat, suggestionId: string | null, now = new Date()): string {
  const what = suggestionId ? suggestionId.replace(/[^\w.-]+/g, '_') : now.toISOString().slice(0, 10);
  return `countersign-audit-${what}.${format}`;
}

/** Hands `text` to the browser as a download named `fileName`. */
export function saveFile(fileName: string, text: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${MIME[format]};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click starts the download synchronously; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
