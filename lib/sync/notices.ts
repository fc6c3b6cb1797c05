import type { Notice } from '../db/schema';
import { DECISION_DONE } from '../text/decision-words';
import type { Winner } from './api-failure';

/** "Approved by Raj": what the decision that beat ours did, and who took it; `at` is when (server time). */
export function conflictNotice(winner: Winner | null, selfId: string | undefined, serverMessage: string, now: number) {
  if (!winner) return { kind: 'conflict', message: serverMessage, at: now } satisfies Notice;
  const who = winner.by === selfId ? 'you, elsewhere' : (winner.byName ?? winner.by);
  const at = Date.parse(winner.at);
  return {
    kind: 'conflict',
    message: `${DECISION_DONE[winner.kind] ?? 'Decided'} by ${who}`,
    at: Number.isNaN(at) ? now : at,
  } satisfies Notice;
}

export const goneNotice = (now: number): Notice => ({
  kind: 'gone',
  message: 'Timed out before your decision reached the server',
  at: now,
});

export const refusedNotice = (serverMessage: string, now: number): Notice => ({
  kind: 'error',
  message: serverMessage,
  at: now,
});

/** "2 min ago": relative to `now`; a timestamp slightly ahead of the local clock reads as "just now". */
export function timeAgo(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

/** The notice as the panel shows it: "Approved by Raj 2 min ago". */
export const describeNotice = (notice: Notice, now: number): string => `${notice.message} ${timeAgo(notice.at, now)}`;
