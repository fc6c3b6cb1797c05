import type { CrmAdapter, CrmRecordRef } from './types';
import { isUuid, trimBase, UUID } from './url-parts';

// People and companies have short record URLs (`/{workspace}/person/{id}`); deals and custom objects
// use the object's plural slug (`/{workspace}/deals/record/{id}`). Both may be followed by a tab.
const SHORT = new RegExp(`^/[^/]+/(person|company)/(${UUID})(?:/|$)`);
const BY_SLUG = new RegExp(`^/[^/]+/([a-z][a-z0-9_-]*)/record/(${UUID})(?:/|$)`);

// Attio's standard objects, plural slug to singular; custom objects keep their slug.
const SINGULAR: Record<string, string> = {
  people: 'person',
  companies: 'company',
  deals: 'deal',
  users: 'user',
  workspaces: 'workspace',
};
const PLURAL = Object.fromEntries(Object.entries(SINGULAR).map(([plural, singular]) => [singular, plural]));

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'https:' || url.hostname !== 'app.attio.com') return null;
  const short = SHORT.exec(url.pathname);
  if (short?.[1] && short[2]) return { crm: 'attio', objectType: short[1], id: short[2].toLowerCase() };
  const bySlug = BY_SLUG.exec(url.pathname);
  if (!bySlug?.[1] || !bySlug[2]) return null;
  return { crm: 'attio', objectType: SINGULAR[bySlug[1]] ?? bySlug[1], id: bySlug[2].toLowerCase() };
}

/** `base` is the workspace root, e.g. `https://app.attio.com/acme`; record URLs name the workspace, so without it, null. */
function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  if (!base || !isUuid(ref.id) || !/^[a-z][a-z0-9_-]*$/.test(ref.objectType)) return null;
  const root = trimBase(base);
  const short = ref.objectType === 'person' || ref.objectType === 'company';
  return short
    ? `${root}/${ref.objectType}/${ref.id}`
    : `${root}/${PLURAL[ref.objectType] ?? ref.objectType}/record/${ref.id}`;
}

const ref = (objectType: string, id: string) => ({ crm: 'attio', objectType, id });
const ID = 'bf071e1f-6035-429d-b874-d83ea64ea13b';

export const attio: CrmAdapter = {
  crm: 'attio',
  label: 'Attio',
  matches: ['https://app.attio.com/*'],
  detect,
  recordUrl,
  samples: [
    { url: `https://app.attio.com/acme/person/${ID}`, expect: ref('person', ID) },
    { url: `https://app.attio.com/acme/person/${ID}/overview`, expect: ref('person', ID) },
    { url: `https://app.attio.com/acme/company/${ID.toUpperCase()}/activity`, expect: ref('company', ID) },
    { url: `https://app.attio.com/acme/deals/record/${ID}`, expect: ref('deal', ID) },
    {
      url: `https://app.attio.com/acme/deals/record/${ID}/notes?modal=note&id=05649629-8d0c-4b6a-a2b6-a0f9d95effa6`,
      expect: ref('deal', ID),
    },
    { url: `https://app.attio.com/acme/workspaces/record/${ID}/overview`, expect: ref('workspace', ID) },
    { url: `https://app.attio.com/acme/projects/record/${ID}`, expect: ref('projects', ID) },
    { url: `https://app.attio.com/acme/companies/view/${ID}`, expect: null },
    { url: 'https://app.attio.com/acme/collection/lst_abc123', expect: null },
    { url: 'https://app.attio.com/acme/settings/members', expect: null },
    { url: 'https://app.attio.com/acme/person/rec_123', expect: null },
    {
      url: 'https://app.attio.com/acme/notes/notes?modal=note&id=05649629-8d0c-4b6a-a2b6-a0f9d95effa6',
      expect: null,
    },
    { url: `https://attio.com/acme/person/${ID}`, expect: null },
  ],
};
