import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answeringBackground, type Handlers } from '../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../lib/hooks/testing/options-fixtures';
import type { Role } from '../../lib/schemas/common';
import { OptionsPage } from './OptionsPage';

const EXECUTION = {
  id: 's-1',
  type: 'stage_change',
  record: { crm: 'demo', objectType: 'deal', id: 'd-1', name: '<img src=x onerror=alert(1)> Acme' },
  proposedBy: 'agent-1',
  executedAt: '2026-11-22T08:00:00.000Z',
};

async function openAs(role: Role, handlers: Handlers = {}) {
  const sent = answeringBackground({
    'auth.status': () => statusOf(role),
    'policy.get': () => storedPolicy(),
    'users.list': () => USERS,
    'agents.list': () => USERS.filter((u) => u.role === 'agent').map(({ id, name }) => ({ id, name })),
    'revert.preview': () => ({ items: [EXECUTION], more: false }),
    'revert.many': () => ({ reverted: [], refused: [{ id: 's-1', reason: 'the deal changed since' }], more: false }),
    ...handlers,
  });
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: /Kill switches/ });
  return { sent, user: userEvent.setup() };
}

const section = () => within(screen.getByRole('heading', { name: 'Revert executions' }).closest('section')!);

describe('revert executions', () => {
  it('lists what would be reverted, changes nothing until confirmed, then says what happened', async () => {
    const { sent, user } = await openAs('admin');
    await user.selectOptions(section().getByRole('combobox', { name: 'Agent' }), 'agent-1');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    const table = await section().findByRole('table', { name: 'Executions to revert' });
    // The record's name is the agent's text: shown as text, never as markup.
    expect(within(table).getByText('<img src=x onerror=alert(1)> Acme')).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
    expect(within(table).getByText('Pipeline Agent')).toBeTruthy();
    expect(sent.some((m) => m.type === 'revert.many')).toBe(false);

    await user.click(section().getByRole('button', { name: 'Revert this execution' }));
    const dialog = screen.getByRole('dialog', { name: 'Revert this execution?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const asked = sent.filter((m) => m.type === 'revert.preview' || m.type === 'revert.many');
    expect(asked.map((m) => m.type)).toEqual(['revert.preview', 'revert.many']);
    expect(asked[1]).toEqual(asked[0] && { ...asked[0], type: 'revert.many' });
    expect(asked[1]).toMatchObject({ query: { agentId: 'agent-1' } });
    expect(section().getByRole('status').textContent).toMatch(
      /Reverted 0; 1 could not be reverted:the deal changed since/,
    );
  });

  it('asks for an action type or an agent before asking the server', async () => {
    const { sent, user } = await openAs('admin');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    expect(section().getByRole('alert').textContent).toBe('Choose an action type, an agent, or both.');
    expect(sent.some((m) => m.type === 'revert.preview')).toBe(false);
  });

  it("shows the server's refusal", async () => {
    const { user } = await openAs('manager', {
      'revert.preview': () => ({ ok: false, error: 'Only managers and admins revert executions in bulk' }),
    });
    await user.selectOptions(section().getByRole('combobox', { name: 'Action type' }), 'refund');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    expect((await section().findByRole('alert')).textContent).toBe(
      'Only managers and admins revert executions in bulk',
    );
  });

  it('lets a manager pick an agent whose work to revert, by name, without reading the user list', async () => {
    const { sent, user } = await openAs('manager');
    const agent = section().getByRole('combobox', { name: 'Agent' });
    await waitFor(() => expect(within(agent).getByRole('option', { name: 'Pipeline Agent' })).toBeTruthy());
    await user.selectOptions(agent, 'agent-1');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    await section().findByRole('table', { name: 'Executions to revert' });
    expect(sent.find((m) => m.type === 'revert.preview')).toMatchObject({ query: { agentId: 'agent-1' } });
    expect(sent.some((m) => m.type === 'users.list')).toBe(false);
  });

  it('is not offered to reps', async () => {
    await openAs('rep');
    expect(screen.queryByRole('heading', { name: 'Revert executions' })).toBeNull();
  });
});
