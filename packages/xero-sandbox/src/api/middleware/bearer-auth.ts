import type { MiddlewareHandler } from 'hono';
import { hasScopeFor } from '../../identity/scopes.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { forbidden, insufficientScope, unauthorized } from '../xero-responses.ts';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

// A valid access token from this sandbox, then an xero-tenant-id its connection covers, then the scope.
export function accountingAuth(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const claims = token ? await ctx.tokens.verifyAccessToken(token) : undefined;
    if (!claims) return unauthorized(c);
    const entry = c.get('logEntry');
    entry.clientId = claims.clientId;
    const tenantId = c.req.header('xero-tenant-id')?.trim();
    const org = ctx.findOrg(tenantId);
    if (!tenantId || !org || !ctx.auth.findConnection(claims.clientId, claims.userId, tenantId))
      return forbidden(c);
    const resource = new URL(c.req.url).pathname.replace(/^\/api\.xro\/2\.0\//, '').split('/')[0] ?? '';
    if (!hasScopeFor(resource, c.req.method, claims.scopes)) return insufficientScope(c);
    c.set('auth', {
      clientId: claims.clientId,
      userId: claims.userId,
      tenantId: org.tenantId,
      scopes: claims.scopes,
      org,
      app: ctx.apps.get(claims.clientId),
    });
    await next();
  };
}
