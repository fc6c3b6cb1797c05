import type { FastifyRequest } from 'fastify';

/** The token of an `Authorization: Bearer …` header, for REST and tRPC alike; any other scheme carries none. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice('Bearer '.length).trim() : undefined;
}
