import { z } from 'zod';
import { hostPatternOf } from '../crm/host-pattern';
import { isNamedCrmHost } from '../crm/registry';
import { readMeta, writeMeta } from '../db/meta';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import { crmHostPattern, type CrmHost } from '../messages';
import type { BackgroundBrowser } from './browser-api';

export const EXTRA_HOSTS_SCRIPT_ID = 'countersign-extra-hosts';
const CONTENT_SCRIPT = 'content-scripts/crm.js';
/** The meta row holding the hosts the user added; kept across sign-outs, like the preferences. */
const ADDED_HOSTS = 'crmHosts';

/** The CRM hosts the user added, as one-host patterns, in the order added; a row that fails the schema counts as none. */
export async function addedHosts(db: CountersignDb): Promise<string[]> {
  const parsed = z.array(crmHostPattern).safeParse(await readMeta(db, ADDED_HOSTS));
  return parsed.success ? parsed.data : [];
}

/** What the last sync left registered: the hosts the content script now runs on beyond the manifest's. */
export type SyncResult = { hosts: string[] } | 'unsupported';

export interface ExtraHosts {
  /** The added hosts, each with whether the browser grants access to it now. */
  list(): Promise<CrmHost[]>;
  /** Remembers a host the user added (refused for a named CRM's host, where the content script runs already). */
  add(pattern: string): Promise<CrmHost[]>;
  /** Forgets the host, stops the content script there and gives its access back (unless the server lives there). */
  remove(pattern: string): Promise<CrmHost[]>;
  /** Registers the content script for exactly the added hosts that are granted; call when either side changes. */
  sync(): Promise<SyncResult>;
}

/**
 * The CRM hosts a user adds on the options page (an on-premise Dynamics): the manifest's content script covers only
 * the named CRMs, so the background registers it at run time for each added host the browser grants access to. One
 * registration holds them all, replaced whenever the set changes. Calls run one after another, so that a permission
 * event and the message that caused it cannot register the same script twice.
 */
export function createExtraHosts(browser: BackgroundBrowser, db: CountersignDb): ExtraHosts {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const granted = async (pattern: string) => {
    try {
      return await browser.permissions.contains({ origins: [pattern] });
    } catch {
      return false;
    }
  };
  const list = async () =>
    Promise.all((await addedHosts(db)).map(async (pattern) => ({ pattern, granted: await granted(pattern) })));

  const sync = async (): Promise<SyncResult> => {
    const scripting = browser.scripting as BackgroundBrowser['scripting'] | undefined;
    if (!scripting?.registerContentScripts) return 'unsupported';
    // A named CRM's host already has the manifest's script: a second one would mount a second panel.
    const hosts = (await list()).filter((h) => h.granted && !isNamedCrmHost(h.pattern)).map((h) => h.pattern);
    const [existing] = await scripting.getRegisteredContentScripts({ ids: [EXTRA_HOSTS_SCRIPT_ID] });
    if (existing && sameSet(existing.matches ?? [], hosts)) return { hosts };
    if (existing) await scripting.unregisterContentScripts({ ids: [EXTRA_HOSTS_SCRIPT_ID] });
    if (hosts.length === 0) return { hosts };
    const js = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [CONTENT_SCRIPT];
    await scripting.registerContentScripts([
      { id: EXTRA_HOSTS_SCRIPT_ID, matches: hosts, js, runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    return { hosts };
  };

  return {
    list: () => serial(list),
    add: (pattern) =>
      serial(async () => {
        if (isNamedCrmHost(pattern)) throw new Error(`Countersign already runs on ${pattern.slice(0, -2)}.`);
        const hosts = await addedHosts(db);
        if (!hosts.includes(pattern)) await writeMeta(db, ADDED_HOSTS, [...hosts, pattern]);
        await sync();
        return list();
      }),
    remove: (pattern) =>
      serial(async () => {
        const hosts = await addedHosts(db);
        if (!hosts.includes(pattern)) return list();
        await writeMeta(
          db,
          ADDED_HOSTS,
          hosts.filter((p) => p !== pattern),
        );
        await sync();
        if (!(await isServerHost(db, pattern))) {
          // Refused for a host the manifest itself asks for: the script has stopped there all the same.
          await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
        }
        return list();
      }),
    sync: () => serial(sync),
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Whether the signed-in server lives on this host: its access stays, or the extension could not reach it. */
async function isServerHost(db: CountersignDb, pattern: string): Promise<boolean> {
  const serverUrl = (await getSession(db))?.serverUrl;
  return serverUrl !== undefined && hostPatternOf(serverUrl) === pattern;
}
