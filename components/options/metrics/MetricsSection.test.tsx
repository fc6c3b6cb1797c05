import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answeringBackground, type Handlers } from '../../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../../lib/hooks/testing/options-fixtures';
import type { Message, Reply } from '../../../lib/messages';
import type { MetricRates, MetricsReport } from '../../../lib/schemas/metrics';
import { DEFAULT_POLICY } from '../../../lib/schemas/policy';
import { OptionsPage } from '../OptionsPage';
import { MetricsSection } from './MetricsSection';

const rates = (over: Partial<MetricRates> = {}): MetricRates => ({
  key: '',
  label: 'All',
  proposals: 67,
  auto: 3,
  autoRate: 3 / 67,
  routedToPeople: 64,
  timedOut: 2,
  timeoutRate: 2 / 64,
  humanDecisions: 64,
  verdicts: 62,
  overrides: 9,
  overrideRate: 9 / 62,
  modified: 3,
  rejected: 6,
  modifyVsReject: 0.5,
  escalations: 2,
  escalationRate: 2 / 64,
  decidedItems: 62,
  medianMs: 10 * 60_000,
  p90Ms: 30 * 60_000,
  ...over,
});

const HOSTILE = '<img src=x onerror=alert(1)>';

const report = (over: Partial<MetricsReport> = {}): MetricsReport => ({
  window: { from: '2026-11-01T09:00:00.000Z', to: '2026-11-29T09:00:00.000Z' },
  minSamples: 20,
  targetApproval: 0.95,
  overall: rates(),
  byActionType: [rates({ key: 'stage_change', label: 'stage_change', proposals: 62 })],
  byAgent: [rates({ key: 'agent-1', label: HOSTILE, proposals: 62 })],
  byReviewer: [rates({ key: 'u-raj', label: 'Raj', proposals: null, auto: null, autoRate: null, timeoutRate: null })],
  byWeek: [rates({ key: '0', label: '2026-11-01' })],
  calibration: [
    {
      actionType: 'stage_change',
      currentAuto: 0.9,
      buckets: [
        { from: 0.6, to: 0.7, decided: 3, approvedUnchanged: 0, rate: 0 },
        { from: 0.8, to: 0.9, decided: 44, approvedUnchanged: 42, rate: 42 / 44 },
      ],
      recommendation: {
        kind: 'recommended',
        threshold: 0.8,
        decided: 44,
        approvedUnchanged: 42,
        replay: { wouldAutoExecute: 46, alreadyAuto: 3, fromPeople: 43, overridden: 1, undecided: 2 },
      },
    },
    {
      actionType: 'email_draft',
      currentAuto: 0.9,
      buckets: [],
      recommendation: { kind: 'too_few', decided: 3, needed: 20 },
    },
  ],
  ...over,
});

const ok = (data: MetricsReport): Reply<MetricsReport> => ({ ok: true, data });
const section = () => within(screen.getByRole('region', { name: 'Metrics' }));

describe('the metrics section', () => {
  it('says it is loading, then shows the headline rates and the breakdowns', async () => {
    let answer: (r: Reply<MetricsReport>) => void = () => {};
    const load = vi.fn(() => new Promise<Reply<MetricsReport>>((resolve) => (answer = resolve)));
    render(<MetricsSection load={load} onUseThreshold={() => {}} />);
    expect(section().getByRole('status').textContent).toBe('Loading the metrics…');
    expect(load).toHaveBeenCalledWith({ weeks: 4 });
    answer(ok(report()));

    const auto = await section().findByText('Auto-approval rate');
    expect(auto.parentElement?.textContent).toContain('4.5 %3 of 67 proposals routed auto');
    expect(section().getByText('Human override rate').parentElement?.textContent).toContain('14.5 %');
    expect(section().getByText('Time to decision').parentElement?.textContent).toContain(
      '10 minmedian; 90 % within 30 min',
    );
    expect(section().getByText('Modify vs reject').parentElement?.textContent).toContain('3 : 6');
    expect(section().queryByRole('status')).toBeNull();
    const table = section().getByRole('table', { name: 'Per action type' });
    expect(within(table).getByRole('rowheader').textContent).toBe('stage change');
    expect(
      within(table)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['62', '4.5 %', '14.5 %', '10 min / 30 min', '3.1 %', '3 : 6', '3.1 %']);

    const user = userEvent.setup();
    await user.selectOptions(section().getByRole('combobox', { name: 'Break down by' }), 'byReviewer');
    const reviewers = section().getByRole('table', { name: 'Per reviewer' });
    expect(within(reviewers).getByRole('rowheader').textContent).toBe('Raj');
    expect(within(reviewers).getAllByRole('cell')[0]?.textContent).toBe('—');
  });

  it('shows names from the server as text, never as markup', async () => {
    render(<MetricsSection load={async () => ok(report())} onUseThreshold={() => {}} />);
    const user = userEvent.setup();
    await user.selectOptions(await section().findByRole('combobox', { name: 'Break down by' }), 'byAgent');
    const agents = section().getByRole('table', { name: 'Per agent' });
    expect(within(agents).getByRole('rowheader').textContent).toBe(HOSTILE);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows calibration, the recommendation and its replay, and hands the threshold on by keyboard', async () => {
    const onUse = vi.fn();
    render(<MetricsSection load={async () => ok(report())} onUseThreshold={onUse} />);
    const stage = await section().findByRole('article', { name: 'stage change' });
    const rows = within(stage).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['0.6–0.73 0 (0 %)', '0.8–0.944 42 (95.5 %)']);
    expect(stage.textContent).toContain('Recommended auto threshold: 0.8 (now 0.9)');
    expect(stage.textContent).toContain('people approved 42 of 44 items unchanged (95.5 %)');
    expect(stage.textContent).toContain('46 items would have executed on their own (3 did already)');
    expect(stage.textContent).toContain('Of the 43 that went to a person, 1 were rejected or changed and 2 never');
    const email = section().getByRole('article', { name: 'email draft' });
    expect(email.textContent).toContain('Too few decisions to recommend a threshold: 3 decided');
    expect(within(email).queryByRole('button')).toBeNull();

    const button = within(stage).getByRole('button', { name: 'Put 0.8 in the policy editor for stage change' });
    button.focus();
    await userEvent.setup().keyboard('{Enter}');
    expect(onUse).toHaveBeenCalledWith('stage_change', 0.8);
  });

  it('says when the window holds no proposals', async () => {
    const empty = report({ overall: rates({ proposals: 0, auto: 0, autoRate: null }), calibration: [] });
    render(<MetricsSection load={async () => ok(empty)} onUseThreshold={() => {}} />);
    expect(await section().findByText('No proposals in this window: nothing to measure yet.')).toBeTruthy();
    expect(section().queryByText('Auto-approval rate')).toBeNull();
  });

  it('says what went wrong, and asks again for another window', async () => {
    const load = vi.fn(async (): Promise<Reply<MetricsReport>> => ({
      ok: false,
      error: 'admins only',
      code: 'FORBIDDEN',
    }));
    render(<MetricsSection load={load} onUseThreshold={() => {}} />);
    expect((await section().findByRole('alert')).textContent).toBe('Could not load the metrics: admins only');
    await userEvent.setup().selectOptions(section().getByRole('combobox', { name: 'Window' }), '12');
    await waitFor(() => expect(load).toHaveBeenLastCalledWith({ weeks: 12 }));
  });
});

describe('a recommended threshold in the policy editor', () => {
  it('is filled into the form for the admin to review, and saved only when they save', async () => {
    const sent = answeringBackground({
      'auth.status': () => statusOf('admin'),
      'policy.get': () => storedPolicy(),
      'users.list': () => USERS,
      'metrics.get': () => report(),
      'policy.update': (m: Extract<Message, { type: 'policy.update' }>) =>
        storedPolicy({ policy: { ...m.policy, killSwitches: DEFAULT_POLICY.killSwitches }, version: 3 }),
    } as Handlers);
    render(<OptionsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Put 0.8 in the policy editor for stage change' }));

    const form = within(screen.getByRole('form', { name: 'Policy' }));
    expect((form.getByRole('combobox', { name: 'Settings for' }) as HTMLSelectElement).value).toBe('stage_change');
    const auto = form.getByRole('textbox', { name: 'Auto at or above' }) as HTMLInputElement;
    expect(auto.value).toBe('0.8');
    expect(document.activeElement).toBe(auto);
    expect(form.getByRole('status').textContent).toContain('auto at or above 0.8 for stage change');
    expect(sent.some((m) => m.type === 'policy.update')).toBe(false);

    await user.click(form.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(sent.filter((m) => m.type === 'policy.update')).toHaveLength(1));
    const update = sent.find((m): m is Extract<Message, { type: 'policy.update' }> => m.type === 'policy.update')!;
    expect(update.policy.actionTypes.stage_change?.thresholds).toEqual({ auto: 0.8, review: 0.7 });
    expect(update.policy.defaults.thresholds.auto).toBe(0.9);
  });
});
