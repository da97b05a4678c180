import type { ExtensionConfig } from './env.ts';
import { isStatusAnswer } from './order-status-labels.ts';
import type { XeroOrderStatusData } from './order-status-props.ts';

/**
 * The XeroOrderStatus props for a page request carrying `?order=…&token=…` (the signed shopper link the
 * checkout redirected to, or the order history page built). The first status is read here, so the page
 * arrives with it; the browser keeps asking the same signed URL while the order is not final.
 */
export async function orderStatusData(
  config: Pick<ExtensionConfig, 'appUrl' | 'workspaceId'>,
  query: { order?: string | string[]; token?: string | string[] },
  fetchImpl: typeof fetch = fetch,
): Promise<XeroOrderStatusData> {
  const order = typeof query.order === 'string' ? query.order : undefined;
  const token = typeof query.token === 'string' ? query.token : undefined;
  if (!config.appUrl || !config.workspaceId || !order || !token || order.length > 200 || token.length > 200)
    return { state: 'unavailable' };
  const base = `${config.appUrl}/storefront/v1/workspaces/${encodeURIComponent(config.workspaceId)}/orders/${encodeURIComponent(order)}`;
  const signed = `token=${encodeURIComponent(token)}`;
  const statusUrl = `${base}/status?${signed}`;
  const pdfUrl = `${base}/invoice.pdf?${signed}`;
  try {
    const response = await fetchImpl(statusUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(3_000),
    });
    if (response.status === 404) return { state: 'unavailable' };
    const body: unknown = response.ok ? await response.json() : undefined;
    return { state: 'ready', orderId: order, statusUrl, pdfUrl, initial: isStatusAnswer(body) ? body : null };
  } catch {
    // The app is slow or down: the page still renders, and the browser asks again.
    return { state: 'ready', orderId: order, statusUrl, pdfUrl, initial: null };
  }
}
