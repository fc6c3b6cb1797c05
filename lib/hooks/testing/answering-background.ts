import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Message, MessageType, Reply, ReplyData } from '../../messages';
import { freshDb } from './harness';
import { connectPagesTo, PAGES } from './page-ports';

export type Handlers = {
  [K in MessageType]?: (message: Extract<Message, { type: K }>) => Reply<ReplyData[K]> | ReplyData[K];
};

const isReply = (r: unknown): r is Reply =>
  typeof r === 'object' && r !== null && 'ok' in r && typeof (r as { ok: unknown }).ok === 'boolean';

/**
 * Resets the fake browser and answers the options page's messages as the background would, from `handlers` (a value
 * is wrapped as `{ ok: true, data }` unless it has an `ok` of its own: wrap such data yourself); a message with no
 * handler gets `{ ok: true, data: null }`. The page's data port is served by the real handler, over an empty
 * database. Returns what was sent.
 */
export function answeringBackground(handlers: Handlers): Message[] {
  fakeBrowser.reset();
  connectPagesTo(freshDb(), PAGES.options);
  const sent: Message[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const m = message as Message;
      sent.push(m);
      const handler = handlers[m.type] as ((msg: Message) => unknown) | undefined;
      const answer = handler ? handler(m) : null;
      sendResponse(isReply(answer) ? answer : { ok: true, data: answer });
      return true;
    },
  );
  return sent;
}
