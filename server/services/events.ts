import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SuggestionRow } from './suggestion-rows';

/** A change to a suggestion that open panels should hear of. */
export interface SuggestionChanged {
  suggestionId: string;
  crm: string;
  recordId: string;
  status: string;
  seq: number;
}

/** Who may see a suggestion: what `canView` reads, carried with each change so that a stream needs no query. */
export type Audience = Pick<SuggestionRow, 'proposed_by' | 'assignee_user' | 'assignee_team'>;

/** A change as the bus carries it: with its audience, which listeners use and never pass on. */
export interface Change extends SuggestionChanged {
  audience: Audience;
}

/** The PostgreSQL channel that carries changes between server instances. */
export const CHANGES_CHANNEL = 'countersign_changes';

/**
 * In-process fan-out of committed changes, policy changes and token revocations; on PostgreSQL, `PgRelay` adds other
 * instances'.
 */
export class EventBus {
  /** Tells this bus's own notifications apart from other instances' ones. */
  readonly origin = randomUUID();
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(e: Change) {
    this.emitter.emit('suggestion', e);
  }

  on(listener: (e: Change) => void): () => void {
    this.emitter.on('suggestion', listener);
    return () => this.emitter.off('suggestion', listener);
  }

  /** The policy changed, at this audit sequence: every open panel reads it again. */
  policyChanged(seq: number) {
    this.emitter.emit('policy', seq);
  }

  onPolicyChanged(listener: (seq: number) => void): () => void {
    this.emitter.on('policy', listener);
    return () => this.emitter.off('policy', listener);
  }

  revoked(tokenIds: string[]) {
    for (const id of tokenIds) this.emitter.emit('revoked', id);
  }

  onRevoked(listener: (tokenId: string) => void): () => void {
    this.emitter.on('revoked', listener);
    return () => this.emitter.off('revoked', listener);
  }
}

/** The public part of a change: what a stream sends. */
export const publicChange = ({ suggestionId, crm, recordId, status, seq }: Change): SuggestionChanged => ({
  suggestionId,
  crm,
  recordId,
  status,
  seq,
});
