import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHttpEnv, sessionOf, type HttpEnv } from '../../test/helpers/http';
import type { Person } from '../../test/helpers/people';
import { readPolicy, updatePolicy } from '../../server/services/policy';
import { createApiClient } from '../api/client';
import { runQuery } from '../background/page-queries';
import { freshDb, optionsPage, send, startTestBackground } from '../background/testing/harness';
import { getCachedPolicy } from '../db/policy';
import type { CountersignDb } from '../db/schema';
import { clearSession, setSession } from '../db/session';
import { rulesOf, type PolicyEdit } from '../schemas/policy';
import { refreshPolicy } from './policy';

let h: HttpEnv;
beforeEach(async () => {
  h = await openHttpEnv();
});
afterEach(() => h.close());

/** The procedures one request of the client names (a batch names several). */
const procedures = (input: RequestInfo | URL) => new URL(String(input)).pathname.replace('/trpc/', '').split(',');

/** The policy in force on the server. */
const inForce = async () => (await readPolicy(h.deps.db)).policy;

/** `rules` with the default amount limit set to `amountLimit`. */
const withLimit = (rules: PolicyEdit, amountLimit: number): PolicyEdit => ({
  ...rules,
  defaults: { ...rules.defaults, risk: { ...rules.defaults.risk, amountLimit } },
});

/** The admin of the cast sets the amount limit on the server, editing the policy in force. */
async function adminSetsLimit(amountLimit: number) {
  const rules = rulesOf(await inForce());
  await updatePolicy(h.deps, h.people.admin.actor, { ...withLimit(rules, amountLimit), basedOn: rules });
}

/** Signs the cache in as `who` on the test server. */
function signIn(db: CountersignDb, who: Person) {
  return setSession(db, sessionOf(h, who));
}

/** A background signed in as `who`, whose client's requests go to the server through `through`. */
async function backgroundOf(who: Person, through: typeof fetch = fetch) {
  const db = freshDb();
  const bg = startTestBackground(db, createApiClient(h.url, who.token, through));
  await signIn(db, who);
  return { db, bg };
}

describe('the policy in force, kept in the cache', () => {
  it('is read on every sync after the pull, and answers the pages’ live query', async () => {
    const asked: string[] = [];
    const { db, bg } = await backgroundOf(h.people.rep, (input, init) => {
      asked.push(...procedures(input));
      return fetch(input, init);
    });
    await adminSetsLimit(500);
    expect(await runQuery(db, { kind: 'policy' })).toBeNull();

    await bg.engine.sync();
    expect(await runQuery(db, { kind: 'policy' })).toEqual(await inForce());
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(500);
    await adminSetsLimit(2_000);
    await bg.engine.sync();
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(2_000);
    expect(asked).toEqual(['suggestions.changes', 'policy.get', 'suggestions.changes', 'policy.get']);
  });

  it('keeps the last answer when refused or unreachable, and asks nothing after a failed pull', async () => {
    let network: 'up' | 'refusing the policy' | 'down' = 'up';
    const asked: string[] = [];
    const { db, bg } = await backgroundOf(h.people.rep, (input, init) => {
      asked.push(...procedures(input));
      if (network === 'down') return Promise.reject(new TypeError('fetch failed'));
      // The server's own refusal, as it answers a rep's read of the users, which only admins may list.
      if (network === 'refusing the policy') return fetch(String(input).replace('policy.get', 'users.list'), init);
      return fetch(input, init);
    });
    const policyReads = () => asked.filter((p) => p === 'policy.get').length;
    await adminSetsLimit(750);
    await bg.engine.sync();
    await adminSetsLimit(900);

    network = 'refusing the policy';
    await bg.engine.sync();
    expect(policyReads()).toBe(2);
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(750);

    network = 'down';
    await bg.engine.sync();
    expect(policyReads()).toBe(2);
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(750);
  });

  it('keeps no answer that comes back after its session ended, and leaves with the session', async () => {
    const db = freshDb();
    await signIn(db, h.people.rep);
    let held = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      held = true;
      await released;
      return answer;
    };
    const reading = refreshPolicy(db, createApiClient(h.url, h.people.rep.token, holding));
    await expect.poll(() => held).toBe(true);
    await clearSession(db);
    await signIn(db, h.people.rep2);
    release();
    expect(await reading).toBe(false);
    expect(await getCachedPolicy(db)).toBeNull();

    expect(await refreshPolicy(db, createApiClient(h.url, h.people.rep2.token))).toBe(true);
    expect(await getCachedPolicy(db)).toEqual(await inForce());
    await clearSession(db);
    expect(await getCachedPolicy(db)).toBeNull();
  });

  it('follows a change an admin makes on the options page at once', async () => {
    const { db } = await backgroundOf(h.people.admin);
    const rules = rulesOf(await inForce());
    const update = { type: 'policy.update', policy: withLimit(rules, 3_000), basedOn: rules };
    expect((await send(update, optionsPage)).ok).toBe(true);
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(3_000);

    const change = { scope: 'global', mode: 'block', reason: 'incident' };
    expect((await send({ type: 'killSwitch.set', change }, optionsPage)).ok).toBe(true);
    expect((await getCachedPolicy(db))?.killSwitches.global).toBe('block');
    expect(await getCachedPolicy(db)).toEqual(await inForce());
  });
});
