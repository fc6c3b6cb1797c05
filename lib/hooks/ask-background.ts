import type { Message, MessageType, Reply, ReplyData } from '../messages';
import { sendToBackground } from './runtime';

/** `sendToBackground` typed by message: the reply's data is what the background answers to that type. */
export function askBackground<K extends MessageType>(
  message: Extract<Message, { type: K }>,
): Promise<Reply<ReplyData[K]>> {
  return sendToBackground<ReplyData[K]>(message);
}
