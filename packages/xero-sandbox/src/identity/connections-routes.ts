import { Hono } from 'hono';
import { bearerToken } from '../api/middleware/bearer-auth.ts';
import { unauthorized } from '../api/xero-responses.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import type { Connection } from './auth-store.ts';

// Xero writes these timestamps without a zone and with seven fractional digits.
function xeroTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000');
}

export function connectionToJson(ctx: SandboxContext, connection: Connection): Record<string, unknown> {
  return {
    id: connection.id,
    authEventId: connection.authEventId,
    tenantId: connection.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: ctx.findOrg(connection.tenantId)?.organisation.name ?? null,
    createdDateUtc: xeroTimestamp(connection.createdAt),
    updatedDateUtc: xeroTimestamp(connection.updatedAt),
  };
}

export function connectionsRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  const claimsOf = async (header: string | undefined) => {
    const token = bearerToken(header);
    return token ? ctx.tokens.verifyAccessToken(token) : undefined;
  };

  app.get('/', async (c) => {
    const claims = await claimsOf(c.req.header('authorization'));
    if (!claims) return unauthorized(c);
    const authEventId = c.req.query('authEventId');
    const connections = ctx.auth
      .connectionsFor(claims.clientId, claims.userId)
      .filter((connection) => authEventId === undefined || connection.authEventId === authEventId);
    return c.json(connections.map((connection) => connectionToJson(ctx, connection)));
  });

  app.delete('/:id', async (c) => {
    const claims = await claimsOf(c.req.header('authorization'));
    if (!claims) return unauthorized(c);
    const connection = ctx.auth.connections.get(c.req.param('id'));
    if (!connection || connection.clientId !== claims.clientId || connection.userId !== claims.userId) {
      return c.text("The resource you're looking for cannot be found", 404);
    }
    ctx.auth.connections.delete(connection.id);
    return c.body(null, 204);
  });

  return app;
}
