import type { Deps } from './deps';

/**
 * Finds token revocations that reached the database without reaching this process's bus, and reports them on it: those
 * made with the CLI, and on PostgreSQL those another instance made while the relay was reconnecting. Each revocation
 * writes a `token_revoked` audit event, so a check reads the events after the last one it saw, by sequence number;
 * those this process already heard on its bus are not reported again.
 */
export class RevocationWatch {
  private readonly heard = new Set<string>();

  private constructor(
    private readonly deps: Deps,
    private seq: number,
  ) {
    deps.events.onRevoked((tokenId) => this.heard.add(tokenId));
  }

  /** A watch from the audit trail's head as it stands: what was revoked before is not reported. */
  static async start(deps: Deps): Promise<RevocationWatch> {
    return new RevocationWatch(deps, await headSeq(deps));
  }

  async check(): Promise<void> {
    const head = await headSeq(this.deps);
    const rows = await this.deps.db
      .selectFrom('audit_events')
      .select('payload')
      .where('seq', '>', this.seq)
      .where('seq', '<=', head)
      .where('kind', '=', 'token_revoked')
      .execute();
    this.seq = head;
    const fresh = rows
      .map((r) => (JSON.parse(r.payload) as { tokenId: string }).tokenId)
      .filter((id) => !this.heard.delete(id));
    if (fresh.length > 0) this.deps.events.revoked(fresh);
  }
}

async function headSeq(deps: Deps): Promise<number> {
  const head = await deps.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(head.seq);
}
