import type { SuggestionDetail } from '../../lib/schemas/decision';
import type { Deps } from '../services/deps';
import { getSuggestion } from '../services/suggestions';
import type { Actor } from '../services/users';

/** Checked even without a local event, so a change made by another instance is seen too. */
const RECHECK_MS = 1_000;

/**
 * Answers as soon as the suggestion leaves `pending`, or with its state when `waitSeconds` run out or the client
 * goes away. The wait is measured on `deps.clock`, so a test's clock that does not move never ends it.
 */
export async function waitForDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<SuggestionDetail> {
  let current = await getSuggestion(deps, actor, id);
  const deadline = deps.clock.now() + waitSeconds * 1000;
  while (current.status === 'pending' && deps.clock.now() < deadline && !signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(RECHECK_MS, Math.max(0, deadline - deps.clock.now())));
      const off = deps.events.on((e) => {
        if (e.suggestionId === id) done();
      });
      signal.addEventListener('abort', done);
    });
    current = await getSuggestion(deps, actor, id);
  }
  return current;
}
