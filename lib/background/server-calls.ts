import type { ApiClient } from '../api/client';
import type { CountersignDb } from '../db/schema';
import { setCachedPolicy } from '../db/policy';
import { asSessionOwner, getSession } from '../db/session';
import type { Message, ReplyData, StoredPolicy } from '../messages';
import { classifyFailure } from '../sync/api-failure';
import { recordFailure, recordReachable } from '../sync/record-connection';
import { ReplyError } from './reply-error';
import type { CreateApi } from './sync-engine';

/**
 * The messages the background answers by calling the server with the user's token, each with what a refusal means,
 * in the words the options page shows.
 */
const FORBIDDEN = {
  'policy.get': 'You are not allowed to read the policy',
  'policy.update': 'Only admins can change the policy',
  'killSwitch.set': 'Only admins can change the policy',
  'users.list': 'Only admins can manage users and tokens',
  'agents.list': 'Only managers and admins see the agents',
  'users.add': 'Only admins can manage users and tokens',
  'tokens.issue': 'Only admins can manage users and tokens',
  'tokens.revoke': 'Only admins can manage users and tokens',
  'audit.verify': 'You are not allowed to verify the audit trail',
  'audit.list': 'Only admins can read the audit trail',
  'audit.export': 'Only admins can export the audit trail',
  'metrics.get': 'Only admins can read the metrics',
  'revert.preview': 'Only managers and admins revert executions in bulk',
  'revert.many': 'Only managers and admins revert executions in bulk',
} satisfies Partial<Record<Message['type'], string>>;

type ServerCall = Extract<Message, { type: keyof typeof FORBIDDEN }>;

export const isServerCall = (msg: Message): msg is ServerCall => Object.hasOwn(FORBIDDEN, msg.type);

const NOT_FOUND: Partial<Record<ServerCall['type'], string>> = {
  'tokens.issue': 'This user no longer exists',
  'tokens.revoke': 'This token no longer exists',
};

function run(api: ApiClient, msg: ServerCall): Promise<ReplyData[ServerCall['type']]> {
  switch (msg.type) {
    case 'policy.get':
      return api.policy.get.query();
    case 'policy.update':
      return api.policy.update.mutate({ ...msg.policy, basedOn: msg.basedOn });
    case 'killSwitch.set':
      return api.policy.setKillSwitch.mutate(msg.change);
    case 'users.list':
      return api.users.list.query();
    case 'agents.list':
      return api.users.agents.query();
    case 'users.add':
      return api.users.add.mutate(msg.user);
    case 'tokens.issue':
      return api.users.issueToken.mutate({ userId: msg.userId });
    case 'tokens.revoke':
      return api.users.revokeToken.mutate({ tokenId: msg.tokenId }).then(() => ({ revoked: true as const }));
    case 'audit.verify':
      return api.audit.verify.query();
    case 'audit.list':
      return api.audit.list.query(msg.query);
    case 'audit.export':
      return api.audit.export.query(msg.query);
    case 'metrics.get':
      return api.metrics.get.query(msg.query);
    case 'revert.preview':
      return api.suggestions.revertPreview.query(msg.query);
    case 'revert.many':
      return api.suggestions.revertMany.mutate(msg.query);
  }
}

/**
 * Makes the call with the signed-in user's token and turns a failure into a ReplyError with a message for people.
 * A refused token or a lost connection is also recorded in the connection state, as a sync failure would be, and an
 * answer records the connection as up.
 */
export async function callServer(
  db: CountersignDb,
  createApi: CreateApi,
  msg: ServerCall,
): Promise<ReplyData[ServerCall['type']]> {
  const session = await getSession(db);
  if (!session) throw new ReplyError('Sign in first', 'SIGNED_OUT');
  let answer: ReplyData[ServerCall['type']];
  try {
    answer = await run(createApi(session.serverUrl, session.token), msg);
  } catch (err) {
    const failure = classifyFailure(err);
    await recordFailure(db, failure);
    switch (failure.kind) {
      case 'unauthorized':
        throw new ReplyError('The server no longer accepts your token: sign in again', 'UNAUTHORIZED');
      case 'transient':
        throw failure.connection === 'offline'
          ? new ReplyError('You are offline: try again once the connection is back', 'OFFLINE')
          : new ReplyError(`Could not reach the server (${failure.message})`, 'UNREACHABLE');
      case 'refused':
        if (failure.code === 'FORBIDDEN') throw new ReplyError(FORBIDDEN[msg.type], 'FORBIDDEN');
        if (failure.code === 'NOT_FOUND') throw new ReplyError(NOT_FOUND[msg.type] ?? failure.message, 'NOT_FOUND');
        throw new ReplyError(`The server refused this: ${failure.message}`, failure.code);
      case 'conflict':
        throw new ReplyError(failure.message, 'CONFLICT');
      case 'gone':
        throw new ReplyError(failure.message, 'GONE');
    }
  }
  // An answer proves the server reachable again, which lets decisions queued while it was not go at once.
  await recordReachable(db);
  // A policy read or changed here is the one in force: open panels measure risk against it from now on.
  if (msg.type === 'policy.get' || msg.type === 'policy.update' || msg.type === 'killSwitch.set') {
    await asSessionOwner(db, session.token, () => setCachedPolicy(db, (answer as StoredPolicy).policy));
  }
  return answer;
}
