import { describe, expect, it } from 'vitest';
import { formatCountdown, formatMoney, formatRelative, formatValue, objectNoun, recordLabel } from './format';

describe('format', () => {
  it('formats money with its currency', () => {
    expect(formatMoney(48000)).toBe('$48,000.00');
    expect(formatMoney(35, 'EUR')).toBe('€35.00');
  });

  it('names empty and boolean values', () => {
    expect(formatValue(null)).toBe('(empty)');
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue(1234.5)).toBe('1,234.5');
    expect(formatValue('Closed Lost')).toBe('Closed Lost');
  });

  it('says how long ago', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 2 * 60_000, now)).toBe('2 min ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 86_400_000, now)).toBe('1 day ago');
    expect(formatRelative(now + 5 * 60_000, now)).toBe('in 5 min');
  });

  it('counts down', () => {
    expect(formatCountdown(272_000)).toBe('4:32');
    expect(formatCountdown(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 05 min');
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('names records and their types', () => {
    expect(objectNoun('deal')).toBe('deal');
    expect(objectNoun('Opportunity')).toBe('opportunity');
    expect(objectNoun('line_item')).toBe('line item');
    expect(objectNoun('2-12345')).toBe('record');
    expect(recordLabel({ objectType: 'deal', id: '456' })).toBe('Deal 456');
    expect(recordLabel({ objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' })).toBe('Acme Corp, 40 seats');
  });
});
