import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMatchPattern } from './match-pattern';
import { adapterFor, adapters, contentScriptMatches, detectRecord, matchesPattern, recordUrl } from './registry';
import { toId18 } from './salesforce';

// One tenant root per CRM, in the form each adapter's recordUrl documents.
const BASES: Record<string, string> = {
  hubspot: 'https://app-eu1.hubspot.com/contacts/25111840',
  salesforce: 'https://acme--dev.sandbox.lightning.force.com',
  pipedrive: 'https://acme.pipedrive.com/',
  dynamics: 'https://contoso.crm4.dynamics.com',
  zoho: 'https://crm.zoho.eu/crm/org20061234',
  attio: 'https://app.attio.com/acme',
  close: 'https://app.close.com',
  demo: 'http://127.0.0.1:4000',
};
const NEEDS_BASE = ['hubspot', 'salesforce', 'dynamics', 'zoho', 'attio'];
const REAL_CRMS = adapters.filter((adapter) => adapter.crm !== 'demo');

describe.each(adapters.map((adapter) => [adapter.crm, adapter] as const))('%s adapter', (crm, adapter) => {
  const positives = adapter.samples.filter((sample) => sample.expect !== null);
  const negatives = adapter.samples.filter((sample) => sample.expect === null);

  it.each(positives.map((sample) => [sample.url, sample.expect] as const))('finds the record in %s', (url, ref) => {
    expect(ref?.crm).toBe(crm);
    expect(detectRecord(url)).toEqual(ref);
    const claimants = adapters.filter((other) => other.detect(new URL(url)) !== null).map((other) => other.crm);
    expect(claimants).toEqual([crm]);
  });

  it.each(negatives.map((sample) => [sample.url] as const))('finds no record in %s', (url) => {
    expect(detectRecord(url)).toBeNull();
  });

  it('runs its content script on every host where it finds records', () => {
    for (const { url } of positives) {
      expect(
        adapter.matches.some((pattern) => matchesPattern(pattern, url)),
        url,
      ).toBe(true);
    }
  });

  it('builds record URLs that lead back to the same record', () => {
    for (const { expect: ref } of positives) {
      if (!ref) continue;
      const built = recordUrl(ref, BASES[crm]);
      expect(built, JSON.stringify(ref)).not.toBeNull();
      expect(detectRecord(built ?? '')).toEqual(ref);
      expect(adapter.matches.some((pattern) => matchesPattern(pattern, built ?? ''))).toBe(true);
    }
  });

  it(NEEDS_BASE.includes(crm) ? 'builds no URL without a base' : 'builds URLs on its default host', () => {
    for (const { expect: ref } of positives) {
      if (!ref) continue;
      const built = recordUrl(ref);
      if (NEEDS_BASE.includes(crm)) expect(built).toBeNull();
      else expect(detectRecord(built ?? '')).toEqual(ref);
    }
  });

  it('declares well-formed, named-host match patterns', () => {
    for (const pattern of adapter.matches) {
      const parts = parseMatchPattern(pattern);
      expect(parts, pattern).not.toBeNull();
      expect(parts?.host).not.toBe('*');
    }
  });
});

describe('registry', () => {
  it('has one adapter per CRM, each found by name', () => {
    const names = adapters.map((adapter) => adapter.crm);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(adapterFor(name)?.crm).toBe(name);
    expect(adapterFor('sugarcrm')).toBeUndefined();
  });

  it('carries at least 5 records and 3 non-records for every real CRM', () => {
    for (const adapter of REAL_CRMS) {
      expect(adapter.samples.filter((s) => s.expect).length, adapter.crm).toBeGreaterThanOrEqual(5);
      expect(adapter.samples.filter((s) => !s.expect).length, adapter.crm).toBeGreaterThanOrEqual(3);
    }
  });

  it('lists every match pattern once', () => {
    expect(new Set(contentScriptMatches).size).toBe(contentScriptMatches.length);
    expect(contentScriptMatches).toEqual(expect.arrayContaining(adapters.flatMap((adapter) => adapter.matches)));
    expect(contentScriptMatches).not.toContain('<all_urls>');
  });

  it('returns null for unparseable URLs, unknown CRMs and refs an adapter cannot link to', () => {
    expect(detectRecord('not a url')).toBeNull();
    expect(detectRecord('')).toBeNull();
    expect(recordUrl({ crm: 'sugarcrm', objectType: 'deal', id: '1' }, 'https://example.com')).toBeNull();
    expect(recordUrl({ crm: 'close', objectType: 'opportunity', id: 'oppo_1' })).toBeNull();
    expect(recordUrl({ crm: 'demo', objectType: 'deal', id: '../admin' })).toBeNull();
    expect(recordUrl({ crm: 'pipedrive', objectType: 'deal', id: '42/../../x' })).toBeNull();
  });

  it('never throws, whatever the URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (url) => {
        detectRecord(url);
      }),
    );
  });
});

describe('dynamics on premise', () => {
  const id = '8a3c1f2e-5b7d-4e9a-b0c1-d2e3f4a5b6c7';
  const url = `http://crm.contoso.local/Contoso/main.aspx?pagetype=entityrecord&etn=account&id=%7B${id}%7D`;

  it('finds the record on any host, though the content script only reaches it once the host is granted', () => {
    const ref = { crm: 'dynamics', objectType: 'account', id };
    expect(detectRecord(url)).toEqual(ref);
    expect(contentScriptMatches.some((pattern) => matchesPattern(pattern, url))).toBe(false);
    expect(detectRecord(recordUrl(ref, 'http://crm.contoso.local/Contoso') ?? '')).toEqual(ref);
  });

  it.each([
    `https://crm.contoso.test/Contoso/main.aspx?pagetype=entityrecord&etn=opportunity&id=${id}`,
    `https://crm.contoso.local:5555/Contoso/main.aspx?etn=opportunity&pagetype=entityrecord&id={${id.toUpperCase()}}`,
    `https://10.0.0.12/main.aspx?pagetype=entityrecord&etn=opportunity&id=${id}`,
  ])('finds an opportunity at %s, an address no manifest pattern names', (onPremise) => {
    expect(detectRecord(onPremise)).toEqual({ crm: 'dynamics', objectType: 'opportunity', id });
    expect(contentScriptMatches.some((pattern) => matchesPattern(pattern, onPremise))).toBe(false);
  });

  // The content script runs on any host a user adds: there, only Dynamics may find a record, never a CRM whose
  // pages live on hosts of its own, whatever the path looks like.
  it.each(adapters.filter((a) => a.crm !== 'dynamics').map((a) => [a.crm, a] as const))(
    'finds no %s record on an added host',
    (_crm, adapter) => {
      for (const { url: sample, expect: ref } of adapter.samples) {
        if (!ref) continue;
        for (const host of ['crm.contoso.local', 'crm.contoso.local:5555']) {
          const moved = new URL(sample);
          moved.host = host;
          expect(detectRecord(moved), moved.href).toBeNull();
          moved.protocol = moved.protocol === 'https:' ? 'http:' : 'https:';
          expect(detectRecord(moved), moved.href).toBeNull();
        }
      }
    },
  );
});

describe('salesforce ids', () => {
  it('extends a 15-character id with its case checksum', () => {
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toId18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('keeps the 15 characters and is stable', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{15}$/), (id) => {
        const long = toId18(id);
        expect(long).toHaveLength(18);
        expect(long.startsWith(id)).toBe(true);
        expect(toId18(long)).toBe(long);
      }),
    );
  });
});

describe('matchesPattern', () => {
  it.each([
    ['http://localhost/*', 'http://localhost:8787/demo/deals/1', true],
    ['http://localhost/*', 'https://localhost/demo/deals/1', false],
    ['https://*.pipedrive.com/*', 'https://pipedrive.com/', true],
    ['https://*.pipedrive.com/*', 'https://acme.eu.pipedrive.com/deal/1', true],
    ['https://*.pipedrive.com/*', 'https://evilpipedrive.com/deal/1', false],
    ['https://app.close.com/lead/*', 'https://app.close.com/leads/', false],
    ['*://app.attio.com/*', 'https://app.attio.com/acme', true],
    ['*://app.attio.com/*', 'ftp://app.attio.com/acme', false],
    ['<all_urls>', 'https://example.com/', true],
    ['https://app.close.com', 'https://app.close.com/', false],
    ['https://app-*.hubspot.com/*', 'https://app-eu1.hubspot.com/', false],
  ])('%s on %s: %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });
});
