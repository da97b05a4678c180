import { isOrderIdShaped } from './order-id.ts';
import { Hono } from 'hono';
import type { Budget } from '../console/console-views-model.ts';
import type { ExtensionOrder, RetryOutcome, SyncHealth } from './extension-orders.ts';
import type { OrderStatusAnswer } from './order-status.ts';
import type { OrderStatusTokens } from './order-status-token.ts';
import type { ProductItemStatus } from './product-item-status.ts';

type ApiEnv = { Variables: { workspaceId: string; keyId: string } };

export type ExtensionApiDeps = {
  authenticate(key: string): Promise<{ workspaceId: string; keyId: string } | undefined>;
  findOrderStatus(input: {
    workspaceId: string;
    orderId: string;
  }): Promise<
    (OrderStatusAnswer & { invoiceId: string | null; message: string | null; updatedAt: Date }) | undefined
  >;
  listOrders(input: { workspaceId: string; limit: number; problemsOnly: boolean }): Promise<ExtensionOrder[]>;
  retryOrder(input: { workspaceId: string; orderId: string }): Promise<RetryOutcome>;
  productItems(input: { workspaceId: string; productId: string }): Promise<ProductItemStatus[]>;
  health(input: {
    workspaceId: string;
  }): Promise<SyncHealth & { budgets: Array<{ organisation: string } & Budget> }>;
  readonly tokens: Pick<OrderStatusTokens, 'sign'>;
  readonly publicUrl: string;
};

/**
 * The Sitecore extension's API (storefront server side, XM Cloud panel's server routes), authenticated
 * by a workspace API key in `Authorization: Bearer` and scoped to that key's workspace. The key is never
 * a cookie, so nothing a browser could be tricked into sending carries it: the one state-changing call
 * (retry) needs no CSRF defence of its own.
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
    c.header('cache-control', 'no-store');
    await next();
  });

  const statusUrl = (workspaceId: string, orderId: string, keyId: string) =>
    `${deps.publicUrl.replace(/\/+$/, '')}/storefront/v1/workspaces/${workspaceId}/orders/${encodeURIComponent(orderId)}/status?token=${deps.tokens.sign(workspaceId, orderId, { keyId })}`;

  // The signed shopper link for an order, for the checkout's redirect to the confirmation page and for
  // the order history page (before Ledgerbridge has seen the order, the link answers Pending).
  app.get('/api/v1/orders/:orderId/status-link', (c) => {
    const orderId = c.req.param('orderId');
    if (!isOrderIdShaped(orderId)) return c.json({ error: 'not_found' }, 404);
    const workspaceId = c.get('workspaceId');
    const keyId = c.get('keyId');
    return c.json({
      orderId,
      workspaceId,
      token: deps.tokens.sign(workspaceId, orderId, { keyId }),
      shopperStatusUrl: statusUrl(workspaceId, orderId, keyId),
    });
  });

  // The storefront admin's order list: newest first, `?problems=1` for the ones needing attention.
  app.get('/api/v1/orders', async (c) => {
    const limit = Math.min(200, Math.max(1, Number(c.req.query('limit')) || 50));
    const orders = await deps.listOrders({
      workspaceId: c.get('workspaceId'),
      limit,
      problemsOnly: c.req.query('problems') === '1',
    });
    return c.json({ orders });
  });

  app.get('/api/v1/orders/:orderId', async (c) => {
    const workspaceId = c.get('workspaceId');
    const orderId = c.req.param('orderId');
    if (!isOrderIdShaped(orderId)) return c.json({ error: 'not_found' }, 404);
    const found = await deps.findOrderStatus({ workspaceId, orderId });
    if (!found) return c.json({ error: 'not_found', message: 'Ledgerbridge has not seen this order.' }, 404);
    return c.json({
      orderId,
      status: found.status,
      invoiceNumber: found.invoiceNumber,
      invoiceId: found.invoiceId,
      amountPaid: found.amountPaid,
      currency: found.currency ?? null,
      message: found.message,
      updatedAt: found.updatedAt.toISOString(),
      shopperStatusUrl: statusUrl(workspaceId, orderId, c.get('keyId')),
    });
  });

  app.post('/api/v1/orders/:orderId/retry', async (c) => {
    const orderId = c.req.param('orderId');
    if (!isOrderIdShaped(orderId)) return c.json({ error: 'not_found' }, 404);
    const outcome = await deps.retryOrder({ workspaceId: c.get('workspaceId'), orderId });
    if (outcome === 'not-found')
      return c.json({ error: 'not_found', message: 'Ledgerbridge has not seen this order.' }, 404);
    if (outcome === 'nothing-to-retry')
      return c.json({ error: 'nothing_to_retry', message: 'This order has no failed step to retry.' }, 409);
    return c.json({ status: 'queued', message: 'The order is being synced again.' }, 202);
  });

  // A product's Xero item, per organisation of the workspace (the XM Cloud panel on a product page):
  // synced or not, its code, Xero's price against OrderCloud's, the last sync and the problem if any.
  app.get('/api/v1/products/:productId', async (c) => {
    const productId = c.req.param('productId');
    if (!isOrderIdShaped(productId)) return c.json({ error: 'not_found' }, 404);
    const items = await deps.productItems({ workspaceId: c.get('workspaceId'), productId });
    if (items.length === 0)
      return c.json(
        {
          error: 'not_found',
          message:
            'Ledgerbridge has not seen this product: it becomes a Xero item when it is created or changed in OrderCloud.',
        },
        404,
      );
    return c.json({ productId, items });
  });

  app.get('/api/v1/health', async (c) => c.json(await deps.health({ workspaceId: c.get('workspaceId') })));

  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/v1/*', (c) =>
    c.json(
      { error: 'method_not_allowed', message: 'Only retry changes anything in the extension API.' },
      405,
    ),
  );
  return app;
}
