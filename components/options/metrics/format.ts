/** A share as a percentage with one decimal, or a dash where there is nothing to divide. */
export const percent = (share: number | null): string =>
  share === null ? '—' : `${(Math.round(share * 1000) / 10).toLocaleString('en')} %`;

/** A wait in the largest unit that reads well: 45 s, 10 min, 2.5 h, 3.2 d. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en');
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${one(ms / 3_600_000)} h`;
  return `${one(ms / 86_400_000)} d`;
}

/** A confidence or threshold as the policy editor shows it: 0.8, 0.85. */
export const threshold = (t: number): string => String(Math.round(t * 100) / 100);

/** `stage_change` as people read it. */
export const typeName = (type: string): string => type.replace(/_/g, ' ');
