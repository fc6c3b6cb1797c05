import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackground } from '../../lib/hooks/testing/harness';
import { listAudit } from '../../server/services/audit';
import { readPolicy, setKillSwitch } from '../../server/services/policy';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../test/helpers/http';
import type { Person } from '../../test/helpers/people';
import { OptionsPage } from './OptionsPage';

/** For what waits on the server behind the background: its first answers in a run can take over a second. */
const SERVER = { timeout: 10_000 };

const kills = () => within(screen.getByRole('heading', { name: 'Kill switches' }).closest('section')!);
const modeOf = (name: string) => (kills().getByRole('combobox', { name }) as HTMLSelectElement).value;

describe('kill switches, against a real server', () => {
  let h: HttpEnv;

  beforeEach(async () => {
    h = await openHttpEnv();
    h.clock.set(Date.now());
  });
  afterEach(() => h.close());

  /** The options page signed in as `who`; `session` overrides what the background's session says about them. */
  async function openAs(who: Person, session: Partial<ReturnType<typeof signedInAs>> = {}) {
    const bg = testBackground({ page: 'options', record: null, ...signedInAs(h, who), ...session });
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: 'Kill switches' }, SERVER);
    return { sent: bg.sent, user: userEvent.setup() };
  }

  const killSwitchEvents = async () =>
    (await listAudit(h.deps, { order: 'oldest', limit: 100 })).events.filter((e) => e.payload.kind === 'kill_switch');

  it('asks for confirmation and a reason before flipping one; the server keeps it and audits the reason', async () => {
    const { sent, user } = await openAs(h.people.admin);
    const refund = kills().getByRole('combobox', { name: 'Action type: refund' });
    await user.selectOptions(refund, 'block');
    expect((refund as HTMLSelectElement).value).toBe('off'); // nothing moves before it is confirmed

    const dialog = screen.getByRole('dialog', { name: 'Turn on the kill switch for refund proposals?' });
    expect(within(dialog).getByText('From the next proposal: blocked.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Give a reason/);
    expect(sent.some((m) => m.type === 'killSwitch.set')).toBe(false);
    expect((await readPolicy(h.deps.db)).version).toBe(0);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Refunds misfire{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), SERVER);
    expect(sent).toContainEqual({
      type: 'killSwitch.set',
      change: { scope: 'action_type', target: 'refund', mode: 'block', reason: 'Refunds misfire' },
    });
    expect(modeOf('Action type: refund')).toBe('block');

    const stored = await readPolicy(h.deps.db);
    expect(stored).toMatchObject({ version: 1, updatedBy: h.people.admin.actor.id });
    expect(stored.policy.killSwitches).toEqual({ global: null, actionTypes: { refund: 'block' }, agents: {} });
    expect(await killSwitchEvents()).toMatchObject([
      {
        actor: h.people.admin.actor.id,
        payload: { scope: 'action_type', target: 'refund', mode: 'block', reason: 'Refunds misfire' },
      },
    ]);
  });

  it('lists agents, and cancels without sending anything', async () => {
    const { sent, user } = await openAs(h.people.admin);
    await user.selectOptions(kills().getByRole('combobox', { name: 'Agent: Pipeline Bot' }), 'review');
    expect(screen.getByRole('dialog', { name: 'Turn on the kill switch for proposals by Pipeline Bot?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const everything = kills().getByRole('combobox', { name: 'Every proposal' });
    await user.selectOptions(everything, 'review');
    expect(screen.getByRole('dialog', { name: 'Turn on the kill switch for every proposal?' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((everything as HTMLSelectElement).value).toBe('off');
    expect(modeOf('Agent: Pipeline Bot')).toBe('off');
    expect(sent.some((m) => m.type === 'killSwitch.set')).toBe(false);
    expect((await readPolicy(h.deps.db)).version).toBe(0);
    expect(await killSwitchEvents()).toEqual([]);
  });

  it("shows a switch the server has on, and turning it off removes it there, by the agent's id", async () => {
    const bot = h.people.agent.actor.id;
    const on = { scope: 'agent', target: bot, mode: 'review', reason: 'Bot loops' } as const;
    await setKillSwitch(h.deps, h.people.admin.actor, on);
    const { sent, user } = await openAs(h.people.admin);
    expect(modeOf('Agent: Pipeline Bot')).toBe('review');

    await user.selectOptions(kills().getByRole('combobox', { name: 'Agent: Pipeline Bot' }), 'off');
    const dialog = screen.getByRole('dialog', { name: 'Turn off the kill switch for proposals by Pipeline Bot?' });
    expect(within(dialog).getByText('From the next proposal: routed by the policy as usual.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Fixed{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), SERVER);
    expect(sent).toContainEqual({
      type: 'killSwitch.set',
      change: { scope: 'agent', target: bot, mode: null, reason: 'Fixed' },
    });
    expect(modeOf('Agent: Pipeline Bot')).toBe('off');
    const stored = await readPolicy(h.deps.db);
    expect(stored.version).toBe(2);
    expect(stored.policy.killSwitches).toEqual({ global: null, actionTypes: {}, agents: {} });
    expect((await killSwitchEvents()).map((e) => e.payload)).toEqual([
      { kind: 'kill_switch', ...on },
      { kind: 'kill_switch', scope: 'agent', target: bot, mode: null, reason: 'Fixed' },
    ]);
  });

  it('is read-only for non-admins', async () => {
    await openAs(h.people.manager);
    const switches = kills().getAllByRole('combobox');
    expect(switches.length).toBeGreaterThan(1);
    expect(switches.every((s) => (s as HTMLSelectElement).disabled)).toBe(true);
    expect(kills().getByText('Only admins can change the policy.')).toBeTruthy();
  });

  it('says in the dialog when the server refuses a non-admin, and nothing changes', async () => {
    // The session says admin but the token is Morgan's: only the server stands between a manager and the switches.
    const morgan = { ...signedInAs(h, h.people.manager).user, role: 'admin' as const };
    const { user } = await openAs(h.people.manager, { user: morgan });
    await user.selectOptions(kills().getByRole('combobox', { name: 'Every proposal' }), 'block');
    const dialog = screen.getByRole('dialog', { name: 'Turn on the kill switch for every proposal?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Incident{Enter}');

    expect((await within(dialog).findByRole('alert', {}, SERVER)).textContent).toBe(
      'Only admins can change the policy',
    );
    expect(modeOf('Every proposal')).toBe('off');
    expect((await readPolicy(h.deps.db)).version).toBe(0);
    expect(await killSwitchEvents()).toEqual([]);
  });

  it('keeps the dialog open when the server cannot be reached, and the switch as it was', async () => {
    const { user } = await openAs(h.people.admin);
    await h.app.close();
    await user.selectOptions(kills().getByRole('combobox', { name: 'Action type: refund' }), 'review');
    const dialog = screen.getByRole('dialog', { name: 'Turn on the kill switch for refund proposals?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Refunds misfire{Enter}');

    expect((await within(dialog).findByRole('alert', {}, SERVER)).textContent).toMatch(/^Could not reach the server/);
    expect(screen.getByRole('dialog', { name: 'Turn on the kill switch for refund proposals?' })).toBe(dialog);
    expect(modeOf('Action type: refund')).toBe('off');
    expect((await readPolicy(h.deps.db)).version).toBe(0);
  });
});
