/** Text for values and times as a reviewer reads them. Pure functions: every clock reading is passed in. */

/** Without a currency on the item, amounts are shown in US dollars, the demo CRM's currency. */
const DEFAULT_CURRENCY = 'USD';

export function formatMoney(amount: number, currency = DEFAULT_CURRENCY): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${currency}`;
  }
}

/** A CRM field value: an empty field is named as such rather than shown as a blank. */
export function formatValue(value: string | number | boolean | null): string {
  if (value === null || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return value;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "just now", "4 min ago", "3 h ago", "2 days ago"; future times read "in 4 min". */
export function formatRelative(at: number, now: number): string {
  const diff = now - at;
  const abs = Math.abs(diff);
  const minutes = Math.floor(abs / 60_000);
  const hours = Math.floor(abs / 3_600_000);
  const days = Math.floor(abs / 86_400_000);
  if (abs < 45_000) return 'just now';
  const span =
    minutes < 60 ? `${Math.max(1, minutes)} min` : hours < 24 ? `${hours} h` : `${days} ${days === 1 ? 'day' : 'days'}`;
  return diff >= 0 ? `${span} ago` : `in ${span}`;
}

/** Time left: "4:32" under an hour, "3 h 05 min" under a day, "2 d 3 h" beyond. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86_400);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** What a record type is called in a sentence: "deal", "contact"; opaque type ids become "record". */
export function objectNoun(objectType: string): string {
  return /^[A-Za-z][A-Za-z ]*(?:_[A-Za-z]+)*$/.test(objectType)
    ? objectType.replace(/_/g, ' ').toLowerCase()
    : 'record';
}

/** The record's display name, or its type and id when the suggestion carries no name. */
export function recordLabel(record: { objectType: string; id: string; name?: string }): string {
  if (record.name) return record.name;
  const noun = objectNoun(record.objectType);
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${record.id}`;
}
