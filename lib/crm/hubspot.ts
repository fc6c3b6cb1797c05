import type { CrmAdapter, CrmRecordRef } from './types';
import { trimBase } from './url-parts';

const OBJECT_TYPES: Record<string, string> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
};
const TYPE_IDS = Object.fromEntries(Object.entries(OBJECT_TYPES).map(([typeId, name]) => [name, typeId]));

// app.hubspot.com is NA1; the others are HubSpot's regional data centres.
const HOST = /^app(?:-[a-z]+\d+)?\.hubspot\.com$/;
const RECORD = /^\/contacts\/\d+\/record\/(\d+-\d+)\/(\d+)(?:\/|$)/;
const LEGACY = /^\/contacts\/\d+\/(contact|company|deal)\/(\d+)(?:\/|$)/;

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const record = RECORD.exec(url.pathname);
  if (record?.[1] && record[2]) {
    // Custom objects (2-…) and the less common built-ins keep their objectTypeId as their name.
    return { crm: 'hubspot', objectType: OBJECT_TYPES[record[1]] ?? record[1], id: record[2] };
  }
  const legacy = LEGACY.exec(url.pathname);
  if (legacy?.[1] && legacy[2]) return { crm: 'hubspot', objectType: legacy[1], id: legacy[2] };
  return null;
}

/**
 * HubSpot record URLs carry the portal id, which a ref does not, so `base` is required:
 * the account's contacts root, e.g. `https://app.hubspot.com/contacts/1234567` (or a regional host).
 */
function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  if (!base) return null;
  const typeId = TYPE_IDS[ref.objectType] ?? ref.objectType;
  if (!/^\d+-\d+$/.test(typeId) || !/^\d+$/.test(ref.id)) return null;
  return `${trimBase(base)}/record/${typeId}/${ref.id}`;
}

const deal = (id: string) => ({ crm: 'hubspot', objectType: 'deal', id });

export const hubspot: CrmAdapter = {
  crm: 'hubspot',
  label: 'HubSpot',
  // Listed host by host: *.hubspot.com would also inject into the marketing site, the blog and the academy.
  matches: [
    'https://app.hubspot.com/*',
    'https://app-eu1.hubspot.com/*',
    'https://app-na2.hubspot.com/*',
    'https://app-na3.hubspot.com/*',
    'https://app-ap1.hubspot.com/*',
  ],
  detect,
  recordUrl,
  samples: [
    { url: 'https://app.hubspot.com/contacts/2405741/record/0-3/18362541105', expect: deal('18362541105') },
    {
      url: 'https://app.hubspot.com/contacts/2405741/record/0-3/456/view/1?interaction=note',
      expect: deal('456'),
    },
    {
      url: 'https://app-eu1.hubspot.com/contacts/25111840/record/0-1/51/',
      expect: { crm: 'hubspot', objectType: 'contact', id: '51' },
    },
    {
      url: 'https://app-na2.hubspot.com/contacts/9001/record/0-2/8123#activity',
      expect: { crm: 'hubspot', objectType: 'company', id: '8123' },
    },
    {
      url: 'https://app-na3.hubspot.com/contacts/343328749/record/0-5/7733',
      expect: { crm: 'hubspot', objectType: 'ticket', id: '7733' },
    },
    {
      url: 'https://app-ap1.hubspot.com/contacts/442914926/record/2-12345/99',
      expect: { crm: 'hubspot', objectType: '2-12345', id: '99' },
    },
    { url: 'https://app.hubspot.com/contacts/2405741/deal/456/', expect: deal('456') },
    {
      url: 'https://app.hubspot.com/contacts/2405741/contact/51',
      expect: { crm: 'hubspot', objectType: 'contact', id: '51' },
    },
    {
      url: 'https://app.hubspot.com/contacts/2405741/company/8123/',
      expect: { crm: 'hubspot', objectType: 'company', id: '8123' },
    },
    { url: 'https://app.hubspot.com/contacts/2405741/objects/0-3/views/all/list', expect: null },
    { url: 'https://app.hubspot.com/contacts/2405741/deals/board/view/all/', expect: null },
    { url: 'https://app.hubspot.com/settings/2405741/users', expect: null },
    { url: 'https://app.hubspot.com/contacts/2405741/record/0-3/abc', expect: null },
    { url: 'https://app.hubspot.com/contacts/2405741/record/deal/456', expect: null },
    { url: 'https://www.hubspot.com/contacts/2405741/record/0-3/456', expect: null },
    { url: 'https://app.hubspot.com.evil.example/contacts/1/record/0-3/456', expect: null },
  ],
};
