import type { MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { SandboxEnv } from '../hono-env.ts';

// Every request is compared with Xero's OpenAPI description; strict mode answers 400 on a mismatch.
export function contractCheck(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const checker = ctx.contract;
    if (!checker) return next();
    const url = new URL(c.req.url);
    const violation = await checker.check(
      {
        method: c.req.method,
        path: url.pathname.replace(/^\/api\.xro\/2\.0/, ''),
        query: url.search.replace(/^\?/, ''),
        headers: Object.fromEntries(c.req.raw.headers),
        body: c.get('rawBody'),
      },
      ctx.clock.now(),
    );
    if (violation && ctx.options.contractCheck === 'strict') {
      return c.json(
        {
          ErrorNumber: 14,
          Type: 'PostDataInvalidException',
          Message: `The request does not match the Xero Accounting API contract: ${violation.errors.join('; ')}`,
        },
        400,
      );
    }
    return next();
  };
}
