import type { RecordInView } from '../messages';
import type { CachedSuggestion } from './types';
import { useBridgeQuery } from './use-bridge-query';

const NONE: CachedSuggestion[] = [];

/**
 * The record's suggestions to show (open ones, and recently decided ones), in review order (see
 * `suggestionsForRecord` in lib/db/record-suggestions), kept live as the background syncs; undefined while the first
 * read runs. The object type is compared too, since CRMs reuse ids across types, but without regard to case: URL
 * adapters and agents spell types differently ("opportunity", "Opportunity").
 */
export function useRecordSuggestions(record: RecordInView | null): CachedSuggestion[] | undefined {
  const rows = useBridgeQuery(
    record
      ? { kind: 'recordSuggestions', record: { crm: record.crm, objectType: record.objectType, id: record.id } }
      : null,
  );
  return record ? rows : NONE;
}
