export type { CachedSuggestion, ConnectionState, LastDecision, LocalDecision, Notice } from '../bridge/values';
export type { RecordInView } from '../messages';
