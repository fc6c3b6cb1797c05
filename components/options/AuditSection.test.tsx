import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answeringBackground, type Handlers } from '../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../lib/hooks/testing/options-fixtures';
import type { Message } from '../../lib/messages';
import type { AuditEvent, AuditPayload } from '../../lib/schemas/audit';
import type { Role } from '../../lib/schemas/common';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { AuditTrail } from './audit/AuditTrail';
import { OptionsPage } from './OptionsPage';

const HOSTILE = '<img src=x onerror=alert(1)>';

const event = (seq: number, actor: string, payload: AuditPayload): AuditEvent => ({
  seq,
  at: `2026-11-22T08:00:0${seq}.000Z`,
  actor,
  payload,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

const PROPOSED = event(1, 'agent-1', {
  kind: 'proposed',
  suggestionId: 's-1',
  input: { type: 'stage_change', record: { crm: 'demo', id: 'd-1', name: `${HOSTILE} Acme` }, confidence: 0.82 },
});
const DECIDED = event(2, 'u-raj', {
  kind: 'decided',
  suggestionId: 's-1',
  decisionId: 'dec-1',
  decision: 'approve',
  note: `looks right\n${HOSTILE}`,
  condition: null,
  status: 'approved',
  finalChangeSet: null,
  finalHash: null,
});
const POLICY = event(3, 'u-admin', { kind: 'policy_changed', before: DEFAULT_POLICY, after: DEFAULT_POLICY });
const REVOKED = event(4, 'u-admin', { kind: 'token_revoked', userId: 'u-raj', tokenId: 'tok-raj-1' });

/** The trail newest first, two a page, as the server pages it: `afterSeq` is the last seq of the page before. */
function listOf(events: AuditEvent[]): NonNullable<Handlers['audit.list']> {
  return ({ query }) => {
    const of = (e: AuditEvent) => ('suggestionId' in e.payload ? e.payload.suggestionId : null);
    const mine = events.filter((e) => !query.suggestionId || of(e) === query.suggestionId);
    const ordered = query.order === 'newest' ? [...mine].reverse() : mine;
    const after = query.afterSeq;
    const rest = ordered.filter(
      (e) => after === undefined || (query.order === 'newest' ? e.seq < after : e.seq > after),
    );
    const page = rest.slice(0, 2);
    return { events: page, nextSeq: rest.length > 2 ? page.at(-1)!.seq : null };
  };
}

async function openAs(role: Role, handlers: Handlers = {}) {
  const sent = answeringBackground({
    'auth.status': () => statusOf(role),
    'policy.get': () => storedPolicy(),
    'users.list': () => USERS,
    'audit.list': listOf([PROPOSED, DECIDED, POLICY, REVOKED]),
    ...handlers,
  });
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: 'Audit trail' });
  return { sent, user: userEvent.setup() };
}

const section = () => within(screen.getByRole('heading', { name: 'Audit trail' }).closest('section')!);
const rows = async () => {
  const table = await section().findByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.querySelector('summary')?.textContent ?? c.textContent),
    );
};
const asked = <K extends Message['type']>(sent: Message[], type: K) =>
  sent.filter((m): m is Extract<Message, { type: K }> => m.type === type).map((m) => ('query' in m ? m.query : null));

afterEach(() => vi.restoreAllMocks());

describe('the audit trail on the options page', () => {
  it('says it is loading until the first page comes', async () => {
    answeringBackground({ 'audit.list': listOf([REVOKED]) });
    render(<AuditTrail nameOf={(id) => id} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the audit trail…');
    await screen.findByRole('table');
    expect(screen.queryByText('Loading the audit trail…')).toBeNull();
  });

  it('lists events newest first with time, actor and a summary, then older ones on request', async () => {
    const { sent, user } = await openAs('admin');
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    expect(await rows()).toEqual([
      ['4', '2026-11-22 08:00:04 UTC', 'Ada', 'token revoked (Raj)', ''],
      ['3', '2026-11-22 08:00:03 UTC', 'Ada', 'policy changed', ''],
    ]);
    await user.click(section().getByRole('button', { name: 'Older events' }));
    await waitFor(async () => expect(await rows()).toHaveLength(4));
    // The names come from the one user list the page reads for all its sections.
    expect(sent.filter((m) => m.type === 'users.list')).toHaveLength(1);
    expect((await rows()).slice(2)).toEqual([
      ['2', '2026-11-22 08:00:02 UTC', 'Raj', `decided: approve — 'looks right ${HOSTILE}'`, 's-1'],
      [
        '1',
        '2026-11-22 08:00:01 UTC',
        'Pipeline Agent',
        `proposed: stage_change on ${HOSTILE} Acme (confidence 0.82)`,
        's-1',
      ],
    ]);
    expect(section().queryByRole('button', { name: 'Older events' })).toBeNull();
    expect(asked(sent, 'audit.list')).toEqual([
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'newest', afterSeq: 3 },
    ]);
  });

  it('renders AI and user text as text, never as markup', async () => {
    const { user } = await openAs('admin', { 'audit.list': () => ({ events: [DECIDED, PROPOSED], nextSeq: null }) });
    const table = await section().findByRole('table');
    expect(table.querySelector('img')).toBeNull();
    await user.click(within(table).getByText(/^decided: approve/));
    expect(within(table).getByText(/"note": "looks right\\n<img src=x onerror=alert\(1\)>"/)).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
  });

  it("shows one suggestion's whole history oldest first, and the whole trail again", async () => {
    const { sent, user } = await openAs('admin');
    await section().findByRole('table', { name: 'Audit events' });
    await user.type(section().getByRole('textbox', { name: 'Suggestion id' }), 's-1');
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    await section().findByRole('table', { name: 'History of s-1' });
    await waitFor(async () => expect((await rows()).map((r) => r[0])).toEqual(['1', '2']));
    await user.click(section().getByRole('button', { name: 'Show the whole trail' }));
    await section().findByRole('table', { name: 'Audit events' });
    await user.click(await section().findByRole('button', { name: 'Older events' }));
    await user.click((await section().findAllByRole('button', { name: 'Show the history of s-1' }))[0]!);
    expect((section().getByRole('textbox', { name: 'Suggestion id' }) as HTMLInputElement).value).toBe('s-1');
    await section().findByRole('table', { name: 'History of s-1' });
    expect(asked(sent, 'audit.list')).toEqual([
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'oldest', suggestionId: 's-1' },
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'newest', afterSeq: 3 },
      { limit: 50, order: 'oldest', suggestionId: 's-1' },
    ]);
  });

  it('says when there is nothing to show', async () => {
    const { user } = await openAs('admin', { 'audit.list': () => ({ events: [], nextSeq: null }) });
    expect(await section().findByText('The audit trail is empty.')).toBeTruthy();
    await user.type(section().getByRole('textbox', { name: 'Suggestion id' }), 's-9');
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    expect(await section().findByText('No events for suggestion s-9.')).toBeTruthy();
    expect(section().queryByRole('table')).toBeNull();
  });

  it("shows the server's refusal", async () => {
    await openAs('admin', { 'audit.list': () => ({ ok: false, error: 'Only admins can read the audit trail' }) });
    expect((await section().findByRole('alert')).textContent).toBe(
      'Could not load the audit trail: Only admins can read the audit trail',
    );
    expect(section().queryByText('The audit trail is empty.')).toBeNull();
  });

  it('is not offered to managers, who may still verify the chain', async () => {
    const { sent } = await openAs('manager');
    await screen.findByRole('heading', { name: /Kill switches/ });
    expect(section().getByRole('button', { name: 'Verify the audit trail' })).toBeTruthy();
    expect(section().queryByRole('textbox', { name: 'Suggestion id' })).toBeNull();
    expect(sent.some((m) => m.type === 'audit.list' || m.type === 'audit.export')).toBe(false);
  });
});

describe('exporting the audit trail', () => {
  /** Catches what the page hands the browser to download: the file's name and text. */
  function catchDownloads() {
    const files: { name: string; blob: Blob }[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:test/${blobs.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: blobs[Number(this.href.split('/').pop()) - 1]! });
    });
    return files;
  }

  const CSV = ['seq,at,actor,kind\r\n1,2026,agent-1,proposed\r\n', '2,2026,u-raj,"decided, ""yes"""\r\n'];

  it("downloads the server's export, joined in order, as it came", async () => {
    const files = catchDownloads();
    const { sent, user } = await openAs('admin', {
      'audit.export': ({ query }) =>
        query.afterSeq === undefined
          ? { text: CSV[0]!, events: 1, nextSeq: 1 }
          : { text: CSV[1]!, events: 1, nextSeq: null },
    });
    await user.click(await section().findByRole('button', { name: 'Export the audit trail as CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toMatch(/^countersign-audit-\d{4}-\d\d-\d\d\.csv$/);
    expect(await files[0]!.blob.text()).toBe(CSV.join(''));
    expect(files[0]!.blob.type).toMatch(/^text\/csv/);
    expect(asked(sent, 'audit.export')).toEqual([
      { format: 'csv', limit: 1000 },
      { format: 'csv', limit: 1000, afterSeq: 1 },
    ]);
    expect((await section().findByText(/^Exported 2 events/)).textContent).toBe(
      `Exported 2 events to ${files[0]!.name}.`,
    );
  });

  it("exports one suggestion's history as JSONL", async () => {
    const files = catchDownloads();
    const line = `${JSON.stringify({ seq: 1, kind: 'decided', confidence: 0.82 })}\n`;
    const { sent, user } = await openAs('admin', { 'audit.export': () => ({ text: line, events: 1, nextSeq: null }) });
    await user.type(await section().findByRole('textbox', { name: 'Suggestion id' }), 's-1');
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    await user.click(await section().findByRole('button', { name: 'Export this history as JSONL' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe('countersign-audit-s-1.jsonl');
    expect(await files[0]!.blob.text()).toBe(line);
    expect(asked(sent, 'audit.export')).toEqual([{ format: 'jsonl', limit: 1000, suggestionId: 's-1' }]);
  });

  it('downloads nothing when a stretch is refused, and says why', async () => {
    const files = catchDownloads();
    const { user } = await openAs('admin', {
      'audit.export': ({ query }) =>
        query.afterSeq === undefined
          ? { text: CSV[0]!, events: 1, nextSeq: 1 }
          : { ok: false, error: 'Could not reach the server (fetch failed)' },
    });
    await user.click(await section().findByRole('button', { name: 'Export the audit trail as CSV' }));
    expect((await section().findByRole('alert')).textContent).toBe(
      'Could not export the audit trail: Could not reach the server (fetch failed)',
    );
    expect(files).toEqual([]);
  });
});
