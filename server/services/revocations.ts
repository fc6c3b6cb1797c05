import type { Deps } from './deps';

/** How far back each look reaches: room for the clocks of the processes that revoke to differ. */
const LOOKBACK_MS = 60_000;

/**
 * Finds token revocations that reached the database without reaching this process's bus, and reports them on it: those
 * made with the CLI, and on PostgreSQL those another instance made while the relay was reconnecting. Revocations made
 * by this process are on the bus at once, after their commit; these arrive at the next `check`.
 */
export class RevocationWatch {
  /** The revocations of the last look, by token id, with when each was made. */
  private seen = new Map<string, number>();
  private latest: number;

  constructor(private readonly deps: Deps) {
    this.latest = deps.clock.now();
  }

  async check(): Promise<void> {
    const rows = await this.deps.db
      .selectFrom('tokens')
      .select(['id', 'revoked_at'])
      .where('revoked_at', '>=', this.latest - LOOKBACK_MS)
      .execute();
    const fresh = rows.filter((r) => !this.seen.has(r.id)).map((r) => r.id);
    this.seen = new Map(rows.map((r) => [r.id, r.revoked_at!]));
    this.latest = Math.max(this.latest, ...this.seen.values());
    if (fresh.length > 0) this.deps.events.revoked(fresh);
  }
}
