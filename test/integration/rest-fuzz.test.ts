import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES } from '../../lib/schemas/common';
import { decide } from '../../server/services/decisions';
import { propose } from '../../server/services/suggestions';
import { backends, type Backend } from '../helpers/backends';
import { dbStateReader, type DbState } from '../helpers/db-state';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal } from '../helpers/people';

const S = '/api/v1/suggestions';
const RUNS = 200;
/** Nesting far past the server's limit: refused as input, never a stack overflow. */
const MAX_FUZZ_DEPTH = 20_000;

interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const keepAlive = new Agent({ keepAlive: true });

/** A raw request: unlike fetch, it sends any header bytes, any body, and any content type as given. */
function send(base: string, r: Req): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        agent: keepAlive,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** JSON text with pieces no JS value serialises to (1e309, deep nesting, duplicate keys) spliced in. */
class Raw {
  constructor(readonly text: string) {}
}
function render(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Raw ? `@@raw${raws.push(v.text) - 1}@@` : v));
  return (text ?? 'undefined').replace(/"@@raw(\d+)@@"/g, (_, i: string) => raws[Number(i)]!);
}
const safeJson = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return String(v);
  }
};

type Path = (string | number)[];
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = (
    root !== null && typeof root === 'object' ? (Array.isArray(root) ? [...root] : { ...root }) : {}
  ) as Record<string | number, unknown>;
  base[head!] = setAt(base[head!], rest, value);
  return base;
}
function dropAt(root: unknown, path: Path): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return root;
  const [head, ...rest] = path;
  const base = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  if (rest.length === 0) delete base[head!];
  else base[head!] = dropAt(base[head!], rest);
  return base;
}

const nested = (depth: number, open: string, leaf: string, close: string) =>
  new Raw(open.repeat(depth) + leaf + close.repeat(depth));
const unicode = fc.string({ unit: 'binary', maxLength: 60 });
/** Characters that have broken text handling somewhere: NUL and controls, lone surrogates, BOM, RTL override. */
const nasty = fc.string({
  unit: fc.constantFrom(
    'a',
    ' ',
    '\u0000',
    '\u0007',
    '\n',
    '"',
    '\\',
    'é',
    '\u202e',
    '\ud800',
    '\udfff',
    '😀',
    '\ufeff',
  ),
  minLength: 1,
  maxLength: 40,
});
const deep = fc
  .integer({ min: 1, max: MAX_FUZZ_DEPTH })
  .chain((d) => fc.constantFrom(nested(d, '[', '', ']'), nested(d, '{"a":', '1', '}')));
const odd = fc.oneof(
  fc.anything(),
  fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }),
  unicode,
  nasty,
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  deep,
  fc
    .constantFrom('1e309', '-1e309', 'NaN', '"NaN"', 'Infinity', '-0', '1e-400', '9007199254740993', '0x10', '.5', '01')
    .map((t) => new Raw(t)),
  fc
    .constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}')
    .map((t) => new Raw(t)),
);

/** Where a valid body can be changed: any field, its string fields, and where it takes any JSON at all. */
interface Shape {
  fields: Path[];
  strings: Path[];
  json?: Path[];
}

/**
 * A valid body, as it is or with up to three changes: a field dropped, a field replaced by something odd, a string
 * replaced by a nasty one of the right type (so it reaches the database), deep nesting where any JSON goes, an extra
 * key.
 */
function mutated(valid: Record<string, unknown>, shape: Shape): fc.Arbitrary<string> {
  const parents = shape.fields.filter((p) => p.length > 1).map((p) => p.slice(0, -1));
  const set = (paths: Path[], values: fc.Arbitrary<unknown>) =>
    fc.tuple(fc.constantFrom(...paths), values).map(
      ([p, x]) =>
        (v: unknown) =>
          setAt(v, p, x),
    );
  const mutation = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...shape.fields).map((p) => (v: unknown) => dropAt(v, p)) },
    { weight: 2, arbitrary: set(shape.fields, odd) },
    { weight: 3, arbitrary: set(shape.strings, nasty) },
    ...(shape.json ? [{ weight: 1, arbitrary: set(shape.json, deep) }] : []),
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom<Path>([], ...parents), nasty, odd).map(
        ([p, k, x]) =>
          (v: unknown) =>
            setAt(v, [...p, k], x),
      ),
    },
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(render(valid)) },
    {
      weight: 3,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => render(ms.reduce<unknown>((v, m) => m(v), valid))),
    },
  );
}

/** Any body at all: JSON values, JS values serialised, mutated valid bodies, raw text and raw bytes. */
const bodies = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue({ stringUnit: 'binary' }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.anything().map(safeJson) },
    { weight: 1, arbitrary: unicode },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')) },
  );

const headerSafe = (s: string) =>
  Buffer.from(s, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
const idempotencyKeys = fc.option(
  fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 1, maxLength: 40 }),
    unicode.map(headerSafe),
    fc.integer({ min: 190, max: 8_000 }).map((n) => 'k'.repeat(n)),
  ),
  { nil: undefined, freq: 2 },
);
const contentTypes = fc.oneof(
  { weight: 9, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
    ),
  },
);
/** Mostly someone allowed to make the call, so that valid bodies get through and change the state. */
const whos = (...allowed: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...allowed) },
    { weight: 1, arbitrary: fc.constantFrom('agent', 'rep', 'manager', 'admin', 'none', 'bogus') },
  );

/** Percent-encodes every UTF-8 byte; a lone surrogate goes out as U+FFFD, as any HTTP client would send it. */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const queryKeys = fc.oneof(
  fc.constantFrom('status', 'crm', 'recordId', 'type', 'cursor', 'limit', 'wait', '__proto__', 'status[]', 'a[b]'),
  fc.string({ maxLength: 10 }),
);
const queryValues = fc.oneof(
  fc.constantFrom(...STATUSES, 'hubspot', 'stage_change', '456', '0', '1', '100', '101', '-1', '1e309', 'NaN', ''),
  unicode,
  nasty,
  fc.string({ maxLength: 40 }).map((s) => Buffer.from(s).toString('base64url')),
  fc.integer({ min: 0, max: 2 ** 53 }).map((n) => Buffer.from(`s${n}`).toString('base64url')),
);
const queryStrings = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.tuple(queryKeys, queryValues).map(([k, v]) => `${pct(k)}=${pct(v)}`) },
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%ff', '%C0%AF', '+', '&&', '==', 'limit', 'status=') },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('&'));

describe.each(await backends())('REST fuzz on $name', (backend: Backend) => {
  let h: HttpEnv;
  let snapshot: () => Promise<DbState>;
  const target = { pending: '', awaiting: '', approved: '' };
  const fresh = {
    pending: async () => (await propose(h.deps, h.people.agent.actor, dealProposal())).body.id,
    approved: async () => (await propose(h.deps, h.people.agent.actor, dealProposal({ confidence: 0.95 }))).body.id,
    awaiting: async () => {
      const id = await fresh.pending();
      await decide(h.deps, h.people.rep.actor, id, { kind: 'conditional', condition: 'the customer confirms' });
      return id;
    },
  };

  beforeAll(async () => {
    h = await openHttpEnv(backend);
    snapshot = await dbStateReader(h.deps);
    target.pending = await fresh.pending();
    target.awaiting = await fresh.awaiting();
    target.approved = await fresh.approved();
  });
  afterAll(() => h.close());

  const tokenOf = (who: string) =>
    who === 'none'
      ? undefined
      : who === 'bogus'
        ? 'cs_bogus'
        : h.people[who as 'agent' | 'rep' | 'manager' | 'admin'].token;

  function build(method: 'GET' | 'POST', path: string, who: string, key?: string, type?: string, body?: string): Req {
    const token = tokenOf(who);
    return {
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
        ...(type === undefined || body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body: Buffer.from(body) }),
    };
  }

  /** The property every request must hold: never a 5xx, and a refusal leaves the database exactly as it was. */
  async function holds(r: Req, onSuccess?: () => Promise<void>) {
    const before = await snapshot();
    const res = await send(h.url, r);
    const what = `${r.method} ${r.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, what).toBeGreaterThanOrEqual(200);
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400) {
      expect(await snapshot(), what).toEqual(before);
      const body = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
      expect(body.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    } else {
      await onSuccess?.();
    }
  }

  const ids = (main: () => string) =>
    fc.oneof(
      // Read when the run is generated, so each run aims at the target as the previous runs left it.
      { weight: 8, arbitrary: fc.constant(null).map(() => main()) },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.constant('00000000-0000-4000-8000-000000000000'),
          nasty.map(pct),
          fc.integer({ min: 60, max: 6_000 }).map((n) => 'a'.repeat(n)),
          fc.constantFrom('%', '%zz', '..', '%2F', '%2e%2e'),
        ),
      },
    );
  const settings = { numRuns: RUNS };

  it('POST /suggestions', async () => {
    const valid = dealProposal({ assignee: { team: 'west' }, draft: { subject: 'Hi', body: 'Hello' }, amount: 10 });
    const shape: Shape = {
      fields: [
        ['type'],
        ['record'],
        ['record', 'crm'],
        ['record', 'objectType'],
        ['record', 'id'],
        ['record', 'name'],
        ['changes'],
        ['changes', 0],
        ['changes', 0, 'field'],
        ['changes', 0, 'from'],
        ['changes', 0, 'to'],
        ['draft', 'body'],
        ['amount'],
        ['reasons'],
        ['reasons', 0],
        ['context'],
        ['context', 'owner'],
        ['confidence'],
        ['impact'],
        ['impact', 'amount'],
        ['impact', 'customerFacing'],
        ['priority'],
        ['assignee'],
        ['assignee', 'team'],
        ['timeoutSeconds'],
        ['timeoutAction'],
      ],
      strings: [
        ['record', 'objectType'],
        ['record', 'id'],
        ['record', 'name'],
        ['changes', 0, 'field'],
        ['changes', 0, 'label'],
        ['changes', 0, 'from'],
        ['changes', 0, 'to'],
        ['draft', 'subject'],
        ['draft', 'body'],
        ['reasons', 0],
        ['context', 'owner'],
        ['assignee', 'team'],
      ],
      json: [
        ['context', 'owner'],
        ['context', 'nested', 'deeper'],
      ],
    };
    await fc.assert(
      fc.asyncProperty(
        whos('agent', 'admin'),
        idempotencyKeys,
        contentTypes,
        bodies(mutated(valid, shape)),
        async (who, key, type, body) => holds(build('POST', S, who, key, type, body)),
      ),
      settings,
    );
  });

  it('POST /suggestions/{id}/decisions', async () => {
    const valid = fc.constantFrom<Record<string, unknown>>(
      { kind: 'approve', note: 'ok', openedMs: 1_000 },
      { kind: 'modify', changes: [{ field: 'dealstage', to: 'Closed Won' }] },
      { kind: 'partial', changes: [{ field: 'dealstage' }] },
      { kind: 'conditional', condition: 'the customer confirms' },
      { kind: 'reject', note: 'no' },
      { kind: 'escalate', note: 'bigger than it looks' },
      { kind: 'dismiss' },
    );
    const shape: Shape = {
      fields: [
        ['kind'],
        ['note'],
        ['openedMs'],
        ['changes'],
        ['changes', 0, 'field'],
        ['changes', 0, 'to'],
        ['condition'],
        ['amount'],
        ['draft'],
      ],
      strings: [['note'], ['condition'], ['changes', 0, 'field'], ['changes', 0, 'to']],
    };
    const body = bodies(valid.chain((v) => mutated(v, shape)));
    await fc.assert(
      fc.asyncProperty(
        whos('rep', 'manager'),
        ids(() => target.pending),
        idempotencyKeys,
        contentTypes,
        body,
        async (who, id, key, type, b) =>
          holds(build('POST', `${S}/${id}/decisions`, who, key, type, b), async () => {
            target.pending = await fresh.pending();
          }),
      ),
      settings,
    );
  });

  it('POST /suggestions/{id}/condition', async () => {
    const valid = fc.constantFrom<Record<string, unknown>>(
      { confirmed: true, note: 'confirmed by phone' },
      { confirmed: false },
    );
    const body = bodies(valid.chain((v) => mutated(v, { fields: [['confirmed'], ['note']], strings: [['note']] })));
    await fc.assert(
      fc.asyncProperty(
        whos('rep', 'manager'),
        ids(() => target.awaiting),
        idempotencyKeys,
        contentTypes,
        body,
        async (who, id, key, type, b) =>
          holds(build('POST', `${S}/${id}/condition`, who, key, type, b), async () => {
            target.awaiting = await fresh.awaiting();
          }),
      ),
      settings,
    );
  });

  it('POST /suggestions/{id}/outcome', async () => {
    const valid = fc.constantFrom<Record<string, unknown>>({ ok: true, detail: 'moved the stage' }, { ok: false });
    const body = bodies(valid.chain((v) => mutated(v, { fields: [['ok'], ['detail']], strings: [['detail']] })));
    await fc.assert(
      fc.asyncProperty(
        whos('agent'),
        ids(() => target.approved),
        contentTypes,
        body,
        async (who, id, type, b) =>
          holds(build('POST', `${S}/${id}/outcome`, who, undefined, type, b), async () => {
            target.approved = await fresh.approved();
          }),
      ),
      settings,
    );
  });

  it('GET /suggestions?…', async () => {
    await fc.assert(
      fc.asyncProperty(whos('agent', 'rep', 'manager'), queryStrings, async (who, query) =>
        holds(build('GET', `${S}?${query}`, who)),
      ),
      settings,
    );
  });

  describe('inputs that once broke the contract', () => {
    const post = async (path: string, body: unknown, who = 'agent') =>
      (await send(h.url, build('POST', path, who, undefined, 'application/json', render(body)))).status;

    it('a malformed path is answered in the shared error shape', async () => {
      const r = await send(h.url, build('GET', `${S}/%zz`, 'agent'));
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toMatchObject({ code: 'BAD_INPUT', message: expect.any(String) });
    });

    it('a proposal whose context nests 10,000 deep is a 400, not a 500', async () => {
      expect(await post(S, dealProposal({ context: { deep: nested(10_000, '[', '', ']') } }))).toBe(400);
    });

    it('NUL in a record id is refused with a 400', async () => {
      const record = { crm: 'hubspot', objectType: 'deal', id: 'a\u0000b' };
      expect(await post(S, dealProposal({ record }))).toBe(400);
    });

    it('NUL in a list filter is refused with a 400', async () => {
      expect((await send(h.url, build('GET', `${S}?recordId=a%00b`, 'agent'))).status).toBe(400);
    });

    it('NUL in a decision note is refused with a 400', async () => {
      const id = await fresh.pending();
      expect(await post(`${S}/${id}/decisions`, { kind: 'reject', note: 'a\u0000b' }, 'rep')).toBe(400);
    });
  });
});
