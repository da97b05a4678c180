import type { ExtensionConfig } from './env.ts';
import type { OrderStatusAnswer, ShopperOrderStatus } from './order-status-labels.ts';

// The app's extension API, called from the head's server side only: the API key never reaches a browser.

export type AdminOrder = {
  readonly orderId: string;
  readonly status: ShopperOrderStatus;
  readonly syncStatus: string;
  readonly invoiceNumber: string | null;
  readonly amountPaid: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly customerName: string | null;
  readonly problem: string | null;
  readonly retryable: boolean;
  readonly updatedAt: string;
};

export type SyncHealth = {
  readonly ordersToday: number;
  readonly invoicedToday: number;
  readonly paidToday: number;
  readonly failures: number;
  readonly lastSyncAt: string | null;
  readonly budgets: ReadonlyArray<{
    organisation: string;
    left: number;
    limit: number;
    pausedUntil: string | null;
  }>;
};

export type OrderDetail = OrderStatusAnswer & {
  readonly orderId: string;
  readonly message: string | null;
  readonly updatedAt: string;
};

/** A product's Xero item in one organisation (the app's GET /api/v1/products/{id}). */
export type ProductItem = {
  readonly organisation: string | null;
  readonly state: 'synced' | 'pending' | 'failed';
  readonly itemCode: string | null;
  readonly sku: string | null;
  readonly orderCloudPrice: string | null;
  readonly xeroPrice: string | null;
  readonly pricesMatch: boolean | null;
  readonly lastSyncAt: string | null;
  readonly problem: string | null;
};

export class LedgerbridgeUnavailable extends Error {
  override name = 'LedgerbridgeUnavailable';
}

export function createLedgerbridgeApi(
  config: Pick<ExtensionConfig, 'appUrl' | 'apiKey'>,
  fetchImpl: typeof fetch = fetch,
) {
  const call = async (path: string, init: { method?: string } = {}): Promise<Response> => {
    if (!config.appUrl || !config.apiKey)
      throw new LedgerbridgeUnavailable('LEDGERBRIDGE_URL and LEDGERBRIDGE_API_KEY are not set.');
    try {
      return await fetchImpl(`${config.appUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new LedgerbridgeUnavailable(`Ledgerbridge did not answer: ${(error as Error).message}`);
    }
  };
  const json = async <T>(response: Response): Promise<T> => {
    if (response.status === 401)
      throw new LedgerbridgeUnavailable('Ledgerbridge refused the API key; create a new one in its console.');
    if (!response.ok) throw new LedgerbridgeUnavailable(`Ledgerbridge answered ${response.status}.`);
    return (await response.json()) as T;
  };
  return {
    async listOrders(input: { limit?: number; problemsOnly?: boolean } = {}): Promise<AdminOrder[]> {
      const query = `?limit=${input.limit ?? 50}${input.problemsOnly ? '&problems=1' : ''}`;
      return (await json<{ orders: AdminOrder[] }>(await call(`/api/v1/orders${query}`))).orders;
    },
    async order(orderId: string): Promise<OrderDetail | undefined> {
      const response = await call(`/api/v1/orders/${encodeURIComponent(orderId)}`);
      if (response.status === 404) return undefined;
      return json<OrderDetail>(response);
    },
    async product(productId: string): Promise<ProductItem[] | undefined> {
      const response = await call(`/api/v1/products/${encodeURIComponent(productId)}`);
      if (response.status === 404) return undefined;
      return (await json<{ items: ProductItem[] }>(response)).items;
    },
    async retry(orderId: string): Promise<{ ok: boolean; message: string }> {
      const response = await call(`/api/v1/orders/${encodeURIComponent(orderId)}/retry`, { method: 'POST' });
      if (response.status === 202) return { ok: true, message: `Order ${orderId} is being synced again.` };
      if (response.status === 404 || response.status === 409) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        return { ok: false, message: body.message ?? 'Nothing to retry.' };
      }
      await json(response);
      return { ok: false, message: 'Ledgerbridge did not take the retry.' };
    },
    async statusLink(orderId: string): Promise<{ token: string; workspaceId: string }> {
      return json(await call(`/api/v1/orders/${encodeURIComponent(orderId)}/status-link`));
    },
    async health(): Promise<SyncHealth> {
      return json(await call('/api/v1/health'));
    },
  };
}

export type LedgerbridgeApi = ReturnType<typeof createLedgerbridgeApi>;
