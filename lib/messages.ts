import { z } from 'zod';

/** A CRM record as the content script detects it from the page URL. */
export const recordInView = z.object({
  crm: z.string().min(1).max(32),
  objectType: z.string().min(1).max(64),
  id: z.string().min(1).max(128),
});
export type RecordInView = z.infer<typeof recordInView>;

/**
 * Every message between extension contexts. The background parses each one and checks who sent it: only extension
 * pages (the review panel, popup, options) may ask for data or act; the content script may only say what its tab shows.
 */
export const message = z.discriminatedUnion('type', [
  /** content → background: the record this tab shows now (null: none). Carries no suggestion data back. */
  z.object({ type: z.literal('tab.record'), record: recordInView.nullable() }),
  /** panel → background: which record does my tab show? */
  z.object({ type: z.literal('panel.record') }),
  /** panel → background → content: collapse or expand the panel's frame. */
  z.object({ type: z.literal('panel.layout'), collapsed: z.boolean() }),
  /** panel/popup → background: a panel is open (live updates on) or closed. */
  z.object({ type: z.literal('live.watch'), on: z.boolean() }),
  /** any extension page → background: pull changes from the server now. */
  z.object({ type: z.literal('sync.now') }),
  /** any extension page → background: the outbox has new entries. */
  z.object({ type: z.literal('outbox.flush') }),
  /** options → background: sign in with a server URL and a token. */
  z.object({ type: z.literal('auth.signIn'), serverUrl: z.url(), token: z.string().min(10).max(200) }),
  z.object({ type: z.literal('auth.signOut') }),
  z.object({ type: z.literal('auth.status') }),
]);
export type Message = z.infer<typeof message>;
export type MessageType = Message['type'];

/** background → content script. */
export const contentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel.layout'), collapsed: z.boolean() }),
]);
export type ContentMessage = z.infer<typeof contentMessage>;

/** The background's answer to any message. */
export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };
