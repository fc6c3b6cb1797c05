import type { CrmAdapter, CrmRecordRef } from './types';
import { trimBase } from './url-parts';

const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.lightning\.force\.com$/;
// A ref needs the object, so `/lightning/r/{id}/view`, which does not name it, is not taken as a record.
const RECORD = /^\/lightning\/r\/([A-Za-z][A-Za-z0-9_]*)\/([A-Za-z0-9]{18}|[A-Za-z0-9]{15})\/(?:view|edit)\/?$/;
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a record id: the API always returns it, older links may carry the 15-character one. */
export function toId18(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS.charAt(bits);
  }
  return id + suffix;
}

// Refs hold the API name lowercased; Lightning is given it back capitalised word by word
// ('invoice__c' -> 'Invoice__c'), with the custom suffix (__c, __mdt, ...) left as is.
function apiName(objectType: string): string {
  const parts = objectType.split('__');
  const suffix = parts.length > 1 ? parts.pop() : undefined;
  const name = parts.map((part) => part.replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase()));
  return [...name, ...(suffix === undefined ? [] : [suffix])].join('__');
}

function detect(url: URL): CrmRecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const match = RECORD.exec(url.pathname);
  if (!match?.[1] || !match[2]) return null;
  return { crm: 'salesforce', objectType: match[1].toLowerCase(), id: toId18(match[2]) };
}

/** `base` is the org's Lightning origin, e.g. `https://acme.lightning.force.com`; without it, null. */
function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  if (!base || !/^[a-z][a-z0-9_]*$/.test(ref.objectType) || !/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(ref.id)) {
    return null;
  }
  return `${trimBase(base)}/lightning/r/${apiName(ref.objectType)}/${ref.id}/view`;
}

const ref = (objectType: string, id: string) => ({ crm: 'salesforce', objectType, id });

export const salesforce: CrmAdapter = {
  crm: 'salesforce',
  label: 'Salesforce',
  matches: ['https://*.lightning.force.com/*'],
  detect,
  recordUrl,
  samples: [
    {
      url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
      expect: ref('opportunity', '0065g00000AbCdEAAV'),
    },
    {
      url: 'https://acme.lightning.force.com/lightning/r/Account/001A0000006Vm9rIAC/view?ws=%2Flightning%2Fr',
      expect: ref('account', '001A0000006Vm9rIAC'),
    },
    // A 15-character id names the same record as its 18-character form.
    {
      url: 'https://acme.lightning.force.com/lightning/r/Account/001A0000006Vm9r/view',
      expect: ref('account', '001A0000006Vm9rIAC'),
    },
    {
      url: 'https://acme--dev.sandbox.lightning.force.com/lightning/r/Lead/00Q5g00000XyZaBEAV/view',
      expect: ref('lead', '00Q5g00000XyZaBEAV'),
    },
    {
      url: 'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Contact/0035g00000QwErTAAZ/edit',
      expect: ref('contact', '0035g00000QwErTAAZ'),
    },
    {
      url: 'https://acme.lightning.force.com/lightning/r/Invoice__c/a015g00000HjKlMAAV/view',
      expect: ref('invoice__c', 'a015g00000HjKlMAAV'),
    },
    {
      url: 'https://acme.lightning.force.com/lightning/r/Case/5005g00000PqRsTAAV/view/',
      expect: ref('case', '5005g00000PqRsTAAV'),
    },
    { url: 'https://acme.lightning.force.com/lightning/r/0065g00000AbCdEAAV/view', expect: null },
    { url: 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent', expect: null },
    {
      url: 'https://acme.lightning.force.com/lightning/r/Account/001A0000006Vm9rIAC/related/Contacts/view',
      expect: null,
    },
    { url: 'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home', expect: null },
    { url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCd/view', expect: null },
    { url: 'https://acme.my.salesforce.com/0065g00000AbCdEAAV', expect: null },
    {
      url: 'https://lightning.force.com.evil.example/lightning/r/Account/001A0000006Vm9rIAC/view',
      expect: null,
    },
  ],
};
