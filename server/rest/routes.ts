import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../http/bearer';
import { verifyAudit } from '../services/audit';
import { decide } from '../services/decisions';
import { revertSuggestion } from '../executors/revert';
import type { Deps } from '../services/deps';
import { AppError } from '../services/errors';
import { reportOutcome, resolveCondition } from '../services/follow-ups';
import { idempotencyKey, type Answer } from '../services/idempotency';
import { parseInput } from '../services/parse';
import { getSuggestion, listSuggestions, propose } from '../services/suggestions';
import { authenticate, type Actor } from '../services/users';
import { waitForDecision } from './long-poll';
import { registerOpenApiRoute } from './openapi';
import { suggestionPath, waitQuery } from './params';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

const actorOf = (req: FastifyRequest) => {
  if (!req.actor) throw new AppError('UNAUTHORIZED', 'a bearer token is required');
  return req.actor;
};
const keyOf = (req: FastifyRequest) => idempotencyKey(req.headers['idempotency-key']);
const requireAgent = (a: Actor) => {
  if (a.role !== 'agent' && a.role !== 'admin') throw new AppError('FORBIDDEN', 'only agents and admins propose');
};

/** Sends an answer of `once`, marking a replayed one; a stored answer goes out as it was stored. */
const send = <T>(reply: FastifyReply, a: Answer<T>) => {
  if (a.replayed) reply.header('Idempotent-Replayed', 'true');
  if (a.json !== undefined) return reply.code(a.status).type('application/json; charset=utf-8').send(a.json);
  return reply.code(a.status).send(a.body);
};

/** The REST contract for agents and other channels; the same services as tRPC. */
export function registerRestRoutes(app: FastifyInstance, deps: Deps) {
  // After every onRequest hook, the rate limit's included, so that a refused token counts against its caller too;
  // before the body is read.
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (req.url.startsWith('/api/v1/')) req.actor = await authenticate(deps, bearerToken(req));
    return payload;
  });

  app.post('/api/v1/suggestions', async (req, reply) => {
    const actor = actorOf(req);
    requireAgent(actor);
    return send(reply, await propose(deps, actor, req.body, keyOf(req)));
  });

  app.get('/api/v1/suggestions', async (req) => listSuggestions(deps, actorOf(req), req.query));

  app.get('/api/v1/suggestions/:id', async (req) =>
    getSuggestion(deps, actorOf(req), parseInput(suggestionPath, req.params).id),
  );

  app.get('/api/v1/suggestions/:id/decision', async (req) => {
    const { id } = parseInput(suggestionPath, req.params);
    const { wait } = parseInput(waitQuery, req.query);
    const aborted = new AbortController();
    req.raw.on('close', () => aborted.abort());
    return waitForDecision(deps, actorOf(req), id, wait, aborted.signal);
  });

  app.post('/api/v1/suggestions/:id/decisions', async (req, reply) => {
    const { id } = parseInput(suggestionPath, req.params);
    return send(reply, await decide(deps, actorOf(req), id, req.body, keyOf(req)));
  });

  app.post('/api/v1/suggestions/:id/condition', async (req, reply) => {
    const { id } = parseInput(suggestionPath, req.params);
    return send(reply, await resolveCondition(deps, actorOf(req), id, req.body, keyOf(req)));
  });

  registerOpenApiRoute(app);

  app.get('/api/v1/audit/verify', async (req) => {
    actorOf(req);
    return verifyAudit(deps);
  });

  app.post('/api/v1/suggestions/:id/revert', async (req) =>
    revertSuggestion(deps, actorOf(req), parseInput(suggestionPath, req.params).id),
  );

  app.post('/api/v1/suggestions/:id/outcome', async (req) =>
    reportOutcome(deps, actorOf(req), parseInput(suggestionPath, req.params).id, req.body),
  );
}
