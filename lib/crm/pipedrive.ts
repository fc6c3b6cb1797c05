import type { CrmAdapter, CrmRecordRef } from './types';
import { isUuid, trimBase, UUID } from './url-parts';

// Each company gets a subdomain; these few belong to Pipedrive itself.
const HOST = /^([a-z0-9-]+)\.pipedrive\.com$/;
const NOT_A_COMPANY = new Set(['www', 'api', 'developers', 'support', 'status']);
const RECORD = /^\/(deal|person|organization)\/(\d+)(?:\/|$)/;
const LEAD = new RegExp(`^/leads/inbox/(${UUID})(?:/|$)`);

function detect(url: URL): CrmRecordRef | null {
  const host = HOST.exec(url.hostname);
  if (url.protocol !== 'https:' || !host?.[1] || NOT_A_COMPANY.has(host[1])) return null;
  const record = RECORD.exec(url.pathname);
  if (record?.[1] && record[2]) return { crm: 'pipedrive', objectType: record[1], id: record[2] };
  const lead = LEAD.exec(url.pathname);
  if (lead?.[1]) return { crm: 'pipedrive', objectType: 'lead', id: lead[1].toLowerCase() };
  return null;
}

/**
 * `base` is the company's origin, e.g. `https://acme.pipedrive.com`; without it the link goes through
 * `https://app.pipedrive.com`, which sends a signed-in user on to their own company.
 */
function recordUrl(ref: CrmRecordRef, base = 'https://app.pipedrive.com'): string | null {
  const origin = trimBase(base);
  if (ref.objectType === 'lead') return isUuid(ref.id) ? `${origin}/leads/inbox/${ref.id}` : null;
  if (!['deal', 'person', 'organization'].includes(ref.objectType) || !/^\d+$/.test(ref.id)) return null;
  return `${origin}/${ref.objectType}/${ref.id}`;
}

const ref = (objectType: string, id: string) => ({ crm: 'pipedrive', objectType, id });

export const pipedrive: CrmAdapter = {
  crm: 'pipedrive',
  label: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  detect,
  recordUrl,
  samples: [
    { url: 'https://acme.pipedrive.com/deal/42', expect: ref('deal', '42') },
    { url: 'https://acme.pipedrive.com/deal/42/?tab=notes', expect: ref('deal', '42') },
    { url: 'https://acme-sales.pipedrive.com/person/1337', expect: ref('person', '1337') },
    { url: 'https://acme.pipedrive.com/organization/3#activity', expect: ref('organization', '3') },
    { url: 'https://app.pipedrive.com/organization/2045', expect: ref('organization', '2045') },
    {
      url: 'https://acme.pipedrive.com/leads/inbox/5F0C3B0E-2A1D-11EF-9A3B-0242AC120002',
      expect: ref('lead', '5f0c3b0e-2a1d-11ef-9a3b-0242ac120002'),
    },
    { url: 'https://acme.pipedrive.com/pipeline/1/user/everyone', expect: null },
    { url: 'https://acme.pipedrive.com/leads/inbox', expect: null },
    { url: 'https://acme.pipedrive.com/persons/list', expect: null },
    { url: 'https://acme.pipedrive.com/deal/abc', expect: null },
    { url: 'https://acme.pipedrive.com/settings/personal', expect: null },
    { url: 'https://www.pipedrive.com/deal/42', expect: null },
    { url: 'https://acme.pipedrive.com.evil.example/deal/42', expect: null },
  ],
};
