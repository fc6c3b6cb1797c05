import { z } from 'zod';
import { preferences, type ConnectionState, type Preferences } from './bridge/values';
import { isHostPattern } from './crm/host-pattern';
import type { VerifyResult } from './schemas/audit';
import { auditExportQuery, auditListQuery, type AuditExportPage, type AuditPage } from './schemas/audit-query';
import { bulkRevertInput, type BulkRevertPreview, type BulkRevertResult } from './schemas/bulk-revert';
import type { ErrorCode } from './schemas/errors';
import { actionType } from './schemas/common';
import { conditionInput, decisionInput } from './schemas/decision';
import { metricsQuery, type MetricsReport } from './schemas/metrics';
import { killMode, policyEdit, type Policy, type PolicyEdit } from './schemas/policy';
import { userInput, type User } from './schemas/user';

/** A CRM record as the content script detects it from the page URL. */
export const recordInView = z.object({
  crm: z.string().min(1).max(32),
  objectType: z.string().min(1).max(64),
  id: z.string().min(1).max(128),
});
export type RecordInView = z.infer<typeof recordInView>;

export { policyEdit, type PolicyEdit };

const switchReason = z.string().trim().min(1, 'Give a reason for the change').max(1000);

/** One kill switch flip (mode null: off), the same shape the server's `policy.setKillSwitch` takes. */
export const killSwitchChange = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('global'), mode: killMode.nullable(), reason: switchReason }),
  z.strictObject({
    scope: z.literal('action_type'),
    target: actionType,
    mode: killMode.nullable(),
    reason: switchReason,
  }),
  z.strictObject({
    scope: z.literal('agent'),
    target: z.string().min(1).max(64),
    mode: killMode.nullable(),
    reason: switchReason,
  }),
]);
export type KillSwitchChange = z.infer<typeof killSwitchChange>;

/** A CRM host the user adds on the options page, as the match pattern of that one host: `https://crm.contoso.local/*`. */
export const crmHostPattern = z.string().max(300).refine(isHostPattern, 'Not the pattern of one http(s) host');

/** A CRM host the user added, and whether the browser still grants Countersign access to it. */
export interface CrmHost {
  pattern: string;
  granted: boolean;
}

const serverId = z.string().min(1).max(64);
const suggestionId = z.string().min(1).max(128);

/** A decision taken on a page: a reviewer's decision, or a condition confirmed or cancelled. */
export const localAction = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('decide'), payload: decisionInput }),
  z.strictObject({ op: z.literal('condition'), payload: conditionInput }),
]);
export type LocalAction = z.infer<typeof localAction>;

const decisionToRecord = z.strictObject({ suggestionId, action: localAction });

/**
 * Every message between extension contexts. The background parses each one and checks who sent it: only extension
 * pages (the review panel, popup, options) may ask for data or act; the content script may only say what its tab shows.
 */
export const message = z.discriminatedUnion('type', [
  /** content → background: the record this tab shows now (null: none). Carries no suggestion data back. */
  z.object({ type: z.literal('tab.record'), record: recordInView.nullable() }),
  /** panel → background: which record does my tab show? */
  z.object({ type: z.literal('panel.record') }),
  /** panel → background: the focus came in without a click; did the user send it, with the focus-panel command? */
  z.object({ type: z.literal('panel.keys') }),
  /** panel → background → content: collapse or expand the panel's frame. */
  z.object({ type: z.literal('panel.layout'), collapsed: z.boolean() }),
  /**
   * panel/popup → background: record a decision taken here (the optimistic state and the outbox entry, in one
   * transaction), then flush the outbox. The page reads the result through its data port like any other change.
   */
  z.object({ type: z.literal('decision.record'), ...decisionToRecord.shape }),
  /** The same for several items, with one flush; each is recorded or refused on its own. */
  z.object({ type: z.literal('decision.recordMany'), items: z.array(decisionToRecord).min(1).max(200) }),
  /** panel/popup → background: the reviewer has read a suggestion's notice. */
  z.object({ type: z.literal('notice.dismiss'), id: suggestionId }),
  /** options → background: change this browser's preferences. */
  z.object({ type: z.literal('preferences.set'), patch: z.strictObject(preferences.partial().shape) }),
  /** any extension page → background: send the queued decisions and pull changes from the server now. */
  z.object({ type: z.literal('sync.now') }),
  /** options → background: sign in with a server URL and a token. */
  z.object({ type: z.literal('auth.signIn'), serverUrl: z.url(), token: z.string().min(10).max(200) }),
  /**
   * options → background: sign out; the session, cache and outbox go. With decisions still queued it signs out
   * only when `discardOutbox` is true, and otherwise answers with their count so the page can ask first.
   */
  z.object({ type: z.literal('auth.signOut'), discardOutbox: z.boolean().optional() }),
  z.object({ type: z.literal('auth.status') }),
  /** options → background: the CRM hosts the user added (an on-premise Dynamics, say), each with its access. */
  z.object({ type: z.literal('crmHosts.list') }),
  /**
   * options → background: run the panel's content script on this host too. The page asks the browser for access to
   * it first, during the click; the script runs there only while access is granted.
   */
  z.object({ type: z.literal('crmHosts.add'), pattern: crmHostPattern }),
  /** options → background: stop running on this host, and give its access back. */
  z.object({ type: z.literal('crmHosts.remove'), pattern: crmHostPattern }),
  /** popup/options → background: show the record's page, focusing a tab that already shows it. */
  z.object({ type: z.literal('record.open'), record: recordInView }),
  // options → background: calls to the server on the user's behalf (the token stays in the background). The
  // server decides who may do what; the page only mirrors it.
  z.object({ type: z.literal('policy.get') }),
  z.object({ type: z.literal('policy.update'), policy: policyEdit, basedOn: policyEdit }),
  z.object({ type: z.literal('killSwitch.set'), change: killSwitchChange }),
  z.object({ type: z.literal('users.list') }),
  /** Managers and admins: the agents by name, to revert their work in bulk. */
  z.object({ type: z.literal('agents.list') }),
  z.object({ type: z.literal('users.add'), user: userInput }),
  /** The new token comes back once, in the reply, for the options page to show once. */
  z.object({ type: z.literal('tokens.issue'), userId: serverId }),
  z.object({ type: z.literal('tokens.revoke'), tokenId: serverId }),
  z.object({ type: z.literal('audit.verify') }),
  /** Admins: a page of the audit trail, all of it or one suggestion's history. */
  z.object({ type: z.literal('audit.list'), query: auditListQuery }),
  /** Admins: a stretch of the export in the CLI's format (JSONL or CSV), for the page to download. */
  z.object({ type: z.literal('audit.export'), query: auditExportQuery }),
  z.object({ type: z.literal('metrics.get'), query: metricsQuery }),
  /** Managers and admins: what a bulk revert would undo, then the revert itself. */
  z.object({ type: z.literal('revert.preview'), query: bulkRevertInput }),
  z.object({ type: z.literal('revert.many'), query: bulkRevertInput }),
]);
export type Message = z.infer<typeof message>;
export type MessageType = Message['type'];

/** background → content script. */
export const contentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel.layout'), collapsed: z.boolean() }),
  /** The focus-panel keyboard command: move the keyboard focus into the panel frame. */
  z.object({ type: z.literal('panel.focus') }),
]);
export type ContentMessage = z.infer<typeof contentMessage>;

/** The manifest command (a browser-wide shortcut) that focuses the panel on the current tab. */
export const FOCUS_PANEL_COMMAND = 'focus-panel';

/** Why a call on the user's behalf failed, beyond the server's own codes. */
export type ReplyErrorCode = ErrorCode | 'SIGNED_OUT' | 'OFFLINE' | 'UNREACHABLE';

/** The background's answer to any message; a failed server call says why in `code`, and in words in `error`. */
export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string; code?: ReplyErrorCode };

/** Who is signed in (never the token), and how the queue stands. */
export interface AuthStatus {
  serverUrl: string | null;
  user: User | null;
  connection: ConnectionState;
  /** Decisions taken here not yet on the server. */
  outbox: number;
  /** Open items waiting for this user, at a tier they may decide. */
  pending: number;
}

/** What the background answers to each message type, in `Reply.data`. */
export interface ReplyData {
  'tab.record': null;
  'panel.record': RecordInView | null;
  /** True once per focus-panel command on the panel's tab (`KeyGrants`). */
  'panel.keys': boolean;
  'panel.layout': { collapsed: boolean };
  'decision.record': null;
  /** The ids recorded, and those refused with why (already waiting to sync, no longer in the cache). */
  'decision.recordMany': { recorded: string[]; refused: { suggestionId: string; error: string }[] };
  'notice.dismiss': null;
  'preferences.set': Preferences;
  'sync.now': ConnectionState;
  'auth.signIn': { user: User };
  /** `signedOut: false` when decisions are still queued and `discardOutbox` was not set; `outbox` counts them. */
  'auth.signOut': { signedOut: boolean; outbox: number };
  'auth.status': AuthStatus;
  'crmHosts.list': CrmHost[];
  'crmHosts.add': CrmHost[];
  'crmHosts.remove': CrmHost[];
  /** `focused`: a tab already showed the record; `created`: a new tab opened at `url`. */
  'record.open': { opened: 'focused' | 'created'; url: string | null };
  'policy.get': StoredPolicy;
  'policy.update': StoredPolicy;
  'killSwitch.set': StoredPolicy;
  'users.list': UserWithTokens[];
  'agents.list': AgentName[];
  'users.add': User;
  'tokens.issue': { tokenId: string; token: string };
  'tokens.revoke': { revoked: true };
  'audit.verify': VerifyResult;
  'audit.list': AuditPage;
  'audit.export': AuditExportPage;
  'metrics.get': MetricsReport;
  'revert.preview': BulkRevertPreview;
  'revert.many': BulkRevertResult;
}

/** An agent as managers see it: who proposed, by name. */
export interface AgentName {
  id: string;
  name: string;
}

/** The policy in force, its version, and who changed it last (a user id) and when; version 0: the defaults. */
export interface StoredPolicy {
  policy: Policy;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface TokenInfo {
  id: string;
  createdAt: string;
  revoked: boolean;
}

export interface UserWithTokens extends User {
  tokens: TokenInfo[];
}
