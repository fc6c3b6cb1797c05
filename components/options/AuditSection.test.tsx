import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answeringBackground } from '../../lib/hooks/testing/answering-background';
import { testBackground } from '../../lib/hooks/testing/harness';
import { statusOf, storedPolicy, USERS } from '../../lib/hooks/testing/options-fixtures';
import type { Message } from '../../lib/messages';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { exportAudit, exportAuditPage } from '../../server/services/audit';
import { updatePolicy } from '../../server/services/policy';
import { propose } from '../../server/services/suggestions';
import { revokeToken } from '../../server/services/users';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../test/helpers/http';
import { dealProposal, type Person } from '../../test/helpers/people';
import { AuditTrail } from './audit/AuditTrail';
import { OptionsPage } from './OptionsPage';

// The page waits on a real server here: on a busy machine its answers may take longer than the default second.
configure({ asyncUtilTimeout: 5_000 });

const HOSTILE = '<img src=x onerror=alert(1)>';
/** Why the policy sends the agent's proposals to a rep's review. */
const ROUTED = 'confidence 0.82 ≥ review threshold 0.7, below auto 0.9';
/** 2026-11-22 08:00:0`s` UTC, when the server does what a test asks. */
const at = (s: number) => Date.parse(`2026-11-22T08:00:0${s}.000Z`);

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

let h: HttpEnv;

beforeEach(async () => {
  // The cast's ten events (each user created with a token, by the system) come first, at the clock's start.
  h = await openHttpEnv();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
});

/**
 * The agent proposes a stage change on a deal whose name it wrote, and Raj approves it with a note: events 11
 * (proposed), 12 (routed) and 13 (decided). Returns the suggestion's id.
 */
async function proposedAndDecided(): Promise<string> {
  h.clock.set(at(1));
  const record = { crm: 'hubspot', objectType: 'deal', id: '456', name: `${HOSTILE} Acme` };
  const proposed = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal({ record }));
  expect(proposed.status).toBe(201);
  const id = proposed.body.id as string;
  h.clock.set(at(2));
  const note = `looks right\n${HOSTILE}`;
  const decided = await h.call(h.people.rep2.token, 'POST', `/api/v1/suggestions/${id}/decisions`, {
    kind: 'approve',
    note,
  });
  expect(decided.status).toBe(200);
  return id;
}

/** `n` more proposals by the agent, two events each (proposed, routed), at 08:00:03. */
async function moreProposals(n: number) {
  h.clock.set(at(3));
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      propose(
        h.deps,
        h.people.agent.actor,
        dealProposal({ record: { crm: 'hubspot', objectType: 'deal', id: `${i}` } }),
      ),
    ),
  );
}

/**
 * The trail of 63 events: the cast's ten, the decided suggestion's three, 24 more proposals (48 events), then Alex
 * changes the policy (62) and revokes Raj's token (63). Newest first, a page of 50 ends at event 14. Returns the
 * decided suggestion's id.
 */
async function wholeTrail(): Promise<string> {
  const id = await proposedAndDecided();
  await moreProposals(24);
  h.clock.set(at(4));
  const { killSwitches: _, ...policy } = DEFAULT_POLICY;
  await updatePolicy(h.deps, h.people.admin.actor, {
    ...policy,
    twoApprovers: { rep: false, manager: true, admin: false },
  });
  h.clock.set(at(5));
  await revokeToken(h.deps, h.people.admin.actor, h.people.rep2.actor.tokenId!);
  return id;
}

function open(who: Person) {
  const bg = testBackground({ page: 'options', record: null, ...signedInAs(h, who) });
  render(<OptionsPage />);
  return { sent: bg.sent, user: userEvent.setup() };
}

async function openAsAdmin() {
  const opened = open(h.people.admin);
  await screen.findByRole('heading', { name: 'Audit trail' });
  return opened;
}

describe('the audit trail on the options page', () => {
  it('says it is loading until the first page comes', async () => {
    testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.admin) });
    render(<AuditTrail nameOf={(id) => id} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the audit trail…');
    await screen.findByRole('table');
    expect(screen.queryByText('Loading the audit trail…')).toBeNull();
  });

  it('lists events newest first with time, actor and a summary, then older ones on request', async () => {
    const id = await wholeTrail();
    const { sent, user } = await openAsAdmin();
    await waitFor(async () => expect(await rows()).toHaveLength(50));
    // Named once the user list is in, which may come after the trail.
    await waitFor(async () =>
      expect((await rows()).slice(0, 2)).toEqual([
        ['63', '2026-11-22 08:00:05 UTC', 'Alex', 'token revoked (Raj)', ''],
        ['62', '2026-11-22 08:00:04 UTC', 'Alex', 'policy changed', ''],
      ]),
    );
    expect((await rows()).at(-1)![0]).toBe('14');
    await user.click(section().getByRole('button', { name: 'Older events' }));
    await waitFor(async () => expect(await rows()).toHaveLength(63));
    // The names come from the one user list the page reads for all its sections.
    expect(sent.filter((m) => m.type === 'users.list')).toHaveLength(1);
    const older = (await rows()).slice(50);
    expect(older.slice(0, 4)).toEqual([
      ['13', '2026-11-22 08:00:02 UTC', 'Raj', `decided: approve — 'looks right ${HOSTILE}'`, id],
      ['12', '2026-11-22 08:00:01 UTC', 'system', `routed: review, rep tier — '${ROUTED}'`, id],
      [
        '11',
        '2026-11-22 08:00:01 UTC',
        'Pipeline Bot',
        `proposed: stage_change on ${HOSTILE} Acme (confidence 0.82)`,
        id,
      ],
      ['10', '2026-11-01 09:00:00 UTC', 'system', 'token issued to Alex', ''],
    ]);
    expect(older.at(-1)).toEqual(['1', '2026-11-01 09:00:00 UTC', 'system', 'user created: Pipeline Bot (agent)', '']);
    expect(section().queryByRole('button', { name: 'Older events' })).toBeNull();
    expect(asked(sent, 'audit.list')).toEqual([
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'newest', afterSeq: 14 },
    ]);
  });

  it('renders AI and user text as text, never as markup', async () => {
    await proposedAndDecided();
    const { user } = await openAsAdmin();
    const table = await section().findByRole('table');
    expect(within(table).getByText(`proposed: stage_change on ${HOSTILE} Acme (confidence 0.82)`)).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
    await user.click(within(table).getByText(/^decided: approve/));
    expect(within(table).getByText(/"note": "looks right\\n<img src=x onerror=alert\(1\)>"/)).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
  });

  it("shows one suggestion's whole history oldest first, and the whole trail again", async () => {
    const id = await wholeTrail();
    const { sent, user } = await openAsAdmin();
    await section().findByRole('table', { name: 'Audit events' });
    await user.type(section().getByRole('textbox', { name: 'Suggestion id' }), id);
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    await section().findByRole('table', { name: `History of ${id}` });
    await waitFor(async () => expect((await rows()).map((r) => r[0])).toEqual(['11', '12', '13']));
    await user.click(section().getByRole('button', { name: 'Show the whole trail' }));
    await section().findByRole('table', { name: 'Audit events' });
    await user.click(await section().findByRole('button', { name: 'Older events' }));
    await user.click((await section().findAllByRole('button', { name: `Show the history of ${id}` }))[0]!);
    expect((section().getByRole('textbox', { name: 'Suggestion id' }) as HTMLInputElement).value).toBe(id);
    await section().findByRole('table', { name: `History of ${id}` });
    expect(asked(sent, 'audit.list')).toEqual([
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'oldest', suggestionId: id },
      { limit: 50, order: 'newest' },
      { limit: 50, order: 'newest', afterSeq: 14 },
      { limit: 50, order: 'oldest', suggestionId: id },
    ]);
  });

  it('says when a suggestion has no events', async () => {
    const { user } = await openAsAdmin();
    await section().findByRole('table', { name: 'Audit events' });
    await user.type(section().getByRole('textbox', { name: 'Suggestion id' }), 's-9');
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    expect(await section().findByText('No events for suggestion s-9.')).toBeTruthy();
    expect(section().queryByRole('table')).toBeNull();
  });

  it('says when the trail is empty', async () => {
    // A real server's trail is never empty: it holds at least the creation of the user signed in.
    answeringBackground({
      'auth.status': () => statusOf('admin'),
      'policy.get': () => storedPolicy(),
      'users.list': () => USERS,
      'audit.list': () => ({ events: [], nextSeq: null }),
    });
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: 'Audit trail' });
    expect(await section().findByText('The audit trail is empty.')).toBeTruthy();
    expect(section().queryByRole('table')).toBeNull();
  });

  it("shows the server's refusal", async () => {
    // The page shows the trail to the role stored at sign-in; the server judges the token, here a manager's.
    testBackground({
      page: 'options',
      record: null,
      user: signedInAs(h, h.people.admin).user,
      server: signedInAs(h, h.people.manager).server,
    });
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: 'Audit trail' });
    expect((await section().findByRole('alert')).textContent).toBe(
      'Could not load the audit trail: Only admins can read the audit trail',
    );
    expect(section().queryByText('The audit trail is empty.')).toBeNull();
    expect(section().queryByRole('table')).toBeNull();
  });

  it('is not offered to managers, who may still verify the chain', async () => {
    const { sent, user } = open(h.people.manager);
    await screen.findByRole('heading', { name: /Kill switches/ });
    await user.click(section().getByRole('button', { name: 'Verify the audit trail' }));
    expect((await section().findByText(/^The audit trail holds/)).textContent).toBe(
      'The audit trail holds: 10 events, each chained to the one before.',
    );
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

  /** The whole trail as `audit export` writes it. */
  async function serverExport(format: 'csv' | 'jsonl') {
    let text = '';
    const events = await exportAudit(h.deps, format, (chunk) => {
      text += chunk;
    });
    return { text, events };
  }

  /** 1,513 events: more than the 1,000 a stretch of the export holds. */
  async function longTrail() {
    await proposedAndDecided();
    await moreProposals(750);
  }

  it("downloads the server's export, joined in order, as it came", async () => {
    await longTrail();
    const files = catchDownloads();
    const { sent, user } = await openAsAdmin();
    await user.click(await section().findByRole('button', { name: 'Export the audit trail as CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toMatch(/^countersign-audit-\d{4}-\d\d-\d\d\.csv$/);
    const expected = await serverExport('csv');
    expect(expected.events).toBe(1513);
    const text = await files[0]!.blob.text();
    expect(text).toBe(expected.text);
    expect(text.match(/^seq,at,actor,kind,/gm)).toHaveLength(1);
    // The payload's JSON is one field, its quotes doubled.
    expect(text).toContain(`,"{""condition"":null,""decision"":""approve"",""decisionId"":""`);
    expect(files[0]!.blob.type).toMatch(/^text\/csv/);
    expect(asked(sent, 'audit.export')).toEqual([
      { format: 'csv', limit: 1000 },
      { format: 'csv', limit: 1000, afterSeq: 1000 },
    ]);
    expect((await section().findByText(/^Exported 1513 events/)).textContent).toBe(
      `Exported 1513 events to ${files[0]!.name}.`,
    );
  });

  it("exports one suggestion's history as JSONL", async () => {
    const id = await proposedAndDecided();
    await moreProposals(2);
    const files = catchDownloads();
    const { sent, user } = await openAsAdmin();
    await user.type(await section().findByRole('textbox', { name: 'Suggestion id' }), id);
    await user.click(section().getByRole('button', { name: 'Show its history' }));
    await user.click(await section().findByRole('button', { name: 'Export this history as JSONL' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe(`countersign-audit-${id}.jsonl`);
    const text = await files[0]!.blob.text();
    expect(text).toBe((await exportAuditPage(h.deps, { format: 'jsonl', suggestionId: id, limit: 1000 })).text);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.seq, l.kind, l.suggestionId, l.confidence])).toEqual([
      [11, 'proposed', id, null],
      [12, 'routed', id, null],
      [13, 'decided', id, 0.82],
    ]);
    expect(asked(sent, 'audit.export')).toEqual([{ format: 'jsonl', limit: 1000, suggestionId: id }]);
  });

  it('downloads nothing when a stretch is refused, and says why', async () => {
    await longTrail();
    const files = catchDownloads();
    // The server goes away once it has answered the first stretch, before the page asks for the next.
    const reach = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await reach(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('audit.export')) return res;
      const body = await res.text();
      await h.app.close();
      return new Response(body, { status: res.status, headers: res.headers });
    });
    const { sent, user } = await openAsAdmin();
    await user.click(await section().findByRole('button', { name: 'Export the audit trail as CSV' }));
    expect((await section().findByRole('alert')).textContent).toMatch(
      /^Could not export the audit trail: Could not reach the server \(.*ECONNREFUSED.*\)$/,
    );
    expect(asked(sent, 'audit.export')).toEqual([
      { format: 'csv', limit: 1000 },
      { format: 'csv', limit: 1000, afterSeq: 1000 },
    ]);
    expect(files).toEqual([]);
  });
});
