import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeEvent } from '../../bridge/testing/memory-ports';
import { matchesPattern } from '../../crm/match-pattern';
import { contentScriptMatches } from '../../crm/registry';

/** Where WXT builds the CRM content script; the background registers the manifest's file for the added hosts. */
export const CONTENT_SCRIPT = 'content-scripts/crm.js';

type Registered = Browser.scripting.RegisteredContentScript;

/** A call to the browser's process takes a task or more, as in Chrome, so that overlapping calls interleave. */
const ipc = () => new Promise((resolve) => setTimeout(resolve, 0));
type Permissions = Browser.permissions.Permissions;

/**
 * Host permissions and registered content scripts as Chrome keeps them, for WXT's fake browser (which leaves both
 * out): `required` are the manifest's host permissions (never removed), `granted` the optional ones given so far.
 * Registering an id twice fails as in Chrome, so overlapping registrations show up in the tests.
 */
export function fakeHostAccess(opts: { required?: string[]; granted?: string[] } = {}) {
  const required = new Set(opts.required ?? []);
  const granted = new Set(opts.granted ?? []);
  const scripts = new Map<string, Registered>();
  const calls = { register: 0, unregister: 0, remove: [] as string[][] };
  const onAdded = fakeEvent<[Permissions]>();
  const onRemoved = fakeEvent<[Permissions]>();
  const all = () => [...required, ...granted];
  // One host pattern is covered by a granted one when the granted one matches the host's root.
  const covers = (pattern: string) => all().some((g) => g === pattern || matchesPattern(g, pattern.replace(/\*$/, '')));

  const permissions = {
    contains: async ({ origins = [] }: Permissions) => origins.every(covers),
    getAll: async () => ({ origins: all(), permissions: ['scripting'] }),
    request: async ({ origins = [] }: Permissions) => {
      const added = origins.filter((o) => !covers(o));
      added.forEach((o) => granted.add(o));
      if (added.length) onAdded.trigger({ origins: added });
      return true;
    },
    remove: async ({ origins = [] }: Permissions) => {
      calls.remove.push(origins);
      if (origins.some((o) => required.has(o))) throw new Error('You cannot remove required permissions.');
      const gone = origins.filter((o) => granted.delete(o));
      if (gone.length) onRemoved.trigger({ origins: gone });
      return gone.length > 0;
    },
    onAdded,
    onRemoved,
  };
  const scripting = {
    getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      await ipc();
      return [...scripts.values()].filter((s) => !ids || ids.includes(s.id)).map((s) => structuredClone(s));
    },
    registerContentScripts: async (list: Registered[]) => {
      await ipc();
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      calls.register += 1;
      for (const s of list) scripts.set(s.id, structuredClone(s));
    },
    unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      await ipc();
      for (const id of ids ?? []) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      calls.unregister += 1;
      for (const id of ids ?? [...scripts.keys()]) scripts.delete(id);
    },
  };

  return {
    permissions,
    scripting,
    calls,
    /** The match patterns of every registered content script. */
    registeredMatches: () => [...scripts.values()].flatMap((s) => s.matches ?? []),
    scripts: () => [...scripts.values()],
    /** The user grants access elsewhere (the browser's own settings): the browser fires onAdded. */
    grant(pattern: string) {
      granted.add(pattern);
      onAdded.trigger({ origins: [pattern] });
    },
    /** The user takes access back elsewhere: the browser fires onRemoved. */
    revoke(pattern: string) {
      granted.delete(pattern);
      onRemoved.trigger({ origins: [pattern] });
    },
    /**
     * Puts these fakes on WXT's fake browser (after its reset, before the background starts), with a manifest that
     * declares the CRM content script and `required` as host permissions.
     */
    install() {
      Object.assign(fakeBrowser, { permissions, scripting });
      fakeBrowser.runtime.getManifest = () => ({
        manifest_version: 3,
        name: 'Countersign',
        version: '0.1.0',
        host_permissions: [...required],
        content_scripts: [{ matches: contentScriptMatches, js: [CONTENT_SCRIPT] }],
      });
    },
  };
}

export type FakeHostAccess = ReturnType<typeof fakeHostAccess>;
