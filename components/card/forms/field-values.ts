import type { FieldValue } from '../../../lib/schemas/suggestion';

/** A field value as the text in its input. */
export function toInputText(value: FieldValue): string {
  return value === null ? '' : String(value);
}

/**
 * The value typed for a field, in the type the AI proposed: numbers stay numbers (an empty box clears the field),
 * text stays text. Returns an Error for a number that does not parse.
 */
export function fromInputText(proposed: FieldValue, text: string): FieldValue | Error {
  if (typeof proposed === 'number') {
    if (text.trim() === '') return null;
    const n = Number(text.replace(/,/g, ''));
    return Number.isFinite(n) ? n : new Error(`“${text}” is not a number`);
  }
  if (typeof proposed === 'boolean') return text === 'true';
  if (proposed === null && text === '') return null;
  return text;
}

/** A money amount typed by the reviewer: a non-negative number, or an Error saying why not. */
export function parseAmount(text: string): number | Error {
  const n = Number(text.replace(/,/g, '').trim());
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) return new Error('Enter an amount of zero or more');
  return Math.round(n * 100) / 100;
}
