import pg from 'pg';
import { CHANGES_CHANNEL, type Change, type EventBus } from '../services/events';

export interface Notification {
  origin: string;
  changes: Change[];
  revokedTokens: string[];
  /** Set when the transaction changed the policy: its event's sequence. */
  policySeq: number | null;
}

/**
 * Listens on the changes channel and re-emits what other instances committed: changes, policy changes and token
 * revocations. NOTIFY is sent inside the writing transaction, so PostgreSQL delivers it only if that transaction
 * commits.
 */
export async function startPgRelay(
  url: string,
  bus: EventBus,
  onError: (e: Error) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL || !n.payload) return;
      try {
        const msg = JSON.parse(n.payload) as Notification;
        // Its own changes were already emitted locally, after the commit.
        if (msg.origin === bus.origin) return;
        bus.revoked(msg.revokedTokens);
        if (msg.policySeq != null) bus.policyChanged(msg.policySeq);
        for (const e of msg.changes) bus.emit(e);
      } catch (e) {
        onError(e as Error);
      }
    });
    c.on('error', (e) => {
      onError(e);
      void c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect().catch(onError), 1_000);
    });
    await c.connect();
    await c.query(`listen ${CHANGES_CHANNEL}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
