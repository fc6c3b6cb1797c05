export type { CachedSuggestion, ConnectionState, LastDecision, LocalDecision, Notice } from '../db/schema';
export type { LocalOp } from '../db/local-decisions';
export type { RecordInView } from '../messages';
