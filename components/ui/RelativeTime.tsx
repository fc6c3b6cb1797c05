import { formatRelative } from '../../lib/text/format';

/** "2 min ago", with the exact time on hover and in the markup. */
export function RelativeTime({ at, now }: { at: number; now: number }) {
  if (!Number.isFinite(at)) return null;
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={new Date(at).toLocaleString()}>
      {formatRelative(at, now)}
    </time>
  );
}
