import { z } from 'zod';
import { role, text } from './common';

export const userInput = z.strictObject({
  name: text(100),
  role,
  team: text(64).optional(),
});
export type UserInput = z.infer<typeof userInput>;

export const user = z.object({
  id: z.string(),
  name: z.string(),
  role,
  team: z.string().nullable(),
});
export type User = z.infer<typeof user>;
