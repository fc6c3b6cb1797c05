import { Webhook } from 'standardwebhooks';
import { repeat } from '../repeat';
import { auditedTx } from '../services/audit-log';
import type { Deps } from '../services/deps';
import { detailOf } from '../services/suggestions';
import { applyTransition } from '../services/transition';
import type { ExecutorLog } from './start';

/** Where approved items of webhook-executed action types go: `WEBHOOK_URL`, signed with `WEBHOOK_SECRET`. */
export interface WebhookTarget {
  url: string;
  /** A Standard Webhooks secret: `whsec_` and base64. */
  secret: string;
}

/** The actor that reports a delivery given up. */
export const WEBHOOK_ACTOR = 'executor:webhook';

/** Waits before attempts 2, 3, …; the last attempt is the one after the last wait. */
export const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000];
/** How long a claimed delivery stays claimed: longer than a request may take. */
const CLAIM_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
const BATCH = 10;

/**
 * Delivers the webhook outbox: each approved item whose action type executes by webhook is POSTed to the target as
 * `{ type: 'suggestion.approved', timestamp, data }` (the suggestion with its final change set and hash), signed with
 * the Standard Webhooks scheme; `webhook-id` is the suggestion's id, the same on every attempt, so that a receiver
 * can tell a retry from a new item. A 2xx answer delivers it; anything else, or no answer, is retried with backoff,
 * and after the last attempt the item is marked failed, with the reason, in the audit trail. Delivery is at least
 * once: a server that stops between the answer and its record sends again after the claim lapses. Several instances
 * share the outbox; on PostgreSQL each claims its rows with `FOR UPDATE SKIP LOCKED`.
 */
export class WebhookDispatcher {
  private readonly signer: Webhook;

  constructor(
    private readonly deps: Deps,
    private readonly target: WebhookTarget,
    private readonly log: ExecutorLog,
  ) {
    this.signer = new Webhook(target.secret);
  }

  /** Sends what is due; returns how many deliveries were attempted. */
  async tick(): Promise<number> {
    const claimed = await this.claim();
    for (const row of claimed) await this.deliver(row.suggestion_id, row.attempts);
    return claimed.length;
  }

  private claim() {
    const now = this.deps.clock.now();
    return this.deps.transact(async (tx) => {
      const due = await tx
        .selectFrom('webhook_outbox')
        .select(['suggestion_id', 'attempts'])
        .where('state', '=', 'pending')
        .where('next_at', '<=', now)
        .orderBy('next_at')
        .limit(BATCH)
        .$if(this.deps.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
        .execute();
      for (const row of due) {
        await tx
          .updateTable('webhook_outbox')
          .set({ next_at: now + CLAIM_MS, updated_at: now })
          .where('suggestion_id', '=', row.suggestion_id)
          .execute();
      }
      return due.map((r) => ({ suggestion_id: r.suggestion_id, attempts: Number(r.attempts) }));
    });
  }

  private async deliver(id: string, attemptsBefore: number) {
    const error = await this.send(id).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    const attempts = attemptsBefore + 1;
    const now = this.deps.clock.now();
    if (error === null) {
      await this.deps.transact((tx) =>
        tx
          .updateTable('webhook_outbox')
          .set({ state: 'delivered', attempts, last_error: null, updated_at: now })
          .where('suggestion_id', '=', id)
          .execute(),
      );
      this.log.info({ suggestionId: id, attempts }, 'webhook delivered');
      return;
    }
    if (attempts <= BACKOFF_MS.length) {
      await this.deps.transact((tx) =>
        tx
          .updateTable('webhook_outbox')
          .set({ attempts, next_at: now + BACKOFF_MS[attempts - 1]!, last_error: error, updated_at: now })
          .where('suggestion_id', '=', id)
          .execute(),
      );
      this.log.info({ suggestionId: id, attempts, error }, 'webhook not delivered; will retry');
      return;
    }
    await this.giveUp(id, attempts, error);
    this.log.error({ suggestionId: id, attempts, error }, 'webhook not delivered; item failed');
  }

  /** Marks the outbox row failed and the item failed, with an audited outcome, in one transaction. */
  private giveUp(id: string, attempts: number, error: string) {
    return auditedTx(this.deps, async (tx, log) => {
      await tx
        .updateTable('webhook_outbox')
        .set({ state: 'failed', attempts, last_error: error, updated_at: log.at })
        .where('suggestion_id', '=', id)
        .execute();
      const row = await tx.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
      if (row?.status !== 'approved') return;
      const detail = `the webhook was not delivered after ${attempts} attempts: ${error}`;
      const outcome = { ok: false, detail, at: new Date(log.at).toISOString() };
      await applyTransition(tx, log, row, {
        actorId: WEBHOOK_ACTOR,
        patch: { status: 'failed', outcome: JSON.stringify(outcome) },
        events: [{ kind: 'outcome', suggestionId: id, ok: false, detail }],
      });
    });
  }

  /** POSTs one item; resolves with null on a 2xx answer, else with what went wrong. */
  private async send(id: string): Promise<string | null> {
    const row = await this.deps.db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return 'the suggestion is gone';
    const at = new Date(this.deps.clock.now());
    const body = JSON.stringify({
      type: 'suggestion.approved',
      timestamp: at.toISOString(),
      data: await detailOf(this.deps.db, row),
    });
    const res = await fetch(this.target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': this.signer.sign(id, at, body),
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });
    await res.body?.cancel();
    return res.ok ? null : `the endpoint answered ${res.status}`;
  }
}

/** Runs the dispatcher every `intervalMs`, and at once when an item is approved. Returns a stop function. */
export function startWebhooks(
  deps: Deps,
  target: WebhookTarget,
  log: ExecutorLog,
  intervalMs = 1_000,
): () => Promise<void> {
  const dispatcher = new WebhookDispatcher(deps, target, log);
  const runs = repeat(
    intervalMs,
    async () => void (await dispatcher.tick()),
    (err) => log.error({ err }, 'webhook dispatch failed'),
  );
  const off = deps.events.on((e) => {
    if (e.status === 'approved') runs.poke();
  });
  runs.poke();
  return async () => {
    off();
    await runs.stop();
  };
}
