import type { ContentMessage } from '../../lib/messages';

/**
 * Whether `raw` is a message `contentMessage` in lib/messages.ts defines (`panel.layout`, `panel.focus`). Checked by
 * hand because zod would be most of this script's size; layout-message.test.ts keeps the two in agreement.
 */
export function parseContentMessage(raw: unknown): ContentMessage | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { type, collapsed } = raw as Record<string, unknown>;
  if (type === 'panel.focus') return { type };
  if (type !== 'panel.layout' || typeof collapsed !== 'boolean') return null;
  return { type, collapsed };
}
