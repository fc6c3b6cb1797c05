import type { CrmAdapter, CrmRecordRef } from './types';
import { trimBase } from './url-parts';

// Zoho's own module names differ from what users call them: a deal is a 'Potential'.
const OBJECT_TYPES: Record<string, string> = {
  Potentials: 'deal',
  Leads: 'lead',
  Contacts: 'contact',
  Accounts: 'account',
  Tasks: 'task',
  Events: 'event',
  Calls: 'call',
  Cases: 'case',
  Campaigns: 'campaign',
  Products: 'product',
  Quotes: 'quote',
  Invoices: 'invoice',
  SalesOrders: 'salesorder',
  PurchaseOrders: 'purchaseorder',
  Vendors: 'vendor',
  Solutions: 'solution',
};
const MODULES = Object.fromEntries(Object.entries(OBJECT_TYPES).map(([module, name]) => [name, module]));

// One host per data centre: US, EU, India, Australia, Japan, China, Saudi Arabia, and Canada's own domain.
const HOST = /^crm\.(?:zoho\.(?:com|eu|in|com\.au|jp|com\.cn|sa)|zohocloud\.ca)$/;
// The org segment (`org12345678`) is missing from some older links. The edit form is the same record;
// anything else after the id (a clone form, for one) is not.
const RECORD = /^\/crm\/(?:[^/]+\/)?tab\/([A-Za-z][A-Za-z0-9_]*)\/(\d+)(?:\/edit)?\/?$/;

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const match = RECORD.exec(url.pathname);
  if (!match?.[1] || !match[2]) return null;
  return { crm: 'zoho', objectType: OBJECT_TYPES[match[1]] ?? match[1].toLowerCase(), id: match[2] };
}

/**
 * `base` is the org's CRM root, data centre included, e.g. `https://crm.zoho.eu/crm/org20061234`;
 * without it, null.
 */
function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  if (!base || !/^\d+$/.test(ref.id) || !/^[a-z][a-z0-9_]*$/.test(ref.objectType)) return null;
  const module = MODULES[ref.objectType] ?? ref.objectType.replace(/^custommodule(\d+)$/, 'CustomModule$1');
  return `${trimBase(base)}/tab/${module}/${ref.id}`;
}

const ref = (objectType: string, id: string) => ({ crm: 'zoho', objectType, id });

export const zoho: CrmAdapter = {
  crm: 'zoho',
  label: 'Zoho CRM',
  matches: [
    'https://crm.zoho.com/*',
    'https://crm.zoho.eu/*',
    'https://crm.zoho.in/*',
    'https://crm.zoho.com.au/*',
    'https://crm.zoho.jp/*',
    'https://crm.zoho.com.cn/*',
    'https://crm.zoho.sa/*',
    'https://crm.zohocloud.ca/*',
  ],
  detect,
  recordUrl,
  samples: [
    {
      url: 'https://crm.zoho.com/crm/org699416994/tab/Potentials/5293322000003516055',
      expect: ref('deal', '5293322000003516055'),
    },
    {
      url: 'https://crm.zoho.eu/crm/org20061234/tab/Leads/5293322000003516055?sub_module=',
      expect: ref('lead', '5293322000003516055'),
    },
    {
      url: 'https://crm.zoho.in/crm/org60012345/tab/Contacts/1418411000000553001',
      expect: ref('contact', '1418411000000553001'),
    },
    {
      url: 'https://crm.zoho.com.au/crm/org7004062519/tab/Accounts/7004062519000001',
      expect: ref('account', '7004062519000001'),
    },
    {
      url: 'https://crm.zoho.com.cn/crm/org41234567/tab/Potentials/4123456000000312001',
      expect: ref('deal', '4123456000000312001'),
    },
    {
      url: 'https://crm.zoho.sa/crm/org90012345/tab/Leads/9001234000000210017',
      expect: ref('lead', '9001234000000210017'),
    },
    {
      url: 'https://crm.zohocloud.ca/crm/org110012345/tab/Accounts/1100123000000045003',
      expect: ref('account', '1100123000000045003'),
    },
    { url: 'https://crm.zoho.ca/crm/org110012345/tab/Accounts/1100123000000045003', expect: null },
    {
      url: 'https://crm.zoho.com/crm/tab/Potentials/5293322000003516055',
      expect: ref('deal', '5293322000003516055'),
    },
    {
      url: 'https://crm.zoho.com/crm/org699416994/tab/Potentials/5293322000003516055/edit',
      expect: ref('deal', '5293322000003516055'),
    },
    {
      url: 'https://crm.zoho.com/crm/org746753262/tab/CustomModule4/46000000123',
      expect: ref('custommodule4', '46000000123'),
    },
    { url: 'https://crm.zoho.com/crm/org699416994/tab/Potentials/5293322000003516055/clone', expect: null },
    {
      url: 'https://crm.zoho.com/crm/org699416994/tab/Potentials/custom-view/5293322000000087501/list',
      expect: null,
    },
    { url: 'https://crm.zoho.com/crm/org699416994/tab/Leads/create', expect: null },
    {
      url: 'https://crm.zoho.com/crm/org886289358/settings/modules/Leads/layouts/6689918000000091055',
      expect: null,
    },
    { url: 'https://www.zoho.com/crm/org699416994/tab/Potentials/5293322000003516055', expect: null },
  ],
};
