import { useCallback } from 'react';
import { browser } from 'wxt/browser';
import { hostPatternOf } from '../crm/host-pattern';
import type { CrmHost } from '../messages';
import { askBackground } from './ask-background';
import { useBackgroundQuery } from './use-background-query';

/** Hosts Countersign reaches without asking: the demo and local servers. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The match pattern that grants the host of `url`: `https://crm.contoso.local/*`, for any port (Firefox refuses
 * patterns that name one).
 */
export const originPattern = (url: string): string => hostPatternOf(url) ?? `${new URL(url).origin}/*`;

export function needsHostPermission(url: string): boolean {
  return !LOCAL_HOSTS.has(new URL(url).hostname);
}

/**
 * Asks the user to grant access to these origins. The browser accepts this only during a user gesture: call it first
 * thing in a click handler, before any other await. Resolves false when refused or when the browser cannot ask.
 */
export async function requestOrigins(patterns: string[]): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: patterns });
  } catch {
    return false;
  }
}

/** What came of adding or removing a host: why not, in words for people, when it did not go through. */
export type HostChange = { ok: true } | { ok: false; error: string };

export interface CrmHostsView {
  /** The hosts the user added, each with whether access is granted; undefined until the background answers. */
  hosts: CrmHost[] | undefined;
  error: string | null;
  /**
   * Asks the browser for access to the host, then has the background run the panel there. Call it first thing in a
   * click handler: the browser asks the user only during the gesture.
   */
  add(pattern: string): Promise<HostChange>;
  remove(pattern: string): Promise<HostChange>;
}

/** The CRM hosts the user added on the options page (kept by the background), and how to add or remove one. */
export function useCrmHosts(): CrmHostsView {
  const { data, error, set } = useBackgroundQuery({ type: 'crmHosts.list' });
  const add = useCallback(
    async (pattern: string): Promise<HostChange> => {
      if (!(await requestOrigins([pattern]))) return { ok: false, error: 'Access was not granted.' };
      const reply = await askBackground({ type: 'crmHosts.add', pattern });
      if (!reply.ok) return { ok: false, error: reply.error };
      set(reply.data);
      return { ok: true };
    },
    [set],
  );
  const remove = useCallback(
    async (pattern: string): Promise<HostChange> => {
      const reply = await askBackground({ type: 'crmHosts.remove', pattern });
      if (!reply.ok) return { ok: false, error: reply.error };
      set(reply.data);
      return { ok: true };
    },
    [set],
  );
  return { hosts: data, error, add, remove };
}
