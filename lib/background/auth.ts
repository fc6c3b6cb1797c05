import { getConnection, setConnection } from '../db/connection';
import { outboxCount, pendingCount } from '../db/counts';
import type { CountersignDb } from '../db/schema';
import { clearSession, getSession, setSession } from '../db/session';
import type { AuthStatus, ReplyData } from '../messages';
import { classifyFailure } from '../sync/api-failure';
import type { BackgroundBrowser } from './browser-api';
import type { CreateApi } from './sync-engine';

/** The server's base address as stored: https, or http on this computer only; no query, fragment or trailing slash. */
export function normalizeServerUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('The server address must start with https://');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new Error(
      'A server on another machine must be reached over https://: the token would cross the network in clear',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** This computer: plain http stays on it, as for a server run locally or the demo. */
const isLoopback = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/** Checks the token with the server (`users.me`) before storing anything; the token never leaves this context. */
export async function signIn(
  browser: BackgroundBrowser,
  db: CountersignDb,
  createApi: CreateApi,
  rawUrl: string,
  token: string,
): Promise<ReplyData['auth.signIn']> {
  const serverUrl = normalizeServerUrl(rawUrl);
  if (!(await mayReach(browser, serverUrl))) {
    throw new Error(`Countersign is not allowed to reach ${new URL(serverUrl).origin} yet: grant access first`);
  }
  let user;
  try {
    user = await createApi(serverUrl, token.trim()).users.me.query();
  } catch (err) {
    const f = classifyFailure(err);
    if (f.kind === 'unauthorized') throw new Error('The server did not accept this token');
    if (f.kind === 'transient') throw new Error(`Could not reach ${serverUrl}: ${f.message}`);
    throw new Error(f.message);
  }
  await setSession(db, { serverUrl, token: token.trim(), user });
  await setConnection(db, { state: 'online', error: null });
  return { user };
}

/** Signs out unless decisions are still queued and the user has not agreed to lose them. */
export async function signOut(db: CountersignDb, discardOutbox = false): Promise<ReplyData['auth.signOut']> {
  const queued = await outboxCount(db);
  if (queued > 0 && !discardOutbox) return { signedOut: false, outbox: queued };
  await clearSession(db);
  return { signedOut: true, outbox: 0 };
}

export async function authStatus(db: CountersignDb): Promise<AuthStatus> {
  const session = await getSession(db);
  return {
    serverUrl: session?.serverUrl ?? null,
    user: session?.user ?? null,
    connection: await getConnection(db),
    outbox: await outboxCount(db),
    pending: session ? await pendingCount(db, { role: session.user.role }) : 0,
  };
}

/** Host access for servers outside the manifest's own hosts is an optional permission the options page requests. */
async function mayReach(browser: BackgroundBrowser, serverUrl: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${new URL(serverUrl).origin}/*`] });
  } catch {
    return true; // no permissions API to ask: the request itself will tell
  }
}
