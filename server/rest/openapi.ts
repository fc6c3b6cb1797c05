import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as params from './params';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { verifyResult } from '../../lib/schemas/audit';
import { status } from '../../lib/schemas/common';
import { conditionInput, decisionInput, outcomeInput, suggestionDetail } from '../../lib/schemas/decision';
import { ERROR_STATUS, type ErrorCode } from '../../lib/schemas/errors';
import { proposalInput, suggestion } from '../../lib/schemas/suggestion';
import { listQuery } from '../services/suggestions';

/** The proposal shown in the design notes; it doubles as the documented example of a request body. */
export const PROPOSAL_EXAMPLE = {
  type: 'stage_change',
  record: { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' },
  changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }],
  reasons: ['No activity in 45 days', 'Champion left the company'],
  context: { lastActivity: '2026-10-01', owner: 'Dana' },
  confidence: 0.82,
  impact: { amount: 48000, customerFacing: false, reversible: true },
  timeoutSeconds: 300,
  timeoutAction: 'reject',
};

// Named copies of the schemas the services parse with, so the document cannot drift from what the server accepts.
const Proposal = proposalInput.meta({ id: 'ProposalInput', examples: [PROPOSAL_EXAMPLE] });
const Decision = decisionInput.meta({ id: 'DecisionInput' });
const Condition = conditionInput.meta({ id: 'ConditionInput' });
const Outcome = outcomeInput.meta({ id: 'OutcomeInput' });
const Detail = suggestionDetail.meta({ id: 'SuggestionDetail' });
const Summary = suggestion.meta({ id: 'Suggestion' });
const Verify = verifyResult.meta({ id: 'VerifyResult' });

const SuggestionPage = z
  .object({ items: z.array(Summary), nextCursor: z.string().nullable() })
  .meta({ id: 'SuggestionPage', description: 'Newest first; pass `nextCursor` back as `cursor` for the next page.' });

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

// Loose: some errors carry further details (`expiredAt` on a 410), and a client should not break on new ones.
const ErrorBody = z
  .object({
    error: z.looseObject({
      code: z.enum(ERROR_CODES),
      message: z.string().meta({ description: 'For people; clients branch on `code`.' }),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: 'On a 400: messages keyed by the dotted path of each offending field.' }),
      winner: z
        .object({
          decisionId: z.string(),
          kind: z.string(),
          by: z.string(),
          byName: z.string().nullable(),
          at: z.iso.datetime({ offset: true }),
        })
        .nullable()
        .optional()
        .meta({ description: 'On a 409: the decision that won.' }),
      status: status.optional().meta({ description: 'The item’s status when the request was refused.' }),
    }),
  })
  .meta({ id: 'Error' });

const Health = z.object({ ok: z.boolean(), database: z.enum(['sqlite', 'postgres']) }).meta({ id: 'Health' });

const suggestionPath = params.suggestionPath.extend({
  id: params.suggestionPath.shape.id.meta({ description: 'The suggestion id returned by the proposal.' }),
});
const waitQuery = z.object({
  wait: z.number().min(0).max(60).default(0).meta({
    description: 'Seconds to hold the request open while the item is `pending`; 0 answers at once.',
  }),
});
const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .meta({
      param: { id: 'IdempotencyKey' },
      description:
        'Makes a retry safe: the same key with the same body gets the first answer again (with ' +
        '`Idempotent-Replayed: true`); the same key with another body is a 422. Keys are scoped to the token’s user.',
    }),
});
const replayedHeader = z.object({
  'Idempotent-Replayed': z
    .literal('true')
    .optional()
    .meta({ description: 'Present when this is the stored answer to an earlier request with the same key.' }),
});

const errorResponse = (id: string, description: string): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { 'application/json': { schema: ErrorBody } },
});
const ERRORS = {
  400: errorResponse('BadInput', 'Invalid input; `error.fields` names the offending fields.'),
  401: errorResponse('Unauthorized', 'No bearer token, or an unknown or revoked one.'),
  403: errorResponse('Forbidden', 'The role, the tier or the four-eyes rule forbids it.'),
  404: errorResponse('NotFound', 'No such suggestion, or not one this token may see.'),
  409: errorResponse('Conflict', 'Already decided; `error.winner` names the decision that won.'),
  410: errorResponse('Gone', 'The item timed out.'),
  413: errorResponse('BodyTooLarge', 'The body is over 256 KiB.'),
  415: errorResponse('UnsupportedMediaType', 'A content type the server does not parse; send `application/json`.'),
  422: errorResponse('IdempotencyMismatch', 'This Idempotency-Key was already used with a different body.'),
  429: errorResponse('RateLimited', 'Too many requests for this token; try again later.'),
} as const;
type ErrorStatus = keyof typeof ERRORS;
const errors = (...codes: ErrorStatus[]) =>
  Object.fromEntries([401, 429, ...codes].map((c) => [String(c), ERRORS[c as ErrorStatus]]));

const json = (schema: z.ZodType, description: string, extra: Partial<ZodOpenApiResponseObject> = {}) => ({
  description,
  content: { 'application/json': { schema } },
  ...extra,
});
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

const decisionLike = (summary: string, description: string, schema: z.ZodType): ZodOpenApiOperationObject => ({
  summary,
  description,
  requestParams: { path: suggestionPath, header: idempotencyHeader },
  requestBody: body(schema),
  responses: {
    200: json(Detail, 'The suggestion as it now stands.', { headers: replayedHeader }),
    ...errors(400, 403, 404, 409, 410, 413, 415, 422),
  },
});

function build() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Countersign',
      version: '1',
      description:
        'Human approval for AI actions. Agents propose, wait for the decision, execute exactly the approved ' +
        'change set, and report the outcome.',
    },
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `npm run cli -- users add`; sent on every call but `GET /healthz`.',
        },
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness: the server and its database answer',
          security: [],
          responses: { 200: json(Health, 'Up.'), 503: json(Health, 'The database does not answer.') },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          summary: 'This document',
          responses: { 200: { description: 'The OpenAPI 3.1 document.' }, ...errors() },
        },
      },
      '/api/v1/suggestions': {
        post: {
          summary: 'Propose an action',
          description: 'Routes it by the policy in force and answers with the suggestion as routed.',
          requestParams: { header: idempotencyHeader },
          requestBody: body(Proposal),
          responses: {
            201: json(Detail, 'Stored and routed.', { headers: replayedHeader }),
            ...errors(400, 403, 413, 415, 422),
          },
        },
        get: {
          summary: 'List suggestions visible to the token, newest first',
          requestParams: { query: listQuery },
          responses: { 200: json(SuggestionPage, 'One page.'), ...errors(400) },
        },
      },
      '/api/v1/suggestions/{id}': {
        get: {
          summary: 'A suggestion, its status and its decisions',
          requestParams: { path: suggestionPath },
          responses: { 200: json(Detail, 'The suggestion.'), ...errors(400, 404) },
        },
      },
      '/api/v1/suggestions/{id}/decision': {
        get: {
          summary: 'Long-poll for the decision',
          description: 'Answers as soon as the item leaves `pending`, or with its current state when `wait` runs out.',
          requestParams: { path: suggestionPath, query: waitQuery },
          responses: { 200: json(Detail, 'The suggestion as it stands.'), ...errors(400, 404) },
        },
      },
      '/api/v1/suggestions/{id}/decisions': {
        post: decisionLike(
          'Decide',
          'Approve, modify, partially or conditionally approve, reject (with a note), escalate (with a note), ' +
            'or dismiss (risk alerts only). Exactly one concurrent decision wins; the others get a 409.',
          Decision,
        ),
      },
      '/api/v1/suggestions/{id}/condition': {
        post: decisionLike(
          'Confirm or cancel the condition of a conditional approval',
          'Confirmed: the item is approved; cancelled: it is rejected.',
          Condition,
        ),
      },
      '/api/v1/suggestions/{id}/outcome': {
        post: {
          summary: 'Report how the approved change set went',
          description:
            'By the proposing agent or an admin. Reporting the same outcome again answers with the current state.',
          requestParams: { path: suggestionPath },
          requestBody: body(Outcome),
          responses: { 200: json(Detail, 'Executed or failed.'), ...errors(400, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/suggestions/{id}/revert': {
        post: {
          summary: 'Undo an executed change on a connected CRM record',
          description:
            'For reversible items executed by a built-in connector: the record must still hold the approved values; ' +
            'it gets its `from` values back and the item becomes `reverted`.',
          requestParams: { path: suggestionPath },
          responses: { 200: json(Detail, 'Reverted.'), ...errors(400, 403, 404, 409) },
        },
      },
      '/api/v1/audit/verify': {
        get: {
          summary: 'Check the audit chain',
          description: '`ok: false` names the first event whose hash does not hold.',
          responses: { 200: json(Verify, 'The result of the check.'), ...errors(403) },
        },
      },
    },
  });
}

type Document = ReturnType<typeof build>;

/**
 * zod renders each use of the recursive `z.json()` as an anonymous `__schemaN` component; they are one and the
 * same JSON value, so they become one component with a name a reader can follow.
 */
function nameJsonValue(doc: Document): Document {
  const anonymous = Object.keys(doc.components?.schemas ?? {}).filter((k) => k.startsWith('__schema'));
  let text = JSON.stringify(doc);
  for (const k of anonymous) text = text.replaceAll(`"#/components/schemas/${k}"`, '"#/components/schemas/JsonValue"');
  const out = JSON.parse(text) as Document;
  const schemas = out.components?.schemas;
  if (!schemas || anonymous.length === 0) return out;
  const renamed = new Set(anonymous.map((k) => JSON.stringify(schemas[k])));
  if (renamed.size !== 1) throw new Error(`unnamed schemas that are not all the JSON value: ${anonymous.join(', ')}`);
  schemas.JsonValue = schemas[anonymous[0]!]!;
  for (const k of anonymous) delete schemas[k];
  return out;
}

let memo: Document | undefined;

/** The OpenAPI 3.1 document of the REST API, built once from the schemas the server parses with. */
export function openApiDocument() {
  return (memo ??= nameJsonValue(build()));
}

/** Serves the document at `/api/v1/openapi.json`, behind the bearer check that covers all of `/api/v1`. */
export function registerOpenApiRoute(app: FastifyInstance) {
  app.get('/api/v1/openapi.json', async () => openApiDocument());
}
