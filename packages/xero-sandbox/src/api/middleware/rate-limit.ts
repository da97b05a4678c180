import type { MiddlewareHandler } from 'hono';
import type { Remaining } from '../../limits/rate-limiter.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { SandboxEnv } from '../hono-env.ts';

function setLimitHeaders(headers: Headers, remaining: Remaining): void {
  headers.set('X-DayLimit-Remaining', String(remaining.day));
  headers.set('X-MinLimit-Remaining', String(remaining.minute));
  headers.set('X-AppMinLimit-Remaining', String(remaining.appMinute));
}

// Admission spends quota; the in-flight slot is held until the response (or a hang) is over.
export function rateLimit(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const { clientId, tenantId, org } = c.get('auth');
    const decision = ctx.limiter.admit({ clientId, tenantId, dailyLimit: ctx.dailyLimitFor(org) });
    const entry = c.get('logEntry');
    entry.inFlight = decision.inFlight;
    if (!decision.ok) {
      entry.rateLimitProblem = decision.problem;
      const response = c.text('Rate Limit Exceeded', 429);
      setLimitHeaders(response.headers, decision.remaining);
      response.headers.set('X-Rate-Limit-Problem', decision.problem);
      if (
        decision.retryAfterMs !== undefined &&
        (decision.problem === 'minute' || decision.problem === 'day')
      ) {
        response.headers.set('Retry-After', String(Math.max(Math.ceil(decision.retryAfterMs / 1000), 1)));
      }
      // Sandbox extra: the exact wait, useful when minutes are compressed below a second.
      if (decision.retryAfterMs !== undefined)
        response.headers.set('X-Sandbox-Retry-After-Ms', String(decision.retryAfterMs));
      return response;
    }
    try {
      await next();
      setLimitHeaders(c.res.headers, decision.remaining);
    } finally {
      ctx.limiter.release(clientId, tenantId);
    }
  };
}
