import type { ApiClient } from '../api/client';
import type { OutboxEntry } from '../db/schema';
import type { SuggestionDetail } from '../schemas/decision';
import { classifyFailure, type ApiFailure } from './api-failure';

export type Answer = { ok: true; value: SuggestionDetail } | { ok: false; failure: ApiFailure };

type DecideInput = Parameters<ApiClient['suggestions']['decide']['mutate']>[0];
type ConditionInput = Parameters<ApiClient['suggestions']['resolveCondition']['mutate']>[0];

/** Sends one queued decision with its idempotency key; never throws. */
export async function send(api: ApiClient, entry: OutboxEntry): Promise<Answer> {
  const id = entry.suggestionId;
  const idempotencyKey = entry.key;
  try {
    const value =
      entry.op === 'decide'
        ? await api.suggestions.decide.mutate({
            id,
            idempotencyKey,
            decision: entry.payload as DecideInput['decision'],
          })
        : await api.suggestions.resolveCondition.mutate({
            id,
            idempotencyKey,
            resolution: entry.payload as ConditionInput['resolution'],
          });
    return { ok: true, value };
  } catch (err) {
    return { ok: false, failure: classifyFailure(err) };
  }
}

/** The item as the server holds it now, with its decisions; never throws. */
export async function fetchTruth(api: ApiClient, id: string): Promise<Answer> {
  try {
    return { ok: true, value: await api.suggestions.get.query({ id }) };
  } catch (err) {
    return { ok: false, failure: classifyFailure(err) };
  }
}

/** A failure that says nothing about the entry itself: keep it and try again later. */
export const worthRetrying = (
  a: Answer,
): a is { ok: false; failure: ApiFailure & { kind: 'transient' | 'unauthorized' } } =>
  !a.ok && (a.failure.kind === 'transient' || a.failure.kind === 'unauthorized');
