import { browser } from 'wxt/browser';
import type { Message, Reply } from '../messages';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Sends a message to the background and never throws: a background that is asleep, restarting or missing answers
 * as an error the caller can show or ignore.
 */
export async function sendToBackground<T = unknown>(message: Message): Promise<Reply<T>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage(message);
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply as Reply<T>;
    return { ok: false, error: 'the extension background did not answer' };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/** Listens to runtime messages; returns the function that stops listening. The listener never answers. */
export function onRuntimeMessage(listener: (message: unknown) => void): () => void {
  const wrapped = (message: unknown) => {
    listener(message);
    return undefined;
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}
