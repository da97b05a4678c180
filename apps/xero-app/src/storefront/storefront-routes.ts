import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { isUuid } from '../connections/uuid.ts';
import type { OrderStatusAnswer } from './order-status.ts';
import type { OrderStatusTokens } from './order-status-token.ts';

export type StorefrontDeps = {
  readonly tokens: Pick<OrderStatusTokens, 'verify'>;
  /** A link dies with the API key that issued it. */
  isKeyLive(input: { workspaceId: string; keyId: string }): Promise<boolean>;
  findOrderStatus(input: { workspaceId: string; orderId: string }): Promise<OrderStatusAnswer | undefined>;
};

/**
 * GET /storefront/v1/workspaces/:workspaceId/orders/:orderId/status?token=… — public, for the shopper's
 * browser: {status, invoiceNumber, amountPaid} and nothing else. A bad token and an unknown order look
 * the same (404), so the endpoint does not confirm which orders exist.
 */
export function createStorefrontRoutes(deps: StorefrontDeps): Hono {
  const app = new Hono();
  app.use('/storefront/*', cors({ origin: '*', allowMethods: ['GET'] }));
  app.get('/storefront/v1/workspaces/:workspaceId/orders/:orderId/status', async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const orderId = c.req.param('orderId');
    const token = c.req.query('token') ?? '';
    c.header('cache-control', 'no-store');
    const notFound = () => c.json({ error: 'not_found' }, 404);
    if (!isUuid(workspaceId) || orderId.length > 200) return notFound();
    const issuer = deps.tokens.verify({ workspaceId, orderId, token });
    if (!issuer || !(await deps.isKeyLive({ workspaceId, keyId: issuer.keyId }))) return notFound();
    const found = await deps.findOrderStatus({ workspaceId, orderId });
    const answer: OrderStatusAnswer = found
      ? { status: found.status, invoiceNumber: found.invoiceNumber, amountPaid: found.amountPaid }
      : { status: 'Pending', invoiceNumber: null, amountPaid: null };
    return c.json(answer);
  });
  return app;
}
