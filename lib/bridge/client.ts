import { backgroundMessage, readAnswer, type Answer, type BridgeQuery, type PageMessage } from './protocol';

/** The page's end of a port, as `browser.runtime.connect` returns it: what the client uses of it. */
export interface PagePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

interface Subscription {
  query: BridgeQuery;
  onValue: (value: unknown) => void;
}

/** Reconnecting after the port drops: from 100 ms, doubling, up to 5 s. */
const RECONNECT_BASE_MS = 100;
const RECONNECT_CAP_MS = 5_000;

const warn = (what: string) => console.warn(`Countersign: ${what}`);

/**
 * A page's subscriptions to the background's cache, over one port. The port opens with the first subscription and
 * closes once the last one has ended. When the background drops it (its service worker stopped or restarted), the
 * client connects again and subscribes again, and the background answers every query afresh. Every message and every
 * answer is checked against the protocol's schemas; what fails is left out with a warning, never handed on.
 */
export class BridgeClient {
  private port: PagePort | null = null;
  private readonly subscriptions = new Map<number, Subscription>();
  private nextId = 1;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly connect: () => PagePort) {}

  /** Calls `onValue` with the query's answer now and after every change; returns how to stop. */
  subscribe<Q extends BridgeQuery>(query: Q, onValue: (value: Answer<Q['kind']>) => void): () => void {
    const id = this.nextId++;
    this.subscriptions.set(id, { query, onValue: onValue as (value: unknown) => void });
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (this.port) this.post({ type: 'subscribe', id, query });
    else this.open();
    return () => {
      if (!this.subscriptions.delete(id)) return;
      this.post({ type: 'unsubscribe', id });
      // A task later: a component swapping one query for another ends the old one just before it starts the new.
      if (this.subscriptions.size === 0) this.closeTimer ??= setTimeout(() => this.closeIfIdle(), 0);
    };
  }

  /** Opens the port and subscribes everything; a reconnection already waiting will do it instead. */
  private open(): void {
    if (this.port || this.reconnectTimer !== null) return;
    let port: PagePort;
    try {
      port = this.connect();
    } catch (err) {
      warn(`cannot reach the background (${err instanceof Error ? err.message : String(err)})`);
      this.reconnectLater();
      return;
    }
    this.port = port;
    port.onMessage.addListener((raw) => {
      if (this.port === port) this.receive(raw);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.dropped();
    });
    for (const [id, { query }] of this.subscriptions) this.post({ type: 'subscribe', id, query });
  }

  private dropped(): void {
    this.port = null;
    if (this.subscriptions.size > 0) this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.reconnectTimer !== null) return;
    const delay = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** this.failures);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.subscriptions.size > 0) this.open();
    }, delay);
  }

  private closeIfIdle(): void {
    this.closeTimer = null;
    if (this.subscriptions.size > 0 || !this.port) return;
    const port = this.port;
    this.port = null;
    try {
      port.disconnect();
    } catch {
      // Already disconnected: nothing to close.
    }
  }

  private post(message: PageMessage): void {
    if (!this.port) return;
    try {
      this.port.postMessage(message);
    } catch {
      // The background went away before its disconnection reached us: connect again, which subscribes again.
      this.dropped();
    }
  }

  private receive(raw: unknown): void {
    const message = backgroundMessage.safeParse(raw);
    if (!message.success) return warn('ignored an unreadable message from the background');
    this.failures = 0;
    const subscription = this.subscriptions.get(message.data.id);
    if (!subscription) return; // ended while the answer was on its way
    const { kind } = subscription.query;
    if (message.data.type === 'error') return warn(`the background could not read ${kind}: ${message.data.error}`);
    const answer = readAnswer(kind, message.data.value);
    if (!answer.ok) return warn(`dropped an unreadable ${kind} from the background: ${answer.error}`);
    if (answer.dropped.length > 0)
      warn(`left out unreadable ${kind} from the background: ${answer.dropped.join('; ')}`);
    subscription.onValue(answer.value);
  }
}
