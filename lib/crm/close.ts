import type { CrmAdapter, CrmRecordRef } from './types';
import { trimBase } from './url-parts';

// Close shows contacts and opportunities inside their lead's page, so the lead is the record in view.
const LEAD = /^\/lead\/(lead_[A-Za-z0-9]+)(?:\/|$)/;

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'https:' || url.hostname !== 'app.close.com') return null;
  const match = LEAD.exec(url.pathname);
  return match?.[1] ? { crm: 'close', objectType: 'lead', id: match[1] } : null;
}

/** `base` defaults to `https://app.close.com`; only leads have pages of their own. */
function recordUrl(ref: CrmRecordRef, base = 'https://app.close.com'): string | null {
  if (ref.objectType !== 'lead' || !/^lead_[A-Za-z0-9]+$/.test(ref.id)) return null;
  return `${trimBase(base)}/lead/${ref.id}/`;
}

const lead = (id: string) => ({ crm: 'close', objectType: 'lead', id });
const ID = 'lead_HcmG4cyICfAIu1J0sRziNKe63cbNaifOxZZ0PppgksW';

export const close: CrmAdapter = {
  crm: 'close',
  label: 'Close',
  matches: ['https://app.close.com/*'],
  detect,
  recordUrl,
  samples: [
    { url: `https://app.close.com/lead/${ID}/`, expect: lead(ID) },
    { url: `https://app.close.com/lead/${ID}`, expect: lead(ID) },
    {
      url: 'https://app.close.com/lead/lead_abc123XYZ/?opportunity=oppo_8eB77gAdf8FMy6GsNHEy84f7uoeEWv55slvUjKQZpJR',
      expect: lead('lead_abc123XYZ'),
    },
    { url: `https://app.close.com/lead/${ID}/#activity`, expect: lead(ID) },
    { url: 'https://app.close.com/lead/lead_A/', expect: lead('lead_A') },
    { url: 'https://app.close.com/leads/', expect: null },
    { url: 'https://app.close.com/leads/save_9NOOd8EC1ljG0n6Pq1J1aryvsjYrGoFfSpu2mLBPvok/', expect: null },
    { url: 'https://app.close.com/lead/cont_abc123/', expect: null },
    { url: 'https://app.close.com/opportunities/', expect: null },
    { url: 'https://app.close.com/settings/profile/', expect: null },
    { url: `https://close.com/lead/${ID}/`, expect: null },
  ],
};
