import { useLiveQuery } from 'dexie-react-hooks';
import { suggestionsForRecord } from '../db/record-suggestions';
import type { RecordInView } from '../messages';
import { useDb } from './db-context';
import { sortForReview } from './sort-suggestions';
import type { CachedSuggestion } from './types';

/**
 * The record's suggestions to show (open ones, and recently decided ones), in review order, kept live as the
 * background syncs; undefined while the first read runs. The object type is compared too, since CRMs reuse ids across
 * types, but without regard to case: URL adapters and agents spell types differently ("opportunity", "Opportunity").
 */
export function useRecordSuggestions(record: RecordInView | null): CachedSuggestion[] | undefined {
  const db = useDb();
  const crm = record?.crm;
  const id = record?.id;
  const objectType = record?.objectType.toLowerCase();
  return useLiveQuery(async () => {
    if (crm === undefined || id === undefined) return [];
    const rows = await suggestionsForRecord(db, crm, id);
    return sortForReview(rows.filter((s) => s.record.objectType.toLowerCase() === objectType));
  }, [db, crm, id, objectType]);
}
