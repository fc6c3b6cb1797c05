import { useCallback, useEffect, useState } from 'react';
import type { Message, MessageType, ReplyData } from '../messages';
import { askBackground } from './ask-background';

export interface BackgroundQuery<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Asks again; `data` keeps the last answer meanwhile. */
  reload(): void;
  /** Puts an answer in place without asking again (the reply to a change carries the new state). */
  set(data: T): void;
}

interface Answer<T> {
  data: T | undefined;
  error: string | null;
  /** Which request this answers, so `loading` is true from a reload until its answer. */
  round: number;
}

/**
 * Asks the background on mount, and on `reload`, for data it fetches from the server: the policy, the users.
 * Nothing is asked while `enabled` is false (signed out, or not an admin).
 */
export function useBackgroundQuery<K extends MessageType>(
  message: Extract<Message, { type: K }>,
  enabled = true,
): BackgroundQuery<ReplyData[K]> {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<Answer<ReplyData[K]>>({ data: undefined, error: null, round: -1 });
  const key = JSON.stringify(message);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void askBackground<K>(JSON.parse(key) as Extract<Message, { type: K }>).then((reply) => {
      if (!current) return;
      setAnswer((a) => (reply.ok ? { data: reply.data, error: null, round } : { ...a, error: reply.error, round }));
    });
    return () => {
      current = false;
    };
  }, [key, enabled, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: ReplyData[K]) => setAnswer((a) => ({ ...a, data, error: null })), []);
  return { data: answer.data, error: answer.error, loading: enabled && answer.round !== round, reload, set };
}
