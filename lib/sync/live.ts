import type { ApiClient } from '../api/client';
import type { CountersignDb } from '../db/schema';
import { classifyFailure, type ApiFailure } from './api-failure';
import { retryDelay, type Backoff } from './backoff';
import { pull, type PullReport } from './pull';
import { recordFailure } from './record-connection';

export interface LiveOptions {
  /** Resubscribing after an error: from 1 s up to 1 min unless told otherwise. */
  backoff?: Backoff;
  onFailure?: (failure: ApiFailure) => void;
  /** The policy changed on the server, or the stream (re)connected and a change may have been missed meanwhile. */
  onPolicy?: () => void;
}

export interface LiveHandle {
  stop(): void;
}

const LIVE_BACKOFF: Backoff = { baseMs: 1_000, capMs: 60_000 };

/**
 * Keeps the cache live while a panel is open: subscribes to `events.onChange` and pulls on each event, or hands a
 * policy change to `onPolicy`. The events only say that something changed; the cursor-based pull fetches what, so an
 * event lost in a reconnection costs nothing: each (re)connection pulls, and tells `onPolicy`, too. On an error it
 * resubscribes with backoff, except when the token is refused (the user must sign in again). `onChange` hears every
 * pull it ran.
 */
export function live(
  db: CountersignDb,
  api: ApiClient,
  onChange: (report: PullReport) => void,
  opts: LiveOptions = {},
): LiveHandle {
  let stopped = false;
  let generation = 0;
  let failures = 0;
  let subscription: { unsubscribe(): void } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  // pull() records a failure in the connection state; the next event or reconnection tries again.
  const refresh = () => void pull(db, api).then(onChange, () => {});

  const connect = () => {
    const mine = ++generation;
    const current = () => !stopped && mine === generation;
    subscription = api.events.onChange.subscribe(undefined, {
      onStarted: () => {
        if (!current()) return;
        failures = 0;
        refresh();
        opts.onPolicy?.();
      },
      onData: (event) => {
        if (!current()) return;
        if (event.data.kind === 'policy') opts.onPolicy?.();
        else refresh();
      },
      onError: (err) => {
        if (current()) retry(classifyFailure(err));
      },
      onComplete: () => {
        if (current()) retry(null);
      },
    });
  };

  const retry = (failure: ApiFailure | null) => {
    generation += 1;
    subscription?.unsubscribe();
    subscription = null;
    if (failure) {
      opts.onFailure?.(failure);
      void recordFailure(db, failure);
      if (failure.kind === 'unauthorized') return;
    }
    failures += 1;
    timer = setTimeout(
      () => {
        timer = null;
        if (!stopped) connect();
      },
      retryDelay(failures, Math.random, opts.backoff ?? LIVE_BACKOFF),
    );
  };

  connect();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      subscription?.unsubscribe();
      subscription = null;
    },
  };
}
