import { z } from 'zod';
import { AppError } from './errors';

/** Field-by-field messages, keyed by the dotted path of the offending field. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '(body)';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses service input, turning a zod failure into a 400 that names the fields. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new AppError('BAD_INPUT', 'the input is not valid', { fields: fieldErrors(r.error) });
  return r.data;
}
