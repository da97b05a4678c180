import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

/** The bare Hono app: request metrics and one error boundary. Routes are mounted by the caller. */
export function createApp(deps: { logger: Logger; metrics: Metrics }): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const end = deps.metrics.httpDuration.startTimer({ method: c.req.method });
    await next();
    const route = c.req.routePath || 'unmatched';
    end({ route });
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
  });
  app.onError((error, c) => {
    // Refusals raised while reading a request (body limit, malformed form) keep their 4xx.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    deps.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json(
      { error: 'internal_error', message: 'Something went wrong on our side; it has been logged.' },
      500,
    );
  });
  app.notFound((c) =>
    c.json({ error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` }, 404),
  );
  return app;
}
