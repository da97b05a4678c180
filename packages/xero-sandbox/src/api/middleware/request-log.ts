import type { MiddlewareHandler } from 'hono';
import type { RequestLogEntry } from '../../log/request-log.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { SandboxEnv } from '../hono-env.ts';

function kindOf(path: string): RequestLogEntry['kind'] {
  if (path.startsWith('/api.xro/')) return 'accounting';
  if (path.startsWith('/identity') || path.startsWith('/login')) return 'identity';
  if (path.toLowerCase().startsWith('/connections')) return 'connections';
  return 'other';
}

export function requestLog(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const started = performance.now();
    const entry = ctx.log.start({
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      kind: kindOf(url.pathname),
      idempotencyKey: c.req.header('idempotency-key'),
      tenantId: c.req.header('xero-tenant-id'),
      startedAt: ctx.clock.now(),
    });
    c.set('logEntry', entry);
    try {
      await next();
    } finally {
      entry.status = entry.fault === 'reset' || entry.fault === 'hang' ? entry.status : c.res.status;
      entry.finishedAt = ctx.clock.now();
      entry.durationMs = Math.round(performance.now() - started);
    }
  };
}
