import {
  connectOrderCloud,
  getOrderCloudConnectionSecrets,
  createApiKeyStore,
  keyringFromConfig,
} from '@ledgerbridge/xero-app';
import { createFakeOrderCloudAdmin } from '@ledgerbridge/xero-app/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { sql } from 'kysely';
import { type BareApp, signedInWorkspace, startBareApp } from '../support/bare-app.ts';

// Generated requests against every route the router holds (malformed bodies, headers, encodings,
// sizes and IDs; with and without a session and its CSRF token; well and badly signed webhooks). For
// each: no 5xx, an answer from the documented set, and no row stored when the answer refuses.

/** Every status the app documents for its public endpoints (docs/reliability.md); 201 is a new API key, shown once. */
export const documentedStatuses = new Set([
  200, 201, 202, 204, 301, 302, 303, 400, 401, 403, 404, 405, 413, 422, 429,
]);

export type FuzzFigures = {
  cases: number;
  fiveXX: number;
  stored: number;
  outsideDocumented: number;
  perRoute: Record<string, number>;
  failures: string[];
  /** Requests that got no HTTP answer on a pooled connection and were sent again on a fresh one. */
  transportRetries: number;
  /** Each of those, with the error and the request sent before it (what the connection carried last). */
  transportFailures: string[];
};

type Fixture = {
  app: BareApp;
  a: Awaited<ReturnType<typeof signedInWorkspace>>;
  b: Awaited<ReturnType<typeof signedInWorkspace>>;
  connectionId: string;
  otherConnectionId: string;
  hashKey: string;
  apiKey: string;
  otherApiKey: string;
  webhookKey: string;
};

async function openFixture(): Promise<Fixture> {
  // Limits scaled up: one address sends every case; 429 stays in the documented set regardless.
  const app = await startBareApp({ RATE_LIMIT_SCALE: '100' });
  const db = app.infra.database.db;
  const a = await signedInWorkspace(app, 'Fuzz A');
  const b = await signedInWorkspace(app, 'Fuzz B');
  const keyring = keyringFromConfig(app.infra.config);
  const deps = { db, keyring, admin: createFakeOrderCloudAdmin().admin, publicUrl: app.server.url };
  const connect = async (workspaceId: string) => {
    const connected = await connectOrderCloud(deps, {
      workspaceId,
      actor: 'fuzz',
      name: 'm',
      apiUrl: 'https://api.ordercloud.io',
      clientId: 'c',
      clientSecret: 's',
    });
    if (!connected.ok) throw new Error(connected.error.message);
    return connected.value.connectionId;
  };
  const connectionId = await connect(a.workspaceId);
  const otherConnectionId = await connect(b.workspaceId);
  const secrets = await getOrderCloudConnectionSecrets({ db, keyring }, connectionId);
  const keys = createApiKeyStore(db);
  return {
    app,
    a,
    b,
    connectionId,
    otherConnectionId,
    hashKey: secrets?.hashKey ?? '',
    apiKey: (await keys.create({ workspaceId: a.workspaceId, name: 'fuzz', actor: 'fuzz' })).key,
    otherApiKey: (await keys.create({ workspaceId: b.workspaceId, name: 'fuzz', actor: 'fuzz' })).key,
    webhookKey: app.infra.config.XERO_WEBHOOK_KEY,
  };
}

/** Row counts of every table (the app's and the queue's) in one statement. */
async function rowCounter(app: BareApp): Promise<() => Promise<Record<string, number>>> {
  const db = app.infra.database.db;
  const { rows } = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      and table_name not in ('kysely_migration', 'kysely_migration_lock', 'sessions')`.execute(db);
  const parts = rows.map((t) => sql`(select count(*)::int from ${sql.table(`${t.schema}.${t.name}`)})`);
  const aliases = rows.map((t) => `${t.schema}.${t.name}`);
  const select = sql.join(
    parts.map((p, i) => sql`${p} as ${sql.ref(`t${i}`)}`),
    sql`, `,
  );
  return async () => {
    const result = await sql<Record<string, number>>`select ${select}`.execute(db);
    const row = result.rows[0] ?? {};
    return Object.fromEntries(aliases.map((name, i) => [name, Number(row[`t${i}`] ?? 0)]));
  };
}

type Body = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

type Case = {
  route: { method: string; path: string };
  method: string;
  params: Record<string, string>;
  query: string;
  session: 'none' | 'own' | 'forged';
  csrf: 'none' | 'own' | 'other' | 'junk';
  contentType: string | undefined;
  body: Body;
  signature: 'none' | 'valid' | 'junk';
  auth: 'none' | 'own' | 'other' | 'junk';
  forwardedFor: string | undefined;
};

function caseArbitrary(routes: ReadonlyArray<{ method: string; path: string }>, f: Fixture) {
  const idLike = fc.oneof(
    fc.constantFrom(
      f.connectionId,
      f.otherConnectionId,
      f.a.workspaceId,
      f.b.workspaceId,
      randomUUID(),
      'dev',
      'prod',
      'qa',
      '..%2f..%2fetc%2fpasswd',
      '%',
      '%zz',
      "1' or '1'='1",
      'ORDER-1',
      '\u0000',
      '%00',
      'é',
      '🧾',
    ),
    fc.string({ maxLength: 40 }),
    fc.string({ minLength: 200, maxLength: 400 }),
  );
  const ocEnvelope = fc.record({
    Route: fc.constantFrom(
      'v1/orders/{direction}/{orderID}/submit',
      'v1/orders/{direction}/{orderID}/payments',
      'v1/products/{productID}',
      'nope',
    ),
    RouteParams: fc.dictionary(
      fc.constantFrom('direction', 'orderID', 'paymentID'),
      fc.string({ maxLength: 20 }),
    ),
    Verb: fc.constantFrom('POST', 'PATCH', 'GET', ''),
    Date: fc.oneof(fc.constant(new Date().toISOString()), fc.string({ maxLength: 12 })),
    LogID: fc.oneof(fc.uuid(), fc.string({ maxLength: 120 })),
    UserToken: fc.oneof(fc.constant(null), fc.string({ maxLength: 30 })),
    Request: fc.oneof(fc.constant(null), fc.record({ Body: fc.jsonValue({ maxDepth: 2 }) })),
    Response: fc.oneof(fc.constant(null), fc.record({ Body: fc.jsonValue({ maxDepth: 2 }) })),
  });
  const xeroEnvelope = fc.record({
    events: fc.array(
      fc.record({
        resourceUrl: fc.string({ maxLength: 20 }),
        resourceId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
        eventDateUtc: fc.string({ maxLength: 25 }),
        eventType: fc.constantFrom('UPDATE', 'CREATE', 'x'),
        eventCategory: fc.constantFrom('INVOICE', 'CONTACT', 'PAYMENT'),
        tenantId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
        tenantType: fc.constantFrom('ORGANISATION', ''),
      }),
      { maxLength: 3 },
    ),
    firstEventSequence: fc.integer(),
    lastEventSequence: fc.integer(),
    entropy: fc.string({ maxLength: 10 }),
  });
  const form = fc
    .dictionary(
      fc.constantFrom(
        'name',
        'apiUrl',
        'clientId',
        'clientSecret',
        'environment',
        'xeroConnectionId',
        'ordercloudConnectionId',
        'x',
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          'https://127.0.0.1',
          'http://169.254.169.254/',
          'https://0x7f000001',
          'wrong',
          f.otherConnectionId,
        ),
      ),
    )
    .map((d) => new URLSearchParams(d).toString());
  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 2, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    {
      weight: 3,
      arbitrary: fc
        .jsonValue({ maxDepth: 3 })
        .map((v): Body => ({ kind: 'text', text: JSON.stringify(v) ?? 'null' })),
    },
    { weight: 4, arbitrary: ocEnvelope.map((v): Body => ({ kind: 'text', text: JSON.stringify(v) })) },
    { weight: 2, arbitrary: xeroEnvelope.map((v): Body => ({ kind: 'text', text: JSON.stringify(v) })) },
    { weight: 3, arbitrary: form.map((text): Body => ({ kind: 'text', text })) },
    {
      weight: 2,
      arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes): Body => ({ kind: 'bytes', bytes })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({
        kind: 'text',
        text: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nbroken',
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 70_000, max: 1_300_000 })
        .map((n): Body => ({ kind: 'text', text: `name=${'a'.repeat(n)}` })),
    },
  );
  return fc.record<Case>({
    route: fc.constantFrom(...routes),
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') },
    ),
    params: fc.dictionary(
      fc.constantFrom('id', 'name', 'orderId', 'workspaceId', 'connectionId', '*'),
      idLike,
    ),
    query: fc.oneof(
      fc.constant(''),
      fc.constantFrom(
        '?token=x',
        '?code=abc&state=def',
        '?error=access_denied',
        '?token=1.2.3',
        '?%zz',
        `?state=${'x'.repeat(3000)}`,
      ),
      fc.string({ maxLength: 40 }).map((s) => `?q=${encodeURIComponent(s)}`),
    ),
    session: fc.constantFrom('none', 'own', 'own', 'forged'),
    csrf: fc.constantFrom('none', 'own', 'own', 'other', 'junk'),
    contentType: fc.constantFrom(
      undefined,
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zzz',
      'multipart/form-data',
      'text/plain',
      'application/json; charset=latin1',
      'garbage/\u00e9',
    ),
    body,
    signature: fc.constantFrom('none', 'valid', 'valid', 'junk'),
    auth: fc.constantFrom('none', 'own', 'other', 'junk'),
    forwardedFor: fc.constantFrom(undefined, '1.2.3.4', 'garbage, , ::1'),
  });
}

function bodyLength(body: RequestInit['body']): number | string {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return typeof body;
}

function buildRequest(c: Case, f: Fixture): { url: string; init: RequestInit } {
  let path = c.route.path.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(c.params[name] ?? randomUUID()),
  );
  if (path.endsWith('/*')) path = path.replace(/\*$/, encodeURIComponent(c.params['*'] ?? 'orders'));
  const method = c.method || c.route.method;
  const bytes =
    c.body.kind === 'none' || method === 'GET' || method === 'HEAD'
      ? undefined
      : c.body.kind === 'text'
        ? new TextEncoder().encode(c.body.text)
        : c.body.bytes;
  const headers: Record<string, string> = {};
  if (c.contentType && bytes) headers['content-type'] = c.contentType;
  if (c.session === 'own') headers.cookie = f.a.cookie;
  if (c.session === 'forged') headers.cookie = 'lb_session=forged-session-value';
  if (c.csrf === 'own') headers['x-csrf-token'] = f.a.csrf;
  if (c.csrf === 'other') headers['x-csrf-token'] = f.b.csrf;
  if (c.csrf === 'junk') headers['x-csrf-token'] = 'junk';
  if (c.auth === 'own') headers.authorization = `Bearer ${f.apiKey}`;
  if (c.auth === 'other') headers.authorization = `Bearer ${f.otherApiKey}`;
  if (c.auth === 'junk') headers.authorization = 'Bearer lbk_junk';
  if (c.forwardedFor) headers['x-forwarded-for'] = c.forwardedFor;
  if (c.signature !== 'none') {
    const raw = bytes ?? new Uint8Array();
    headers['x-oc-hash'] =
      c.signature === 'valid' ? createHmac('sha256', f.hashKey).update(raw).digest('base64') : 'junk';
    headers['x-xero-signature'] =
      c.signature === 'valid' ? createHmac('sha256', f.webhookKey).update(raw).digest('base64') : 'junk';
  }
  return {
    url: `${f.app.server.url}${path}${c.query}`,
    init: { method, headers, redirect: 'manual', ...(bytes ? { body: Buffer.from(bytes) } : {}) },
  };
}

/** One request on a connection of its own (no pooling), for the retry of a request that got no answer. */
function sendOnFreshConnection(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const req = httpRequest(url, { method: init.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 599, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(init.body instanceof Buffer ? init.body : undefined);
  });
}

/** Runs `cases` generated requests (seeded) against a fresh app; every route gets its share. */
export async function runFuzz(input: {
  seed: number;
  cases: number;
}): Promise<FuzzFigures & { routes: number }> {
  const f = await openFixture();
  try {
    const routes = f.app.server.routes;
    const count = await rowCounter(f.app);
    const generated = fc.sample(caseArbitrary(routes, f), { seed: input.seed, numRuns: input.cases });
    // Every route at least a few times, whatever the sample drew.
    const cases = generated.map((c, i) =>
      i < routes.length * 3 ? { ...c, route: routes[i % routes.length] ?? c.route } : c,
    );
    const figures: FuzzFigures = {
      cases: 0,
      fiveXX: 0,
      stored: 0,
      outsideDocumented: 0,
      perRoute: {},
      failures: [],
      transportRetries: 0,
      transportFailures: [],
    };
    let before = await count();
    let previous = '';
    let answeredAt = performance.now();
    for (const c of cases) {
      const { url, init } = buildRequest(c, f);
      let status: number;
      let text = '';
      const idleMs = Math.round(performance.now() - answeredAt);
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
        status = response.status;
        text = (await response.text()).slice(0, 200);
      } catch (error) {
        // No HTTP answer at all (the pooled keep-alive connection was gone): counted, then the same
        // request once more on a connection of its own, so what is judged is the app's answer.
        figures.transportRetries += 1;
        figures.transportFailures.push(
          `${init.method} ${url.slice(0, 120)}: ${String((error as { cause?: unknown }).cause ?? error)}, ${idleMs} ms after the answer to ${previous}`,
        );
        const retried = await sendOnFreshConnection(url, init).catch((again: Error) => ({
          status: 599,
          text: `${String(error)} ${String((error as { cause?: unknown }).cause)}; again: ${again.message}`,
        }));
        status = retried.status;
        text = retried.text.slice(0, 200);
      }
      answeredAt = performance.now();
      const after = await count();
      figures.cases += 1;
      const key = `${c.route.method} ${c.route.path}`;
      figures.perRoute[key] = (figures.perRoute[key] ?? 0) + 1;
      const describe = `${init.method} ${url.slice(0, 160)} → ${status} ${text.slice(0, 120)}`;
      previous = `${describe} (body ${bodyLength(init.body)} bytes, ${JSON.stringify(init.headers ?? {}).slice(0, 160)})`;
      if (status >= 500) {
        figures.fiveXX += 1;
        figures.failures.push(`5xx: ${describe}`);
      }
      if (!documentedStatuses.has(status) && status < 500) {
        figures.outsideDocumented += 1;
        figures.failures.push(`undocumented: ${describe}`);
      }
      if (status >= 400) {
        const grew = Object.entries(after).filter(([table, n]) => n > (before[table] ?? 0));
        if (grew.length > 0) {
          figures.stored += 1;
          figures.failures.push(`stored on refusal (${grew.map(([t]) => t).join(', ')}): ${describe}`);
        }
      }
      before = after;
    }
    return { ...figures, routes: routes.length };
  } finally {
    await f.app.close();
  }
}
