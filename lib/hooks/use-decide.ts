import { useMemo } from 'react';
import { z } from 'zod';
import { decideLocally, type LocalOp } from '../db/local-decisions';
import type { DecisionInput } from '../schemas/decision';
import { usePanelUi } from '../stores/panel-ui';
import { useDb } from './db-context';
import { sendToBackground } from './runtime';

/** The longest `openedMs` the decision schema accepts. */
const MAX_OPENED_MS = 7 * 24 * 3600 * 1000;

function messageOf(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => i.message).join('; ');
  return e instanceof Error ? e.message : String(e);
}

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
  /** Records the decision here (optimistic state and outbox entry), then asks the background to flush. */
  decide(id: string, decision: PanelDecision): Promise<boolean>;
  /** The same for several items, with one flush; returns the ids that were recorded. */
  decideMany(items: { id: string; decision: PanelDecision }[]): Promise<string[]>;
}

/**
 * Every decision the panel takes goes through here: `decideLocally` is the only write path. A failure (a bad payload,
 * a decision already waiting) is kept as the card's inline error; a failed flush is not an error, since the entry
 * waits in the outbox and the background flushes it on its next round.
 */
export function useDecide(): Decide {
  const db = useDb();
  return useMemo(() => {
    const record = async (id: string, decision: PanelDecision): Promise<boolean> => {
      const ui = usePanelUi.getState();
      const now = Date.now();
      const openedMs = openedMsFor(id, now);
      const action: LocalOp =
        decision.op === 'decide' && openedMs !== undefined
          ? { op: 'decide', payload: { ...decision.payload, openedMs } }
          : decision;
      try {
        await decideLocally(db, id, action, now);
      } catch (e) {
        ui.setError(id, messageOf(e));
        return false;
      }
      ui.setError(id, null);
      ui.closeForm(id);
      ui.deselect([id]);
      return true;
    };
    const flush = () => void sendToBackground({ type: 'outbox.flush' });
    return {
      async decide(id, decision) {
        const ok = await record(id, decision);
        if (ok) flush();
        return ok;
      },
      async decideMany(items) {
        const done: string[] = [];
        for (const { id, decision } of items) if (await record(id, decision)) done.push(id);
        if (done.length > 0) flush();
        return done;
      },
    };
  }, [db]);
}
