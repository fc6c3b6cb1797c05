import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testBackground } from '../../../lib/hooks/testing/harness';
import type { DecisionInput } from '../../../lib/schemas/decision';
import { decide } from '../../../server/services/decisions';
import { readPolicy } from '../../../server/services/policy';
import { propose } from '../../../server/services/suggestions';
import { sweepTimeouts } from '../../../server/services/timeouts';
import { revokeToken } from '../../../server/services/users';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../../test/helpers/http';
import { dealProposal, person, type Person } from '../../../test/helpers/people';
import { OptionsPage } from '../OptionsPage';
import { askMetrics, type LoadMetrics } from './ask-metrics';
import { MetricsSection } from './MetricsSection';

// The server's answers, its measures above all, take a while on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Where the server's clock starts: the first day of the four weeks the metrics look back on. */
const T0 = Date.parse('2026-11-01T09:00:00Z');

const HOSTILE = '<img src=x onerror=alert(1)>';

const approve: DecisionInput = { kind: 'approve' };
const signed: DecisionInput = { kind: 'approve', note: 'checked' };
const modify: DecisionInput = { kind: 'modify', changes: [{ field: 'dealstage', to: 'Closed Won' }] };
const reject: DecisionInput = { kind: 'reject', note: 'wrong' };
const escalate: DecisionInput = { kind: 'escalate', note: 'not mine' };
const email = { type: 'email_draft', confidence: 0.8, impact: { amount: 0, customerFacing: true, reversible: false } };

/** Who decides, what, and how many minutes after the proposal or the decision before. */
type Step = [Person, DecisionInput, number];

/**
 * Four weeks of work, proposed and decided through the server's services, with the clock left at their end. Pipeline
 * Bot proposes 25 stage changes, an agent with a hostile name 3 customer-facing email drafts:
 * - week 1: 20 at 0.85 that Raj approves after 10 minutes, one Dana modifies after 30, and 2 at 0.75 she rejects
 *   after 30;
 * - week 2: one at 0.95 that runs on its own, one at 0.85 nobody decides (it times out), and the 3 drafts: Dana
 *   approves 2 after an hour and escalates one after 10 minutes, which Morgan then rejects.
 */
async function fourWeeksOfWork(h: HttpEnv) {
  const { agent, rep: dana, rep2: raj, manager: morgan } = h.people;
  const mailer = await person(h.deps, HOSTILE, 'agent');
  let next = T0;
  const item = async (over: Record<string, unknown>, steps: Step[] = [], by = agent) => {
    h.clock.set(next);
    next += 3 * HOUR;
    const s = (await propose(h.deps, by.actor, dealProposal(over))).body;
    for (const [who, d, wait] of steps) {
      h.clock.advance(wait * MIN);
      await decide(h.deps, who.actor, s.id, d);
    }
  };
  for (let i = 0; i < 20; i++) await item({ confidence: 0.85 }, [[raj, approve, 10]]);
  await item({ confidence: 0.85 }, [[dana, modify, 30]]);
  for (let i = 0; i < 2; i++) await item({ confidence: 0.75 }, [[dana, reject, 30]]);

  next = T0 + WEEK;
  await item({ confidence: 0.95 });
  await item({ confidence: 0.85 });
  for (let i = 0; i < 2; i++) await item(email, [[dana, signed, 60]], mailer);
  await item(
    email,
    [
      [dana, escalate, 10],
      [morgan, reject, 60],
    ],
    mailer,
  );
  h.clock.set(T0 + WEEK + 2 * DAY);
  expect(await sweepTimeouts(h.deps)).toBe(1);
  h.clock.set(T0 + 4 * WEEK);
}

const section = () => within(screen.getByRole('region', { name: 'Metrics' }));
const tile = (name: string) => section().getByText(name).parentElement?.textContent;
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('the metrics section, against a real server', () => {
  let h: HttpEnv;

  beforeEach(async () => {
    h = await openHttpEnv();
  });
  afterEach(() => h.close());

  const asAdmin = () => testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.admin) });

  it('says it is loading, then shows the headline rates and the breakdowns', async () => {
    await fourWeeksOfWork(h);
    asAdmin();
    // The page's own request to the background, held back until the test has seen it wait.
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    const load = vi.fn<LoadMetrics>(async (query) => {
      await opened;
      return askMetrics(query);
    });
    render(<MetricsSection load={load} onUseThreshold={() => {}} />);
    expect(section().getByRole('status').textContent).toBe('Loading the metrics…');
    expect(load).toHaveBeenCalledWith({ weeks: 4 });
    open();

    expect((await section().findByText(/^Proposals from/)).textContent).toContain('from 2026-11-01 to 2026-11-29');
    expect(tile('Auto-approval rate')).toContain('3.6 %1 of 28 proposals routed auto');
    expect(tile('Human override rate')).toContain('15.4 %4 of 26 verdicts not as proposed');
    expect(tile('Time to decision')).toContain('10 minmedian; 90 % within 30 min');
    expect(tile('Timeout rate')).toContain('3.7 %1 of 27 items sent to people');
    expect(tile('Modify vs reject')).toContain('1 : 3');
    expect(tile('Escalation frequency')).toContain('3.7 %1 of 27 decisions by people');
    expect(section().queryByRole('status')).toBeNull();
    const table = section().getByRole('table', { name: 'Per action type' });
    const [stage, drafts] = within(table).getAllByRole('row').slice(1);
    expect(within(stage!).getByRole('rowheader').textContent).toBe('stage change');
    expect(cells(stage!)).toEqual(['25', '4 %', '13 %', '10 min / 30 min', '4.2 %', '1 : 2', '0 %']);
    expect(within(drafts!).getByRole('rowheader').textContent).toBe('email draft');
    expect(cells(drafts!)).toEqual(['3', '0 %', '33.3 %', '1 h / 1 h', '0 %', '0 : 1', '25 %']);

    const user = userEvent.setup();
    await user.selectOptions(section().getByRole('combobox', { name: 'Break down by' }), 'byReviewer');
    const reviewers = section().getByRole('table', { name: 'Per reviewer' });
    expect(
      within(reviewers)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Raj', 'Dana', 'Morgan']);
    const [raj] = within(reviewers).getAllByRole('row').slice(1);
    expect(cells(raj!)).toEqual(['—', '—', '0 %', '10 min / 10 min', '—', '0 : 0', '0 %']);

    await user.selectOptions(section().getByRole('combobox', { name: 'Break down by' }), 'byWeek');
    const weeks = within(section().getByRole('table', { name: 'Per week' }))
      .getAllByRole('row')
      .slice(1);
    expect(weeks.map((w) => [w.querySelector('th')?.textContent, cells(w)[0]])).toEqual([
      ['2026-11-01', '23'],
      ['2026-11-08', '5'],
      ['2026-11-15', '0'],
      ['2026-11-22', '0'],
    ]);
  });

  it('shows names from the server as text, never as markup', async () => {
    await fourWeeksOfWork(h);
    asAdmin();
    render(<OptionsPage />);
    await screen.findByRole('region', { name: 'Metrics' });
    const user = userEvent.setup();
    await user.selectOptions(await section().findByRole('combobox', { name: 'Break down by' }), 'byAgent');
    const agents = section().getByRole('table', { name: 'Per agent' });
    expect(
      within(agents)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Pipeline Bot', HOSTILE]);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows calibration, the recommendation and its replay, and hands the threshold on by keyboard', async () => {
    await fourWeeksOfWork(h);
    asAdmin();
    const onUse = vi.fn();
    render(<MetricsSection onUseThreshold={onUse} />);
    const stage = await section().findByRole('article', { name: 'stage change' });
    const rows = within(stage).getAllByRole('row').slice(1);
    // At or above 0.75, 20 of 23 were approved unchanged (87 %); at or above 0.8, 20 of 21 (95.2 %).
    expect(rows.map((r) => r.textContent)).toEqual(['0.7–0.82 0 (0 %)', '0.8–0.921 20 (95.2 %)']);
    expect(stage.textContent).toContain('Recommended auto threshold: 0.8 (now 0.9)');
    expect(stage.textContent).toContain('people approved 20 of 21 items unchanged (95.2 %)');
    // The one that ran on its own, and the 22 at 0.85 that went to a person: one modified, one timed out.
    expect(stage.textContent).toContain('23 items would have executed on their own (1 did already)');
    expect(stage.textContent).toContain('Of the 22 that went to a person, 1 were rejected or changed and 1 never');
    const drafts = section().getByRole('article', { name: 'email draft' });
    expect(drafts.textContent).toContain('Too few decisions to recommend a threshold: 3 decided');
    expect(within(drafts).queryByRole('button')).toBeNull();

    const button = within(stage).getByRole('button', { name: 'Put 0.8 in the policy editor for stage change' });
    button.focus();
    await userEvent.setup().keyboard('{Enter}');
    expect(onUse).toHaveBeenCalledWith('stage_change', 0.8);
  });

  it('says when the window holds no proposals, and counts them in a wider one', async () => {
    h.clock.set(T0);
    await propose(h.deps, h.people.agent.actor, dealProposal({ confidence: 0.95 }));
    h.clock.set(T0 + 5 * WEEK);
    const t = asAdmin();
    render(<OptionsPage />);
    await screen.findByRole('region', { name: 'Metrics' });
    expect(await section().findByText('No proposals in this window: nothing to measure yet.')).toBeTruthy();
    expect(section().queryByText('Auto-approval rate')).toBeNull();

    await userEvent.setup().selectOptions(section().getByRole('combobox', { name: 'Window' }), '12');
    expect(await section().findByText('Auto-approval rate')).toBeTruthy();
    expect(tile('Auto-approval rate')).toContain('100 %1 of 1 proposals routed auto');
    expect(section().queryByText(/No proposals in this window/)).toBeNull();
    expect(t.sent.filter((m) => m.type === 'metrics.get')).toEqual([
      { type: 'metrics.get', query: { weeks: 4 } },
      { type: 'metrics.get', query: { weeks: 12 } },
    ]);
  });

  it('says what went wrong, and asks again for another window', async () => {
    await revokeToken(h.deps, h.people.admin.actor, h.people.admin.actor.tokenId!);
    const t = asAdmin();
    render(<OptionsPage />);
    await screen.findByRole('region', { name: 'Metrics' });
    const refused = 'Could not load the metrics: The server no longer accepts your token: sign in again';
    expect((await section().findByRole('alert')).textContent).toBe(refused);
    await userEvent.setup().selectOptions(section().getByRole('combobox', { name: 'Window' }), '12');
    await waitFor(() => expect(t.sent).toContainEqual({ type: 'metrics.get', query: { weeks: 12 } }));
    expect((await section().findByRole('alert')).textContent).toBe(refused);
  });
});

describe('a recommended threshold in the policy editor, against a real server', () => {
  let h: HttpEnv;

  beforeEach(async () => {
    h = await openHttpEnv();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  it('is filled into the form for the admin to review, and saved only when they save', async () => {
    await fourWeeksOfWork(h);
    const t = testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.admin) });
    render(<OptionsPage />);
    const user = userEvent.setup();
    // The policy is shown before the threshold is handed on here; the next test hands it on while the policy loads.
    await screen.findByText('Version 0: the default policy, never changed.');
    await user.click(await screen.findByRole('button', { name: 'Put 0.8 in the policy editor for stage change' }));

    const form = within(screen.getByRole('form', { name: 'Policy' }));
    expect((form.getByRole('combobox', { name: 'Settings for' }) as HTMLSelectElement).value).toBe('stage_change');
    const auto = form.getByRole('textbox', { name: 'Auto at or above' }) as HTMLInputElement;
    expect(auto.value).toBe('0.8');
    expect(document.activeElement).toBe(auto);
    expect(form.getByRole('status').textContent).toContain('auto at or above 0.8 for stage change');
    expect(t.sent.some((m) => m.type === 'policy.update')).toBe(false);
    expect((await readPolicy(h.deps.db)).version).toBe(0);

    await user.click(form.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Saved as version 1.')).toBeTruthy();
    // The form starts again from what was saved, without filling the threshold in a second time.
    expect(screen.queryByText(/Filled in from the metrics/)).toBeNull();
    expect(t.sent.filter((m) => m.type === 'policy.update')).toHaveLength(1);
    const stored = await readPolicy(h.deps.db);
    expect(stored).toMatchObject({ version: 1, updatedBy: h.people.admin.actor.id });
    expect(stored.policy.actionTypes.stage_change?.thresholds).toEqual({ auto: 0.8, review: 0.7 });
    expect(stored.policy.defaults.thresholds.auto).toBe(0.9);

    // Measured again, the recommendation is the threshold in force: nothing left to hand on.
    await user.click(section().getByRole('button', { name: 'Refresh' }));
    const stage = () => section().getByRole('article', { name: 'stage change' });
    await waitFor(() => expect(stage().textContent).toContain('Recommended auto threshold: 0.8 (now 0.8)'));
    expect(within(stage()).queryByRole('button')).toBeNull();
  });
  it('is filled in once the policy has loaded, when handed on before', async () => {
    await fourWeeksOfWork(h);
    // The page's reads of the policy are held at the network until the threshold has been handed on.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const network = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('policy.get')) await released;
      return network(input, init);
    });
    testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.admin) });
    render(<OptionsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Put 0.8 in the policy editor for stage change' }));
    expect(screen.getByText('Loading the policy…')).toBeTruthy();
    release();

    const form = within(await screen.findByRole('form', { name: 'Policy' }));
    expect((form.getByRole('combobox', { name: 'Settings for' }) as HTMLSelectElement).value).toBe('stage_change');
    expect((form.getByRole('textbox', { name: 'Auto at or above' }) as HTMLInputElement).value).toBe('0.8');
    expect((await readPolicy(h.deps.db)).version).toBe(0);
  });
});
