import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './auth';

describe('the server address a user signs in to', () => {
  it('keeps https anywhere and plain http on this computer, as an origin and a path without trailing slash', () => {
    expect(normalizeServerUrl('https://countersign.acme.example/base/?x=1#y')).toBe(
      'https://countersign.acme.example/base',
    );
    for (const local of [
      'http://localhost:8787/',
      'http://127.0.0.1:40123',
      'http://[::1]:8787',
      'http://cs.localhost',
    ]) {
      expect(normalizeServerUrl(local)).toBe(local.replace(/\/$/, ''));
    }
  });

  it('refuses plain http to another machine, where the token would cross the network in clear', () => {
    for (const remote of ['http://countersign.corp:8787', 'http://10.0.0.5', 'http://localhost.evil.example']) {
      expect(() => normalizeServerUrl(remote)).toThrow(/must be reached over https/);
    }
    expect(() => normalizeServerUrl('ftp://countersign.acme.example')).toThrow(/must start with https/);
  });
});
