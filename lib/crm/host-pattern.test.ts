import { describe, expect, it } from 'vitest';
import { hostPatternOf, isHostPattern } from './host-pattern';
import { isNamedCrmHost } from './registry';

describe('hostPatternOf', () => {
  it.each([
    ['https://crm.contoso.local', 'https://crm.contoso.local/*'],
    ['  https://crm.contoso.local/Contoso/main.aspx?etn=account#x ', 'https://crm.contoso.local/*'],
    ['http://crm.contoso.local:5555/Contoso', 'http://crm.contoso.local/*'],
    ['https://CRM.Contoso.Local/', 'https://crm.contoso.local/*'],
    ['https://user:pw@crm.contoso.local/', 'https://crm.contoso.local/*'],
    ['https://10.0.0.12/', 'https://10.0.0.12/*'],
    ['crm.contoso.local', null],
    ['ftp://crm.contoso.local/', null],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['https://*.contoso.local/', null],
    ['https://*/', null],
    ['', null],
  ])('%s → %s', (address, pattern) => {
    expect(hostPatternOf(address)).toBe(pattern);
    if (pattern) expect(isHostPattern(pattern)).toBe(true);
  });

  it('accepts as a pattern only what it would give for one host', () => {
    for (const pattern of [
      'https://*/*',
      '<all_urls>',
      'https://crm.contoso.local:5555/*',
      'https://crm.contoso.local/Contoso/*',
      'https://crm.contoso.local/',
      'https://CRM.contoso.local/*',
      '*://crm.contoso.local/*',
    ]) {
      expect(isHostPattern(pattern), pattern).toBe(false);
    }
  });
});

describe('isNamedCrmHost', () => {
  it.each([
    ['https://app.hubspot.com/*', true],
    ['https://contoso.crm4.dynamics.com/*', true],
    ['https://acme.pipedrive.com/*', true],
    ['http://localhost/*', true],
    ['https://crm.contoso.local/*', false],
    ['https://dynamics.com.contoso.local/*', false],
    ['http://app.hubspot.com/*', false],
  ])('%s: %s', (pattern, named) => {
    expect(isNamedCrmHost(pattern)).toBe(named);
  });
});
