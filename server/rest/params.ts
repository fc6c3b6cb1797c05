import { z } from 'zod';

/** Path and query parameters of the REST routes, shared by the routes and their OpenAPI document. */
export const suggestionPath = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'not a suggestion id'),
});

export const waitQuery = z.object({
  wait: z.coerce.number().min(0).max(60).default(0),
});
