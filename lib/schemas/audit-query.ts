import { z } from 'zod';
import { auditEvent } from './audit';

const suggestionId = z.string().min(1).max(64).optional();
/** The seq of the last event of the previous page; the next page starts after it in the page's order. */
const afterSeq = z.number().int().nonnegative().optional();

/** A page of the audit trail to read: all of it or one suggestion's history. */
export const auditListQuery = z.strictObject({
  suggestionId,
  afterSeq,
  /** Newest first by default: what someone reading the trail wants to see first. */
  order: z.enum(['oldest', 'newest']).default('newest'),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditListQuery = z.input<typeof auditListQuery>;

export const auditPage = z.object({ events: z.array(auditEvent), nextSeq: z.number().int().nullable() });
export type AuditPage = z.infer<typeof auditPage>;

export const exportFormat = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** The most events one `audit.export` answer holds, so that one answer stays a few megabytes at most. */
const EXPORT_PAGE_MAX = 2000;

/**
 * A stretch of the export, oldest first, in the CLI's format: the CSV header comes with the first stretch (no
 * `afterSeq`) only, so the stretches joined in order are the whole export.
 */
export const auditExportQuery = z.strictObject({
  format: exportFormat,
  suggestionId,
  afterSeq,
  limit: z.number().int().min(1).max(EXPORT_PAGE_MAX).default(1000),
});
export type AuditExportQuery = z.input<typeof auditExportQuery>;

/** `text` to append to what came before; `nextSeq` is the next stretch's `afterSeq`, null on the last. */
export const auditExportPage = z.object({
  text: z.string(),
  events: z.number().int(),
  nextSeq: z.number().int().nullable(),
});
export type AuditExportPage = z.infer<typeof auditExportPage>;
