import { EventEmitter } from 'node:events';

/** A change to a suggestion that open panels should hear of. */
export interface SuggestionChanged {
  suggestionId: string;
  crm: string;
  recordId: string;
  status: string;
  seq: number;
}

/** In-process fan-out of changes; a PostgreSQL deployment relays them between instances. */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(e: SuggestionChanged) {
    this.emitter.emit('suggestion', e);
  }

  on(listener: (e: SuggestionChanged) => void): () => void {
    this.emitter.on('suggestion', listener);
    return () => this.emitter.off('suggestion', listener);
  }
}
