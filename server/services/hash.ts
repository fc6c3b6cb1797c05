import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** RFC 8785 canonical JSON, so that a hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('value cannot be canonicalised');
  return s;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export const hashOf = (value: unknown) => sha256(canonicalJson(value));
