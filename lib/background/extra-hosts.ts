import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import type { BackgroundBrowser } from './browser-api';

export const EXTRA_HOSTS_SCRIPT_ID = 'countersign-extra-hosts';
const CONTENT_SCRIPT = 'content-scripts/crm.js';

/** A pattern for one host (`https://crm.contoso.local/*`), not a wildcard over many. */
const isOneHost = (pattern: string) => /^https?:\/\/[^*/]+\/\*$/.test(pattern);

/**
 * The hosts the user granted beyond the manifest's own (optional host permissions, e.g. an on-premise Dynamics),
 * as match patterns, minus the Countersign server's origin, which has no CRM pages to show a panel on.
 */
export async function extraCrmHosts(browser: BackgroundBrowser, db: CountersignDb): Promise<string[]> {
  const manifest = browser.runtime.getManifest();
  const fixed = new Set([
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []),
  ]);
  const serverUrl = (await getSession(db))?.serverUrl;
  const server = serverUrl ? `${new URL(serverUrl).origin}/*` : null;
  const granted = (await browser.permissions.getAll()).origins ?? [];
  return granted.filter((o) => !fixed.has(o) && o !== server && isOneHost(o));
}

/**
 * Runs the CRM content script on the extra hosts too: the manifest's content script covers only the named CRM hosts.
 * Needs the `scripting` permission; without it this does nothing and says so. One registration holds every extra
 * host and is replaced whenever the granted hosts change.
 */
export async function registerExtraHosts(
  browser: BackgroundBrowser,
  db: CountersignDb,
): Promise<'registered' | 'none' | 'unsupported'> {
  const scripting = browser.scripting as BackgroundBrowser['scripting'] | undefined;
  if (!scripting?.registerContentScripts) return 'unsupported';
  const hosts = await extraCrmHosts(browser, db);
  const existing = await scripting.getRegisteredContentScripts({ ids: [EXTRA_HOSTS_SCRIPT_ID] });
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [EXTRA_HOSTS_SCRIPT_ID] });
  if (hosts.length === 0) return 'none';
  const js = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [CONTENT_SCRIPT];
  await scripting.registerContentScripts([
    { id: EXTRA_HOSTS_SCRIPT_ID, matches: hosts, js, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  return 'registered';
}
