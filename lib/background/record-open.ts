import { adapterFor, detectRecord, recordUrl } from '../crm/registry';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import type { RecordInView, ReplyData } from '../messages';
import type { BackgroundBrowser } from './browser-api';
import { ReplyError } from './reply-error';
import type { TabRecords } from './tab-records';

const sameRecord = (a: RecordInView, b: RecordInView) =>
  a.crm === b.crm && a.id === b.id && a.objectType.toLowerCase() === b.objectType.toLowerCase();

/** Compared without fragment or trailing slash: the same page whichever way the CRM last wrote its address. */
function samePage(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const strip = (u: string) => u.replace(/#.*$/, '').replace(/\/+$/, '');
  return strip(a) === strip(b);
}

/**
 * The record's address. The demo CRM is served by the Countersign server, so its base is the session's server URL;
 * other CRMs are built without a base, which only some can do (HubSpot needs the portal, Salesforce the org's host):
 * for those, a tab already showing the record is the way there.
 */
async function addressOf(db: CountersignDb, record: RecordInView): Promise<string | null> {
  const base = record.crm === 'demo' ? (await getSession(db))?.serverUrl : undefined;
  return recordUrl(record, base);
}

/**
 * Shows the record: focuses a tab that shows it (as its content script reported, or at the same address) and its
 * window, else opens a new tab at its address.
 */
export async function openRecord(
  browser: BackgroundBrowser,
  db: CountersignDb,
  tabRecords: TabRecords,
  record: RecordInView,
): Promise<ReplyData['record.open']> {
  const url = await addressOf(db, record);
  const tabs = await browser.tabs.query({});
  let match: (typeof tabs)[number] | undefined;
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const reported = await tabRecords.get(tab.id);
    const detected = tab.url ? detectRecord(tab.url) : null;
    const shown = reported ?? detected;
    if ((shown && sameRecord(shown, record)) || (url && samePage(tab.url, url))) {
      match = tab;
      break;
    }
  }
  if (match?.id !== undefined) {
    await browser.tabs.update(match.id, { active: true });
    if (match.windowId !== undefined) await browser.windows.update(match.windowId, { focused: true });
    return { opened: 'focused', url: match.url ?? url };
  }
  if (!url) {
    const crm = adapterFor(record.crm)?.label ?? record.crm;
    throw new ReplyError(`Countersign cannot build a link to this ${crm} record: open it in ${crm} first`, 'NOT_FOUND');
  }
  await browser.tabs.create({ url, active: true });
  return { opened: 'created', url };
}
