import { ROLES, type Role } from '../../lib/schemas/common';
import { createUserWithToken, issueToken, listUsers, revokeToken, SYSTEM } from '../services/users';
import { given, say, type Command } from './args';

// Names come from people; a control character must not move the operator's cursor or fake a line.
const printable = (s: string) => s.replace(/\p{Cc}/gu, ' ');

const addUser: Command = {
  name: 'users add',
  synopsis: `--name NAME --role ${ROLES.join('|')} [--team TEAM]`,
  // The role is left to the user schema, the one place that knows the roles.
  options: { name: { required: true }, role: { required: true }, team: {} },
  async run(deps, values) {
    const team = values.team;
    const { user, tokenId, token } = await createUserWithToken(deps, SYSTEM, {
      name: given(values, 'name'),
      role: given(values, 'role') as Role,
      ...(team === undefined ? {} : { team }),
    });
    const who = `${user.role} "${printable(user.name)}"${user.team ? `, team ${printable(user.team)}` : ''}`;
    say(`created ${who}: user ${user.id}, token ${tokenId}; the token follows:`);
    say(token);
    return 0;
  },
};

const list: Command = {
  name: 'users list',
  synopsis: '',
  options: {},
  async run(deps) {
    say(['id', 'name', 'role', 'team', 'tokens'].join('\t'));
    for (const u of await listUsers(deps)) {
      const tokens = u.tokens.map((t) => (t.revoked ? `${t.id} (revoked)` : t.id)).join(', ') || '-';
      say([u.id, printable(u.name), u.role, u.team === null ? '-' : printable(u.team), tokens].join('\t'));
    }
    return 0;
  },
};

const issue: Command = {
  name: 'tokens issue',
  synopsis: '--user USER_ID',
  options: { user: { required: true } },
  async run(deps, values) {
    const userId = given(values, 'user');
    const { tokenId, token } = await issueToken(deps, SYSTEM, userId);
    say(`issued token ${tokenId} for user ${userId}; the token follows:`);
    say(token);
    return 0;
  },
};

const revoke: Command = {
  name: 'tokens revoke',
  synopsis: '--token TOKEN_ID',
  options: { token: { required: true } },
  async run(deps, values) {
    const tokenId = given(values, 'token');
    await revokeToken(deps, SYSTEM, tokenId);
    say(`revoked token ${tokenId}`);
    return 0;
  },
};

export const userCommands: readonly Command[] = [addUser, list, issue, revoke];
