import { describe, expect, it } from 'vitest';
import { contentMessage } from '../../lib/messages';
import { parseContentMessage } from './layout-message';

// The content script checks messages by hand to stay small; this keeps it in step with the zod contract.
const samples: unknown[] = [
  { type: 'panel.layout', collapsed: true },
  { type: 'panel.layout', collapsed: false },
  { type: 'panel.layout', collapsed: false, extra: 'ignored' },
  { type: 'panel.layout', collapsed: 'true' },
  { type: 'panel.layout', collapsed: 1 },
  { type: 'panel.layout' },
  { type: 'panel.focus' },
  { type: 'panel.focus', collapsed: true },
  { type: 'PANEL.FOCUS' },
  { type: 'tab.record', record: null },
  { type: 'PANEL.LAYOUT', collapsed: true },
  { collapsed: true },
  ['panel.layout', true],
  'panel.layout',
  null,
  undefined,
  42,
];

describe('parseContentMessage', () => {
  it.each(samples.map((s) => [JSON.stringify(s) ?? String(s), s]))('agrees with contentMessage on %s', (_, sample) => {
    const zod = contentMessage.safeParse(sample);
    expect(parseContentMessage(sample)).toEqual(zod.success ? zod.data : null);
  });
});
