import { useState } from 'react';
import { askBackground } from '../../../lib/hooks/ask-background';
import { ROLES, type Role } from '../../../lib/schemas/common';
import { userInput, type User } from '../../../lib/schemas/user';
import { Field, SelectField } from '../../ui/Field';
import { Form } from '../../ui/Form';
import { ErrorLine } from '../../ui/Said';

/** Adds a person (or an agent) with a role and, optionally, a team; a token is issued separately. */
export function AddUserForm({ onAdded }: { onAdded(user: User): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [team, setTeam] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    const parsed = userInput.safeParse({ name, role, ...(team.trim() ? { team } : {}) });
    if (!parsed.success) return setError('Give the user a name (up to 100 characters) and a team of up to 64.');
    setBusy(true);
    const reply = await askBackground({ type: 'users.add', user: parsed.data });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setName('');
    setTeam('');
    onAdded(reply.data);
  };

  return (
    <Form className="add-user" aria-label="Add a user" onSubmit={() => void add()}>
      <div className="row">
        <Field label="Name" value={name} onChange={setName} maxLength={100} autoComplete="off" />
        <SelectField<Role> label="Role" value={role} options={ROLES} onChange={setRole} />
        <Field label="Team (optional)" value={team} onChange={setTeam} maxLength={64} autoComplete="off" />
      </div>
      <ErrorLine text={error} />
      <button type="submit" className="btn btn-primary" aria-disabled={busy}>
        Add user
      </button>
    </Form>
  );
}
