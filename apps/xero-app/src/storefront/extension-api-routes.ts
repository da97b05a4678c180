import { Hono } from 'hono';
import type { OrderStatusAnswer } from './order-status.ts';
import type { OrderStatusTokens } from './order-status-token.ts';

type ApiEnv = { Variables: { workspaceId: string; keyId: string } };

export type ExtensionApiDeps = {
  authenticate(key: string): Promise<{ workspaceId: string; keyId: string } | undefined>;
  findOrderStatus(input: {
    workspaceId: string;
    orderId: string;
  }): Promise<
    (OrderStatusAnswer & { invoiceId: string | null; message: string | null; updatedAt: Date }) | undefined
  >;
  readonly tokens: Pick<OrderStatusTokens, 'sign'>;
  readonly publicUrl: string;
};

/**
 * The Sitecore extension's API (XM Cloud panel, storefront server side), authenticated by a workspace
 * API key in `Authorization: Bearer`. Read-only: nothing a browser could be tricked into sending
 * changes state, and the key is never a cookie, so there is nothing for CSRF to ride on.
 */
export function createExtensionApiRoutes(deps: ExtensionApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/api/v1/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const found = key ? await deps.authenticate(key) : undefined;
    if (!found)
      return c.json(
        { error: 'unauthenticated', message: 'Send a live API key as Authorization: Bearer <key>.' },
        401,
      );
    c.set('workspaceId', found.workspaceId);
    c.set('keyId', found.keyId);
    await next();
  });
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/v1/*', (c) =>
    c.json({ error: 'method_not_allowed', message: 'The extension API is read-only.' }, 405),
  );

  const statusUrl = (workspaceId: string, orderId: string, keyId: string) =>
    `${deps.publicUrl.replace(/\/+$/, '')}/storefront/v1/workspaces/${workspaceId}/orders/${encodeURIComponent(orderId)}/status?token=${deps.tokens.sign(workspaceId, orderId, { keyId })}`;

  // For the order confirmation page, before Ledgerbridge has seen the order (it answers Pending until then).
  app.get('/api/v1/orders/:orderId/status-link', (c) => {
    const orderId = c.req.param('orderId');
    if (orderId.length > 200) return c.json({ error: 'not_found' }, 404);
    return c.json({ orderId, shopperStatusUrl: statusUrl(c.get('workspaceId'), orderId, c.get('keyId')) });
  });

  app.get('/api/v1/orders/:orderId', async (c) => {
    const workspaceId = c.get('workspaceId');
    const orderId = c.req.param('orderId');
    if (orderId.length > 200) return c.json({ error: 'not_found' }, 404);
    const found = await deps.findOrderStatus({ workspaceId, orderId });
    if (!found) return c.json({ error: 'not_found', message: 'Ledgerbridge has not seen this order.' }, 404);
    return c.json({
      orderId,
      status: found.status,
      invoiceNumber: found.invoiceNumber,
      invoiceId: found.invoiceId,
      amountPaid: found.amountPaid,
      message: found.message,
      updatedAt: found.updatedAt.toISOString(),
      shopperStatusUrl: statusUrl(workspaceId, orderId, c.get('keyId')),
    });
  });
  return app;
}
