import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock';
import type { Dialect, Store } from '../store/connect';
import type { Database } from '../store/schema';
import type { EventBus } from './events';

/** What every service needs: the database, its dialect, the clock, and the bus live events go out on. */
export interface Deps {
  db: Kysely<Database>;
  /** Reads that scan much of the database: off the event loop where the store can (see `Store.reports`). */
  reports: Kysely<Database>;
  dialect: Dialect;
  /** Every write transaction runs through here (see `auditedTx`). */
  transact: Store['transact'];
  clock: Clock;
  events: EventBus;
}

export type Tx = Transaction<Database>;
