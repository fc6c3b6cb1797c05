// Types for what the suites reach inside the browser that the DOM library does not describe. Import them as types
// only: an `evaluate` callback is sent to the browser as source text and cannot use anything imported at runtime.

/** What test/fixtures/crm/hubspot-hostile.html keeps on `window.__hostile`. */
export interface HostileLog {
  attempts: { what: string; outcome: string }[];
  received: { origin: string; data: string }[];
  rounds: number;
  attack(): boolean;
  craftedNavigation(): boolean;
}

/** Globals the fixtures and the suites add to a CRM page. */
export interface PageGlobals {
  __hostile?: HostileLog;
  __hostileTargets?: { suggestionIds: string[] };
  __pwned?: number;
}

/** What the suites use of `chrome.*` in the extension's own contexts (service worker, extension pages). */
export interface ExtensionScope {
  chrome: {
    runtime: {
      /** The per-session host of resources declared with `use_dynamic_url` (Chrome 130 and later). */
      dynamicId?: string;
      sendMessage(message: unknown): Promise<unknown>;
      onMessage: {
        addListener(listener: (message: unknown, sender: { tab?: { id?: number }; url?: string }) => void): void;
      };
    };
    tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
    storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  };
  __e2eSeen?: unknown[];
}
