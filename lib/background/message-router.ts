import { dismissNotice } from '../db/notices';
import { getPreferences, setPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { message, type ContentMessage, type Message, type Reply, type ReplyData } from '../messages';
import { authStatus, signIn, signOut } from './auth';
import type { BackgroundBrowser, MessageSender } from './browser-api';
import type { ExtraHosts } from './extra-hosts';
import { recordDecision, recordDecisions } from './page-writes';
import { openRecord } from './record-open';
import { ReplyError } from './reply-error';
import { callServer, isServerCall } from './server-calls';
import { senderKind } from './sender';
import type { CreateApi, SyncEngine } from './sync-engine';
import type { KeyGrants } from './key-grants';
import type { TabRecords } from './tab-records';

export interface RouterDeps {
  browser: BackgroundBrowser;
  db: CountersignDb;
  engine: SyncEngine;
  tabs: TabRecords;
  grants: KeyGrants;
  createApi: CreateApi;
  extraHosts: ExtraHosts;
}

export type Route = (raw: unknown, sender: MessageSender) => Promise<Reply>;

/**
 * Answers every runtime message. Each is parsed with the `message` schema; a content script may only say which
 * record its tab shows, and everything else is for the extension's own pages. Never throws: errors are replies.
 */
export function createMessageRouter(deps: RouterDeps): Route {
  return async (raw, sender) => {
    const parsed = message.safeParse(raw);
    if (!parsed.success) return { ok: false, error: 'not a valid Countersign message' };
    const msg = parsed.data;
    const needs = msg.type === 'tab.record' ? 'content_script' : 'extension_page';
    if (senderKind(deps.browser, sender) !== needs) {
      return { ok: false, error: `${msg.type} is not accepted from this sender` };
    }
    try {
      return { ok: true, data: await handle(deps, msg, sender) };
    } catch (err) {
      if (err instanceof ReplyError) return { ok: false, error: err.message, code: err.code };
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

async function handle(deps: RouterDeps, msg: Message, sender: MessageSender): Promise<ReplyData[Message['type']]> {
  const { browser, db, engine, tabs } = deps;
  const tabId = sender.tab?.id;
  if (isServerCall(msg)) return callServer(db, deps.createApi, msg);
  switch (msg.type) {
    case 'tab.record': {
      await tabs.set(tabId!, msg.record, sender.url);
      // The content script starts collapsed and cannot read the preference: tell it the remembered state.
      if (msg.record) await relayLayout(browser, tabId!, (await getPreferences(db)).panelCollapsed);
      return null;
    }
    case 'panel.record':
      return tabId === undefined ? null : tabs.get(tabId);
    case 'panel.keys':
      return tabId === undefined ? false : deps.grants.take(tabId);
    case 'panel.layout': {
      await setPreferences(db, { panelCollapsed: msg.collapsed });
      if (tabId !== undefined) await relayLayout(browser, tabId, msg.collapsed);
      return { collapsed: msg.collapsed };
    }
    case 'decision.record':
      return recordDecision(db, engine, msg);
    case 'decision.recordMany':
      return recordDecisions(db, engine, msg.items);
    case 'notice.dismiss':
      await dismissNotice(db, msg.id);
      return null;
    case 'preferences.set':
      return setPreferences(db, msg.patch);
    case 'sync.now':
      return engine.sync({ ignoreBackoff: true });
    case 'auth.signIn': {
      const reply = await signIn(browser, db, deps.createApi, msg.serverUrl, msg.token);
      await engine.sessionChanged();
      void engine.sync({ ignoreBackoff: true }).catch(() => {}); // the first sync runs on; status shows how it went
      return reply;
    }
    case 'auth.signOut': {
      const reply = await signOut(db, msg.discardOutbox);
      if (reply.signedOut) {
        await engine.sessionChanged();
        await engine.sync();
      }
      return reply;
    }
    case 'auth.status':
      return authStatus(db);
    case 'record.open':
      return openRecord(browser, db, tabs, msg.record);
    case 'crmHosts.list':
      return deps.extraHosts.list();
    case 'crmHosts.add':
      return deps.extraHosts.add(msg.pattern);
    case 'crmHosts.remove':
      return deps.extraHosts.remove(msg.pattern);
  }
}

/** To the tab's top frame only: that is where the content script lives; the panel frame needs no echo. */
async function relayLayout(browser: BackgroundBrowser, tabId: number, collapsed: boolean): Promise<void> {
  const layout: ContentMessage = { type: 'panel.layout', collapsed };
  try {
    await browser.tabs.sendMessage(tabId, layout, { frameId: 0 });
  } catch {
    // The tab has no content script (yet, or any more): it asks again when it reports its record.
  }
}
