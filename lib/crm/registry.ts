import { attio } from './attio';
import { close } from './close';
import { demo } from './demo';
import { dynamics } from './dynamics';
import { hubspot } from './hubspot';
import { matchesPattern } from './match-pattern';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import type { CrmAdapter, CrmRecordRef } from './types';
import { zoho } from './zoho';

export { matchesPattern } from './match-pattern';
export type { CrmAdapter, CrmRecordRef } from './types';

/** Every CRM Countersign recognises. Dynamics comes last: it alone accepts any host (on-premise servers). */
export const adapters: readonly CrmAdapter[] = [hubspot, salesforce, pipedrive, zoho, attio, close, demo, dynamics];

/** Where the content script runs: every adapter's match patterns, each once. */
export const contentScriptMatches: string[] = [...new Set(adapters.flatMap((adapter) => adapter.matches))];

/** Whether the manifest's content script already runs on the host of a one-host pattern (a named CRM's). */
export function isNamedCrmHost(pattern: string): boolean {
  const root = pattern.replace(/\*$/, '');
  return contentScriptMatches.some((match) => matchesPattern(match, root));
}

export function adapterFor(crm: string): CrmAdapter | undefined {
  return adapters.find((adapter) => adapter.crm === crm);
}

/** The CRM record shown at `url`, or null when the page is not a record of a known CRM. */
export function detectRecord(url: string | URL): CrmRecordRef | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  for (const adapter of adapters) {
    const ref = adapter.detect(parsed);
    if (ref) return ref;
  }
  return null;
}

/** The record's page, or null for an unknown CRM or when its adapter needs a `base` that was not given. */
export function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  return adapterFor(ref.crm)?.recordUrl(ref, base) ?? null;
}
