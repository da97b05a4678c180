import type { MarketplaceSeed } from '../seed.ts';
import type { DeliveryFaults, DeliveryRecord } from '../webhooks/webhook-dispatcher.ts';

// A typed helper over /__admin for tests, the benchmark and the demo.
export type ApiFaultInput = {
  status: number;
  times?: number;
  retryAfterSeconds?: number;
  path?: string;
  verb?: string;
};

export type SandboxStatsView = {
  tokenRequests: number;
  apiRequests: number;
  apiRequestsByRoute: Record<string, number>;
};

export type OrderCloudSandboxAdmin = {
  reset(): Promise<void>;
  seed(seed: MarketplaceSeed): Promise<void>;
  setFaults(input: { webhooks?: Partial<DeliveryFaults>; api?: ApiFaultInput[] }): Promise<void>;
  clearFaults(): Promise<void>;
  deliveries(input?: { after?: number }): Promise<DeliveryRecord[]>;
  clearDeliveries(): Promise<void>;
  flushDeliveries(): Promise<void>;
  waitForDeliveries(input: {
    count: number;
    timeoutMs?: number;
    where?: (d: DeliveryRecord) => boolean;
  }): Promise<DeliveryRecord[]>;
  setClock(input: { now: string; frozen?: boolean } | { advanceMs: number }): Promise<string>;
  stats(): Promise<SandboxStatsView>;
  issueToken(input: { clientId: string; username: string; lifetimeSeconds?: number }): Promise<string>;
  revokeTokens(): Promise<void>;
  summary(): Promise<Record<string, number>>;
};

export function createOrderCloudSandboxAdmin(input: { baseUrl: string }): OrderCloudSandboxAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${input.baseUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox admin ${method} ${path} failed: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const deliveries = async (options?: { after?: number }) =>
    (await call<{ Items: DeliveryRecord[] }>('GET', `/deliveries?after=${options?.after ?? 0}`)).Items;
  return {
    reset: async () => void (await call('POST', '/reset')),
    seed: async (seed) => void (await call('POST', '/seed', seed)),
    setFaults: async (faults) => void (await call('POST', '/faults', faults)),
    clearFaults: async () => void (await call('DELETE', '/faults')),
    deliveries,
    clearDeliveries: async () => void (await call('DELETE', '/deliveries')),
    flushDeliveries: async () => void (await call('POST', '/deliveries/flush')),
    async waitForDeliveries({ count, timeoutMs = 5_000, where }) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const finished = (await deliveries()).filter(
          (d) => d.status !== 'pending' && d.status !== 'held' && (!where || where(d)),
        );
        if (finished.length >= count) return finished;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} finished webhook deliveries, saw ${finished.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    setClock: async (clock) => (await call<{ now: string }>('POST', '/clock', clock)).now,
    stats: () => call<SandboxStatsView>('GET', '/stats'),
    issueToken: async (token) =>
      (await call<{ access_token: string }>('POST', '/tokens', token)).access_token,
    revokeTokens: async () => void (await call('POST', '/tokens/revoke')),
    summary: () => call<Record<string, number>>('GET', '/summary'),
  };
}
