import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackground } from '../../lib/hooks/testing/harness';
import { executeDemo } from '../../server/executors/demo-connector';
import { getSuggestion } from '../../server/services/suggestions';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../test/helpers/http';
import { person, type Person } from '../../test/helpers/people';
import { OptionsPage } from './OptionsPage';

// The page waits on a real server here: on a busy machine its answers may take longer than the default second.
configure({ asyncUtilTimeout: 5_000 });

const HOSTILE_NAME = '<img src=x onerror=alert(1)> Acme';
const BEFORE = 'Send the order form';

let h: HttpEnv;

beforeEach(async () => {
  h = await openHttpEnv();
  h.clock.set(Date.now());
});
afterEach(() => h.close());

/** A deal in the demo CRM: the CRM's own data, there before any suggestion. */
async function dealInCrm(id: string) {
  await h.deps.transact((tx) =>
    tx
      .insertInto('demo_deals')
      .values({
        id,
        name: `Deal ${id}`,
        stage: 'Negotiation',
        amount: 100,
        owner: 'Dana',
        close_date: null,
        next_step: BEFORE,
        updated_at: h.clock.now(),
      })
      .execute(),
  );
}

/** `agent` proposes a new next step for the deal, Dana approves it, and the demo connector executes it. */
async function executed(agent: Person, dealId: string, to: string, name = `Deal ${dealId}`): Promise<string> {
  const proposed = await h.call(agent.token, 'POST', '/api/v1/suggestions', {
    type: 'field_update',
    record: { crm: 'demo', objectType: 'deal', id: dealId, name },
    changes: [{ field: 'next_step', label: 'Next step', from: BEFORE, to }],
    reasons: ['The customer asked for a call'],
    confidence: 0.8,
  });
  expect(proposed.status).toBe(201);
  const id = proposed.body.id as string;
  const approved = await h.call(h.people.rep.token, 'POST', `/api/v1/suggestions/${id}/decisions`, {
    kind: 'approve',
  });
  expect(approved.status).toBe(200);
  expect((await executeDemo(h.deps, id))?.status).toBe('executed');
  return id;
}

/** Someone edits the deal in the CRM after the execution. */
async function editedByHand(dealId: string) {
  await h.deps.transact((tx) =>
    tx.updateTable('demo_deals').set({ next_step: 'Edited by hand' }).where('id', '=', dealId).execute(),
  );
}

const nextStepOf = async (dealId: string) =>
  (await h.deps.db.selectFrom('demo_deals').select('next_step').where('id', '=', dealId).executeTakeFirstOrThrow())
    .next_step;
const statusOf = async (id: string) => (await getSuggestion(h.deps, h.people.admin.actor, id)).status;
const revertEvents = () =>
  h.deps.db
    .selectFrom('audit_events')
    .select(['suggestion_id', 'actor'])
    .where('kind', '=', 'reverted')
    .orderBy('seq')
    .execute();

async function openAs(who: Person, server = signedInAs(h, who).server) {
  const { sent } = testBackground({ page: 'options', record: null, user: signedInAs(h, who).user, server });
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: /Kill switches/ });
  return { sent, user: userEvent.setup() };
}

const section = () => within(screen.getByRole('heading', { name: 'Revert executions' }).closest('section')!);

describe('revert executions', () => {
  it('lists what would be reverted, changes nothing until confirmed, then says what happened', async () => {
    const routingBot = await person(h.deps, 'Routing Bot', 'agent');
    for (const id of ['d-1', 'd-2', 'd-3']) await dealInCrm(id);
    const one = await executed(h.people.agent, 'd-1', 'Call the CFO', HOSTILE_NAME);
    const two = await executed(h.people.agent, 'd-2', 'Call the CTO');
    const others = await executed(routingBot, 'd-3', 'Book a demo');
    await editedByHand('d-2');

    const { sent, user } = await openAs(h.people.admin);
    const agent = section().getByRole('combobox', { name: 'Agent' });
    await within(agent).findByRole('option', { name: 'Pipeline Bot' });
    await user.selectOptions(agent, h.people.agent.actor.id);
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    const table = await section().findByRole('table', { name: 'Executions to revert' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    // The record's name is the agent's text: shown as text, never as markup.
    expect(within(table).getByText(HOSTILE_NAME)).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
    expect(within(table).getAllByText('Pipeline Bot')).toHaveLength(2);
    expect(within(table).queryByText('Routing Bot')).toBeNull();
    expect(sent.some((m) => m.type === 'revert.many')).toBe(false);
    expect([await statusOf(one), await statusOf(two)]).toEqual(['executed', 'executed']);

    await user.click(section().getByRole('button', { name: 'Revert these 2 executions' }));
    const dialog = screen.getByRole('dialog', { name: 'Revert 2 executions?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const asked = sent.filter((m) => m.type === 'revert.preview' || m.type === 'revert.many');
    expect(asked.map((m) => m.type)).toEqual(['revert.preview', 'revert.many']);
    expect(asked[1]).toEqual(asked[0] && { ...asked[0], type: 'revert.many' });
    expect(asked[1]).toMatchObject({ query: { agentId: h.people.agent.actor.id } });
    expect(section().getByRole('status').textContent).toBe(
      'Reverted 1; 1 could not be reverted:' +
        'the deal changed since this was executed: Next step is now Edited by hand, expected Call the CTO',
    );

    // The server put back the one deal that still held what was executed, and only that one.
    expect([await nextStepOf('d-1'), await nextStepOf('d-2'), await nextStepOf('d-3')]).toEqual([
      BEFORE,
      'Edited by hand',
      'Book a demo',
    ]);
    expect([await statusOf(one), await statusOf(two), await statusOf(others)]).toEqual([
      'reverted',
      'executed',
      'executed',
    ]);
    expect(await revertEvents()).toEqual([{ suggestion_id: one, actor: h.people.admin.actor.id }]);
  });

  it('reverts what an action type executed, and the deal gets its value back', async () => {
    await dealInCrm('d-1');
    const one = await executed(h.people.agent, 'd-1', 'Call the CFO');
    const { user } = await openAs(h.people.manager);
    await user.selectOptions(section().getByRole('combobox', { name: 'Action type' }), 'field_update');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    await section().findByRole('table', { name: 'Executions to revert' });
    await user.click(section().getByRole('button', { name: 'Revert this execution' }));
    const dialog = screen.getByRole('dialog', { name: 'Revert this execution?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(section().getByRole('status').textContent).toBe('Reverted 1.');
    expect(await nextStepOf('d-1')).toBe(BEFORE);
    expect(await statusOf(one)).toBe('reverted');
    expect(await revertEvents()).toEqual([{ suggestion_id: one, actor: h.people.manager.actor.id }]);
  });

  it('asks for an action type or an agent before asking the server', async () => {
    const { sent, user } = await openAs(h.people.admin);
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    expect(section().getByRole('alert').textContent).toBe('Choose an action type, an agent, or both.');
    expect(sent.some((m) => m.type === 'revert.preview')).toBe(false);
  });

  it("shows the server's refusal", async () => {
    // The page offers bulk reverts to the role stored at sign-in; the server judges the token, here a rep's.
    const { user } = await openAs(h.people.manager, signedInAs(h, h.people.rep).server);
    await user.selectOptions(section().getByRole('combobox', { name: 'Action type' }), 'refund');
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    expect((await section().findByRole('alert')).textContent).toBe(
      'Only managers and admins revert executions in bulk',
    );
    expect(section().queryByRole('table')).toBeNull();
  });

  it('lets a manager pick an agent whose work to revert, by name, without reading the user list', async () => {
    await dealInCrm('d-1');
    await executed(h.people.agent, 'd-1', 'Call the CFO');
    const { sent, user } = await openAs(h.people.manager);
    const agent = section().getByRole('combobox', { name: 'Agent' });
    await within(agent).findByRole('option', { name: 'Pipeline Bot' });
    await user.selectOptions(agent, h.people.agent.actor.id);
    await user.click(section().getByRole('button', { name: 'Find executions' }));
    const table = await section().findByRole('table', { name: 'Executions to revert' });
    expect(within(table).getByText('Pipeline Bot')).toBeTruthy();
    expect(sent.find((m) => m.type === 'revert.preview')).toMatchObject({
      query: { agentId: h.people.agent.actor.id },
    });
    expect(sent.some((m) => m.type === 'users.list')).toBe(false);
  });

  it('is not offered to reps', async () => {
    await openAs(h.people.rep);
    expect(screen.queryByRole('heading', { name: 'Revert executions' })).toBeNull();
  });
});
