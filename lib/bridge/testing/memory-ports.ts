import type { MessageSender } from '../../background/browser-api';

/** A minimal extension event, for the APIs WXT's fake browser leaves out (runtime.onConnect, a port's events). */
export function fakeEvent<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    addListener: (l: (...args: A) => void) => void listeners.add(l),
    removeListener: (l: (...args: A) => void) => void listeners.delete(l),
    hasListeners: () => listeners.size > 0,
    trigger: (...args: A) => [...listeners].forEach((l) => l(...args)),
  };
}

/** One end of an in-memory port, shaped like `Browser.runtime.Port`. */
export interface MemoryPort {
  name: string;
  sender?: MessageSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: ReturnType<typeof fakeEvent<[unknown]>>;
  onDisconnect: ReturnType<typeof fakeEvent<[]>>;
  /** False once either end has disconnected. */
  readonly connected: boolean;
}

/**
 * Both ends of a port as Chrome runs one: messages arrive a task later as JSON copies (as extension messaging
 * serializes them); `disconnect()` fires onDisconnect on the other end only; posting on a closed port throws.
 */
export function memoryPorts(name: string, sender: MessageSender): { page: MemoryPort; background: MemoryPort } {
  let open = true;
  const end = (peer: () => MemoryPort, withSender?: MessageSender): MemoryPort => ({
    name,
    ...(withSender ? { sender: withSender } : {}),
    onMessage: fakeEvent<[unknown]>(),
    onDisconnect: fakeEvent<[]>(),
    get connected() {
      return open;
    },
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      const copy: unknown = JSON.parse(JSON.stringify(message) ?? 'null');
      setTimeout(() => {
        if (open) peer().onMessage.trigger(copy);
      }, 0);
    },
    disconnect() {
      if (!open) return;
      open = false;
      setTimeout(() => peer().onDisconnect.trigger(), 0);
    },
  });
  const page: MemoryPort = end(() => background);
  const background: MemoryPort = end(() => page, sender);
  return { page, background };
}
