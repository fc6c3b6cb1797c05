import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChangeDiff } from './ChangeDiff';
import { DraftView } from './DraftView';

describe('ChangeDiff', () => {
  it('shows each field with its old value struck and its new value marked', () => {
    const { container } = render(
      <ChangeDiff
        changes={[
          { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' },
          { field: 'close_reason', from: null, to: 'Champion left' },
        ]}
      />,
    );
    const rows = container.querySelectorAll('.change');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('dt')!.textContent).toBe('Stage');
    expect(rows[0]!.querySelector('del')!.textContent).toBe('Negotiation');
    expect(rows[0]!.querySelector('ins')!.textContent).toBe('Closed Lost');
    expect(rows[0]!.textContent).toBe('Stagefrom Negotiation →  to Closed Lost');
    expect(rows[1]!.querySelector('dt')!.textContent).toBe('close_reason');
    expect(rows[1]!.querySelector('del')!.textContent).toBe('(empty)');
  });
});

describe('DraftView', () => {
  const draft = { to: 'dana@acme.test', subject: 'Next steps', body: 'Hi Dana, can we meet on Tuesday at 10?' };

  it('shows an unedited draft as plain text', () => {
    const { container } = render(<DraftView draft={draft} />);
    expect(screen.getByText(draft.body).className).toBe('draft-body');
    expect(container.querySelector('del, ins')).toBeNull();
  });

  it('shows an edited draft as a word diff', () => {
    const edited = { subject: 'Next steps', body: 'Hi Dana, can we meet on Thursday at 10?' };
    const { container } = render(<DraftView draft={draft} edited={edited} />);
    expect([...container.querySelectorAll('del')].map((n) => n.textContent)).toEqual(['Tuesday']);
    expect([...container.querySelectorAll('ins')].map((n) => n.textContent)).toEqual(['Thursday']);
    expect(container.querySelector('.draft-body')!.textContent).toBe('Hi Dana, can we meet on TuesdayThursday at 10?');
  });
});
