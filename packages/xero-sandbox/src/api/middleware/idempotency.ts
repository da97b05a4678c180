import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { problem } from '../xero-responses.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function readBody(): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    c.set('rawBody', c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text());
    await next();
  };
}

function fingerprint(method: string, url: URL, body: string): string {
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([method, url.pathname.toLowerCase(), query, body]))
    .digest('hex');
}

// Checked after rate limiting, so a replay still spends quota. The first response, errors included, is replayed.
export function idempotency(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!WRITE_METHODS.has(c.req.method) || key === undefined || key === '') return next();
    if (key.length > 128) {
      return problem(
        c,
        400,
        'Bad Request',
        `Idempotency Key: ${key.slice(0, 16)}… must be 128 characters or fewer.`,
      );
    }
    const { clientId, tenantId } = c.get('auth');
    const url = new URL(c.req.url);
    const claim = ctx.idempotency.claim(
      `${clientId}|${tenantId}|${key}`,
      fingerprint(c.req.method, url, c.get('rawBody')),
    );
    if (claim.kind === 'conflict') {
      return problem(c, 400, 'Bad Request', `Idempotency Key: ${key} is used with a different request.`);
    }
    if (claim.kind === 'replay') {
      const stored = await claim.response;
      c.get('logEntry').replayed = true;
      const headers = new Headers(stored.contentType ? { 'content-type': stored.contentType } : {});
      return new Response(stored.body === '' ? null : stored.body, { status: stored.status, headers });
    }
    try {
      await next();
    } finally {
      const response = c.res;
      const body = response.body ? await response.clone().text() : '';
      claim.complete({
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        body,
      });
    }
  };
}
