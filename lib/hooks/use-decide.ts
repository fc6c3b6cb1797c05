import { useMemo } from 'react';
import { z } from 'zod';
import { localAction, type LocalAction } from '../messages';
import { MAX_OPENED_MS, type DecisionInput } from '../schemas/decision';
import { usePanelUi } from '../stores/panel-ui';
import { askBackground } from './ask-background';

const issuesOf = (e: z.ZodError) => e.issues.map((i) => i.message).join('; ');

/** Milliseconds since the card was first shown; the reviewer's time with it. */
function openedMsFor(id: string, now: number): number | undefined {
  const shownAt = usePanelUi.getState().shownAt[id];
  return shownAt === undefined ? undefined : Math.min(MAX_OPENED_MS, Math.max(0, Math.round(now - shownAt)));
}

/** A decision without its `openedMs`: the hook adds it from when the card was first shown. */
export type DecisionDraft = WithoutOpenedMs<DecisionInput>;
type WithoutOpenedMs<T> = T extends unknown ? Omit<T, 'openedMs'> : never;

export type PanelDecision =
  { op: 'decide'; payload: DecisionDraft } | { op: 'condition'; payload: { confirmed: boolean; note?: string } };

export interface Decide {
  /** Has the background record the decision (optimistic state and outbox entry) and flush it. */
  decide(id: string, decision: PanelDecision): Promise<boolean>;
  /** The same for several items, with one flush; returns the ids that were recorded. */
  decideMany(items: { id: string; decision: PanelDecision }[]): Promise<string[]>;
}

/**
 * The decision as the background records it, with the reviewer's time on the card; checked here first so that a
 * bad payload is the card's inline error in the schema's words (the background checks it again).
 */
function prepare(id: string, decision: PanelDecision, now: number): { action: LocalAction } | { error: string } {
  const openedMs = openedMsFor(id, now);
  const raw =
    decision.op === 'decide' && openedMs !== undefined
      ? { op: 'decide', payload: { ...decision.payload, openedMs } }
      : decision;
  const parsed = localAction.safeParse(raw);
  return parsed.success ? { action: parsed.data } : { error: issuesOf(parsed.error) };
}

/** The card's outcome: its error inline, or, once recorded, its form closed and its selection cleared. */
function settle(id: string, error: string | null): boolean {
  const ui = usePanelUi.getState();
  ui.setError(id, error);
  if (error !== null) return false;
  ui.closeForm(id);
  ui.deselect([id]);
  return true;
}

/**
 * Every decision a page takes goes through here, to the background: it alone writes the cache and the outbox, and
 * flushes once recorded. A refusal (a bad payload, a decision already waiting) is kept as the card's inline error; a
 * failed flush is not an error, since the entry waits in the outbox and the background tries again.
 */
export function useDecide(): Decide {
  return useMemo(
    () => ({
      async decide(id, decision) {
        const prepared = prepare(id, decision, Date.now());
        if ('error' in prepared) return settle(id, prepared.error);
        const reply = await askBackground({ type: 'decision.record', suggestionId: id, action: prepared.action });
        return settle(id, reply.ok ? null : reply.error);
      },
      async decideMany(items) {
        const now = Date.now();
        const ready: { suggestionId: string; action: LocalAction }[] = [];
        for (const { id, decision } of items) {
          const prepared = prepare(id, decision, now);
          if ('error' in prepared) settle(id, prepared.error);
          else ready.push({ suggestionId: id, action: prepared.action });
        }
        if (ready.length === 0) return [];
        const reply = await askBackground({ type: 'decision.recordMany', items: ready });
        if (!reply.ok) {
          for (const { suggestionId } of ready) settle(suggestionId, reply.error);
          return [];
        }
        for (const { suggestionId, error } of reply.data.refused) settle(suggestionId, error);
        return reply.data.recorded.filter((id) => settle(id, null));
      },
    }),
    [],
  );
}
