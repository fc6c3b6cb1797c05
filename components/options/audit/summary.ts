import type { AuditPayload } from '../../../lib/schemas/audit';

const MAX = 160;

/** Text on one line: runs of white space (line breaks included) become one space; long text ends in "…". */
export function oneLine(text: string, max = MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const quoted = (text: string | null) => (text ? ` — '${text}'` : '');

function proposal(input: Record<string, unknown>): string {
  const record = (input.record ?? {}) as { name?: unknown; id?: unknown };
  const on = typeof record.name === 'string' ? record.name : typeof record.id === 'string' ? record.id : null;
  const type = typeof input.type === 'string' ? input.type : 'an action';
  const confidence = typeof input.confidence === 'number' ? ` (confidence ${input.confidence})` : '';
  return `proposed: ${type}${on ? ` on ${on}` : ''}${confidence}`;
}

/**
 * What an audit event records, in a line for people: "decided: approve — 'looks right'", "policy changed". The
 * payload holds AI and user text; the caller renders this as text. `nameOf` turns a user id into a name.
 */
export function summarize(p: AuditPayload, nameOf: (id: string) => string = (id) => id): string {
  switch (p.kind) {
    case 'proposed':
      return oneLine(proposal(p.input));
    case 'routed':
      return oneLine(`routed: ${p.lane}, ${p.tier} tier${quoted(p.reason.detail)}`);
    case 'decided': {
      const condition = p.condition ? `, on condition '${p.condition}'` : '';
      return oneLine(`decided: ${p.decision}${condition}${quoted(p.note)}`);
    }
    case 'condition_resolved':
      return oneLine(`condition ${p.confirmed ? 'confirmed' : 'cancelled'}${quoted(p.note)}`);
    case 'timed_out':
      return `timed out: ${p.action}`;
    case 'escalated':
      return oneLine(`escalated: ${p.fromTier} → ${p.toTier}${quoted(p.note)}`);
    case 'outcome':
      return oneLine(`${p.ok ? 'executed' : 'execution failed'}${quoted(p.detail)}`);
    case 'reverted':
      return oneLine(`reverted${quoted(p.detail)}`);
    case 'policy_changed':
      return 'policy changed';
    case 'kill_switch': {
      const what =
        p.scope === 'global' ? 'global kill switch' : `kill switch for ${p.scope.replace('_', ' ')} ${p.target}`;
      return oneLine(`${what} ${p.mode ? `set to ${p.mode}` : 'off'}${quoted(p.reason)}`);
    }
    case 'user_created':
      return oneLine(`user created: ${p.name} (${p.role})`);
    case 'token_issued':
      return oneLine(`token issued to ${nameOf(p.userId)}`);
    case 'token_revoked':
      return oneLine(`token revoked (${nameOf(p.userId)})`);
  }
}
