import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeMeta } from '../db/meta';
import { setSession } from '../db/session';
import type { CrmHost } from '../messages';
import type { BackgroundBrowser } from './browser-api';
import { addedHosts, createExtraHosts, EXTRA_HOSTS_SCRIPT_ID } from './extra-hosts';
import { CONTENT_SCRIPT, fakeHostAccess } from './testing/fake-host-access';
import { contentScript, freshDb, optionsPage, popupPage, send, startTestBackground } from './testing/harness';

const CONTOSO = 'https://crm.contoso.local/*';
const FABRIKAM = 'http://crm.fabrikam.local/*';
const NORTHWIND = 'https://crm.northwind.local/*';

/** A background whose browser grants `granted`, and the options page's messages to it. */
function setup(opts: { required?: string[]; granted?: string[] } = {}) {
  const db = freshDb();
  const access = fakeHostAccess(opts);
  const bg = startTestBackground(db, undefined, access);
  const ask = async <T = CrmHost[]>(msg: unknown, sender = optionsPage) => {
    const reply = await send<T>(msg, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
  /**
   * The hosts the script is registered for once the work queued so far has run: browser events queue theirs as they
   * fire, and the hosts' calls run one after another, so a list asked for now answers after it.
   */
  const registered = async () => {
    await bg.extraHosts.list();
    return access.registeredMatches().sort();
  };
  return { db, access, bg, ask, registered };
}

describe('CRM hosts the user adds', () => {
  it('runs the content script on the added hosts that are granted, and on no other', async () => {
    const { access, ask } = setup({ granted: [CONTOSO, NORTHWIND] });
    expect(await ask({ type: 'crmHosts.add', pattern: CONTOSO })).toEqual([{ pattern: CONTOSO, granted: true }]);
    // Added, but access not (yet) granted: listed as such, and the script does not run there.
    expect(await ask({ type: 'crmHosts.add', pattern: FABRIKAM })).toEqual([
      { pattern: CONTOSO, granted: true },
      { pattern: FABRIKAM, granted: false },
    ]);
    // NORTHWIND is granted (say, as a server) but was never added: no panel there.
    expect(access.scripts()).toEqual([
      {
        id: EXTRA_HOSTS_SCRIPT_ID,
        matches: [CONTOSO],
        js: [CONTENT_SCRIPT],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    expect(await ask({ type: 'crmHosts.list' })).toEqual([
      { pattern: CONTOSO, granted: true },
      { pattern: FABRIKAM, granted: false },
    ]);
  });

  it('follows access granted or taken back in the browser, without a message', async () => {
    const { access, ask, registered } = setup({ granted: [CONTOSO] });
    await ask({ type: 'crmHosts.add', pattern: CONTOSO });
    await ask({ type: 'crmHosts.add', pattern: FABRIKAM });
    expect(await registered()).toEqual([CONTOSO]);

    access.grant(FABRIKAM);
    expect(await registered()).toEqual([FABRIKAM, CONTOSO].sort());
    access.revoke(CONTOSO);
    expect(await registered()).toEqual([FABRIKAM]);
    access.revoke(FABRIKAM);
    expect(await registered()).toEqual([]);
    expect(await ask({ type: 'crmHosts.list' })).toEqual([
      { pattern: CONTOSO, granted: false },
      { pattern: FABRIKAM, granted: false },
    ]);
  });

  it('counts a host as granted when a wider grant covers it', async () => {
    const { ask, registered } = setup({ granted: ['https://*/*'] });
    expect(await ask({ type: 'crmHosts.add', pattern: CONTOSO })).toEqual([{ pattern: CONTOSO, granted: true }]);
    expect(await registered()).toEqual([CONTOSO]);
  });

  it('stops the script on a removed host and gives its access back', async () => {
    const { access, ask, registered } = setup({ granted: [CONTOSO, FABRIKAM] });
    await ask({ type: 'crmHosts.add', pattern: CONTOSO });
    await ask({ type: 'crmHosts.add', pattern: FABRIKAM });

    expect(await ask({ type: 'crmHosts.remove', pattern: CONTOSO })).toEqual([{ pattern: FABRIKAM, granted: true }]);
    expect(access.calls.remove).toEqual([[CONTOSO]]);
    expect(await registered()).toEqual([FABRIKAM]);

    expect(await ask({ type: 'crmHosts.remove', pattern: FABRIKAM })).toEqual([]);
    expect(access.calls.remove).toEqual([[CONTOSO], [FABRIKAM]]);
    expect(await registered()).toEqual([]);
    expect(await ask({ type: 'crmHosts.list' })).toEqual([]);
  });

  it('keeps the access of a host it was not running on, of the signed-in server, and of the manifest', async () => {
    const { db, access, ask, registered } = setup({ required: [NORTHWIND], granted: [CONTOSO, FABRIKAM] });
    // Never added here: removing it is not this list's business.
    expect(await ask({ type: 'crmHosts.remove', pattern: CONTOSO })).toEqual([]);
    expect(access.calls.remove).toEqual([]);

    await setSession(db, {
      serverUrl: 'http://crm.fabrikam.local:8787',
      token: 'token-of-dana',
      user: { id: 'u-dana', name: 'Dana', role: 'rep', team: 'west' },
    });
    await ask({ type: 'crmHosts.add', pattern: FABRIKAM });
    expect(await ask({ type: 'crmHosts.remove', pattern: FABRIKAM })).toEqual([]);
    expect(access.calls.remove).toEqual([]);
    expect(await fakeBrowser.permissions.contains({ origins: [FABRIKAM] })).toBe(true);

    // A host the manifest asks for cannot be given back: the browser refuses, the script stops all the same.
    await ask({ type: 'crmHosts.add', pattern: NORTHWIND });
    expect(await registered()).toEqual([NORTHWIND]);
    expect(await ask({ type: 'crmHosts.remove', pattern: NORTHWIND })).toEqual([]);
    expect(access.calls.remove).toEqual([[NORTHWIND]]);
    expect(await registered()).toEqual([]);
  });

  it('refuses a named CRM’s host, where the manifest’s script runs already, and never registers one', async () => {
    const { db, ask, bg, registered } = setup({ granted: ['https://app.hubspot.com/*', CONTOSO] });
    await expect(ask({ type: 'crmHosts.add', pattern: 'https://app.hubspot.com/*' })).rejects.toThrow(
      'Countersign already runs on https://app.hubspot.com.',
    );
    expect(await addedHosts(db)).toEqual([]);
    // Stored by an older version, say: the script still does not run there twice.
    await writeMeta(db, 'crmHosts', ['https://app.hubspot.com/*', CONTOSO]);
    expect(await bg.extraHosts.sync()).toEqual({ hosts: [CONTOSO] });
    expect(await registered()).toEqual([CONTOSO]);
  });

  it('accepts only the pattern of one http(s) host, and only from its own pages', async () => {
    const { access, ask } = setup({ granted: ['https://*/*', 'http://*/*'] });
    for (const pattern of [
      'https://*/*',
      'https://*.contoso.local/*',
      '<all_urls>',
      'https://crm.contoso.local:5555/*',
      'https://crm.contoso.local/Contoso/*',
      'https://crm.contoso.local',
      'https://CRM.contoso.local/*',
      'file:///*',
      'ftp://crm.contoso.local/*',
      'javascript:alert(1)//*',
    ]) {
      await expect(ask({ type: 'crmHosts.add', pattern }), pattern).rejects.toThrow('not a valid Countersign message');
    }
    for (const sender of [contentScript(), { ...popupPage, id: 'another-extension' }]) {
      await expect(ask({ type: 'crmHosts.add', pattern: CONTOSO }, sender)).rejects.toThrow(
        'crmHosts.add is not accepted from this sender',
      );
    }
    expect(access.scripts()).toEqual([]);
  });

  it('registers again after an install or update, and leaves an unchanged registration alone', async () => {
    const { db, access, bg, registered } = setup({ granted: [CONTOSO] });
    await writeMeta(db, 'crmHosts', [CONTOSO, 'not a pattern']);
    expect(await addedHosts(db)).toEqual([]); // a row that fails the schema counts as none
    await writeMeta(db, 'crmHosts', [CONTOSO]);

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false } as never);
    expect(await registered()).toEqual([CONTOSO]);
    expect(access.calls.register).toBe(1);
    await fakeBrowser.runtime.onStartup.trigger();
    await bg.extraHosts.sync();
    expect(access.calls).toMatchObject({ register: 1, unregister: 0 });
  });

  it('never registers the script twice when events and messages arrive together', async () => {
    const { db, access, bg, registered } = setup({ granted: [CONTOSO] });
    await writeMeta(db, 'crmHosts', [CONTOSO]);
    // A browser start after an update fires both events, and the options page may be adding a host meanwhile.
    void fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false } as never);
    void fakeBrowser.runtime.onStartup.trigger();
    const direct = await Promise.allSettled([bg.extraHosts.sync(), bg.extraHosts.add(CONTOSO), bg.extraHosts.sync()]);
    expect(direct.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await registered()).toEqual([CONTOSO]);
    expect(access.calls.register).toBe(1);
  });

  it('does nothing, and says so, where the browser has no scripting API', async () => {
    const db = freshDb();
    const extra = createExtraHosts({ ...fakeBrowser, scripting: undefined } as unknown as BackgroundBrowser, db);
    expect(await extra.sync()).toBe('unsupported');
  });
});
