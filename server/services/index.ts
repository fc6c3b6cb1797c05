import type { Clock } from '../clock';
import { openStore, type Store, type StoreTarget } from '../store/connect';
import type { Deps } from './deps';
import { EventBus } from './events';

/** Opens the store and assembles what services need. */
export async function openDeps(target: StoreTarget, clock: Clock): Promise<{ deps: Deps; store: Store }> {
  const store = await openStore(target);
  return {
    store,
    deps: {
      db: store.db,
      reports: store.reports,
      dialect: store.dialect,
      transact: store.transact,
      clock,
      events: new EventBus(),
    },
  };
}
