import { isOrderIdShaped } from './order-id.ts';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { isUuid } from '../connections/uuid.ts';
import type { InvoicePdfOutcome } from './invoice-pdf.ts';
import type { OrderStatusAnswer } from './order-status.ts';
import type { OrderStatusTokens } from './order-status-token.ts';

export type StorefrontDeps = {
  readonly tokens: Pick<OrderStatusTokens, 'verify'>;
  /** A link dies with the API key that issued it. */
  isKeyLive(input: { workspaceId: string; keyId: string }): Promise<boolean>;
  findOrderStatus(input: { workspaceId: string; orderId: string }): Promise<OrderStatusAnswer | undefined>;
  invoicePdf?(input: { workspaceId: string; orderId: string }): Promise<InvoicePdfOutcome>;
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
    if (!isUuid(workspaceId) || !isOrderIdShaped(orderId)) return notFound();
    const issuer = deps.tokens.verify({ workspaceId, orderId, token });
    if (!issuer || !(await deps.isKeyLive({ workspaceId, keyId: issuer.keyId }))) return notFound();
    const found = await deps.findOrderStatus({ workspaceId, orderId });
    const answer: OrderStatusAnswer = found
      ? {
          status: found.status,
          invoiceNumber: found.invoiceNumber,
          amountPaid: found.amountPaid,
          currency: found.currency ?? null,
        }
      : { status: 'Pending', invoiceNumber: null, amountPaid: null, currency: null };
    return c.json(answer);
  });
  // The order's Xero invoice as a PDF, behind the same signed link (the storefront shows it only when
  // the merchant enables it). A forged link and an order without an invoice look alike.
  app.get('/storefront/v1/workspaces/:workspaceId/orders/:orderId/invoice.pdf', async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const orderId = c.req.param('orderId');
    const token = c.req.query('token') ?? '';
    c.header('cache-control', 'private, no-store');
    if (
      !deps.invoicePdf ||
      !isUuid(workspaceId) ||
      !isOrderIdShaped(orderId) ||
      !deps.tokens.verify({ workspaceId, orderId, token })
    )
      return c.text('There is no invoice to show for this link.', 404);
    const outcome = await deps.invoicePdf({ workspaceId, orderId });
    if (!outcome.ok)
      return outcome.reason === 'no-invoice'
        ? c.text('There is no invoice for this order yet.', 404)
        : c.text('The invoice cannot be fetched right now; try again in a few minutes.', 503);
    c.header('content-type', 'application/pdf');
    c.header(
      'content-disposition',
      `inline; filename="${outcome.invoiceNumber.replace(/[^\w.-]/g, '_')}.pdf"`,
    );
    return c.body(outcome.pdf as Uint8Array<ArrayBuffer>);
  });
  return app;
}
