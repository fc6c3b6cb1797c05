import type { CrmAdapter, CrmRecordRef } from './types';
import { trimBase } from './url-parts';

// The demo CRM is served by our own server, on whatever port it was started with.
const HOSTS = new Set(['localhost', '127.0.0.1']);
const DEAL = /^\/demo\/deals\/([A-Za-z0-9_-]+)\/?$/;

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'http:' || !HOSTS.has(url.hostname)) return null;
  const match = DEAL.exec(url.pathname);
  return match?.[1] ? { crm: 'demo', objectType: 'deal', id: match[1] } : null;
}

/** `base` is the demo server's origin, `http://localhost:8787` unless given. */
function recordUrl(ref: CrmRecordRef, base = 'http://localhost:8787'): string | null {
  if (ref.objectType !== 'deal' || !/^[A-Za-z0-9_-]+$/.test(ref.id)) return null;
  return `${trimBase(base)}/demo/deals/${ref.id}`;
}

const deal = (id: string) => ({ crm: 'demo', objectType: 'deal', id });

export const demo: CrmAdapter = {
  crm: 'demo',
  label: 'Demo CRM',
  // Match patterns ignore ports, so these cover every port the server may use.
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  detect,
  recordUrl,
  samples: [
    { url: 'http://localhost:8787/demo/deals/42', expect: deal('42') },
    { url: 'http://127.0.0.1:3000/demo/deals/deal_7/?tab=history', expect: deal('deal_7') },
    { url: 'http://localhost/demo/deals/acme-renewal/', expect: deal('acme-renewal') },
    { url: 'http://localhost:8787/demo/deals', expect: null },
    { url: 'http://localhost:8787/api/v1/suggestions/42', expect: null },
    { url: 'http://example.com/demo/deals/42', expect: null },
  ],
};
