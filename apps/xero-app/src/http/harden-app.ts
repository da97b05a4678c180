import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientIp } from './client-ip.ts';
import { type RateLimits, rateLimitedBody } from './rate-limits.ts';
import { securityHeaderValues } from './security-headers.ts';

/** Bodies of console forms and the API; webhook intakes carry their own (larger) limits. */
export const defaultMaxBodyBytes = 64 * 1024;

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

export type HardeningOptions = {
  readonly publicUrl: string;
  readonly formTargets?: readonly string[];
  readonly limits: RateLimits;
  readonly trustedProxyHops: number;
  readonly maxBodyBytes?: number;
};

/**
 * What every route of the app gets, registered before any route: security headers on every answer,
 * rate limits (429 + Retry-After) and a body limit enforced before anything parses the body.
 */
export function hardenApp(app: Hono, options: HardeningOptions): void {
  const headers = Object.entries(
    securityHeaderValues({
      publicUrl: options.publicUrl,
      ...(options.formTargets ? { formTargets: options.formTargets } : {}),
    }),
  );
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of headers) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });
  app.use(async (c, next) => {
    const ip = clientIp({
      remoteAddress: (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress,
      forwardedFor: c.req.header('x-forwarded-for'),
      hops: options.trustedProxyHops,
    });
    const verdict = options.limits.check({
      method: c.req.method,
      path: c.req.path,
      ip,
      authorization: c.req.header('authorization'),
    });
    if (!verdict.allowed) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return c.json(rateLimitedBody, 429);
    }
    await next();
  });
  const limit = bodyLimit({
    maxSize: options.maxBodyBytes ?? defaultMaxBodyBytes,
    onError: (c) =>
      c.json(
        { error: 'payload_too_large', message: 'The request body is larger than this route takes.' },
        413,
      ),
  });
  app.use(async (c, next) => {
    if (c.req.path.startsWith('/webhooks/')) return next();
    return limit(c, next);
  });
}
