import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** A change to a suggestion that open panels should hear of. */
export interface SuggestionChanged {
  suggestionId: string;
  crm: string;
  recordId: string;
  status: string;
  seq: number;
}

/** The PostgreSQL channel that carries changes between server instances. */
export const CHANGES_CHANNEL = 'countersign_changes';

/** In-process fan-out of changes; on PostgreSQL, `PgRelay` feeds it the changes other instances commit. */
export class EventBus {
  /** Tells this bus's own notifications apart from other instances' ones. */
  readonly origin = randomUUID();
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(e: SuggestionChanged) {
    this.emitter.emit('suggestion', e);
  }

  on(listener: (e: SuggestionChanged) => void): () => void {
    this.emitter.on('suggestion', listener);
    return () => this.emitter.off('suggestion', listener);
  }
}
