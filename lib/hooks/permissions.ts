import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/** Hosts Countersign reaches without asking: the demo and local servers. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The match pattern that grants one origin: `https://crm.contoso.local/*`. */
export const originPattern = (url: string): string => `${new URL(url).origin}/*`;

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

export async function removeOrigins(patterns: string[]): Promise<boolean> {
  try {
    return await browser.permissions.remove({ origins: patterns });
  } catch {
    return false;
  }
}

/** Whether the extension may register its content script on extra hosts (the `scripting` permission). */
export const canRunOnExtraHosts = (): boolean => typeof browser.scripting?.registerContentScripts === 'function';

/** The granted origins that are not the manifest's own (its host permissions and CRM hosts). */
async function addedOrigins(): Promise<string[]> {
  try {
    const manifest = browser.runtime.getManifest();
    const fixed = new Set([
      ...(manifest.host_permissions ?? []),
      ...(manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []),
    ]);
    const granted = (await browser.permissions.getAll()).origins ?? [];
    return granted.filter((o) => !fixed.has(o));
  } catch {
    return [];
  }
}

/** Origins the user added here (other CRM hosts, the server's if it is not local); undefined until read. */
export function useGrantedOrigins(): { origins: string[] | undefined; reload(): Promise<void> } {
  const [origins, setOrigins] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void addedOrigins().then((o) => {
      if (current) setOrigins(o);
    });
    return () => {
      current = false;
    };
  }, []);
  const reload = useCallback(async () => setOrigins(await addedOrigins()), []);
  return { origins, reload };
}
