import type { SandboxClock } from '../clock/sandbox-clock.ts';
import type { SandboxApp } from '../sandbox-options.ts';
import { toWebhookDate } from '../util/xero-dates.ts';
import type { ChangeEvent, ChangeFeed } from './change-feed.ts';
import { postWebhook } from './webhook-delivery.ts';
import { signWebhookBody, webhookEntropy } from './webhook-signature.ts';

export type WebhookAttempt = {
  deliveryId: number;
  clientId: string;
  url: string;
  attempt: number;
  at: number;
  status?: number;
  error?: string;
  ok: boolean;
  eventCount: number;
  body: string;
};

export type IntentToReceiveResult = {
  ok: boolean;
  url: string;
  goodStatus?: number;
  badStatus?: number;
  goodBodyEmpty: boolean;
  badBodyEmpty: boolean;
  error?: string;
};

export type WebhookDispatcher = {
  attempts(): WebhookAttempt[];
  idle(): Promise<void>;
  intentToReceive(app: SandboxApp): Promise<IntentToReceiveResult>;
  dispose(): void;
};

type Deps = {
  clock: SandboxClock;
  changes: ChangeFeed;
  apps(): SandboxApp[];
  isConnected(clientId: string, tenantId: string): boolean;
  apiBasePath: string;
  timeoutMs: number;
  retryDelaysMs: number[];
};

const MAX_ATTEMPTS_KEPT = 5000;
const RESOURCE_PATHS = { INVOICE: 'Invoices', CONTACT: 'Contacts', CREDITNOTE: 'CreditNotes' } as const;

// Events raised in one tick go out together, one signed delivery per app, retried on the sandbox clock.
export function createWebhookDispatcher(deps: Deps): WebhookDispatcher {
  const pending = new Map<string, ChangeEvent[]>();
  const sequences = new Map<string, number>();
  const attempts: WebhookAttempt[] = [];
  const inFlight = new Set<Promise<void>>();
  const cancels = new Set<() => void>();
  let flushScheduled = false;
  let nextDeliveryId = 1;

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  async function attempt(app: SandboxApp, body: string, deliveryId: number, count: number, number: number) {
    const url = app.webhookUrl ?? '';
    const result = await postWebhook({ url, key: app.webhookKey ?? '', body, timeoutMs: deps.timeoutMs });
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    attempts.push({
      deliveryId,
      clientId: app.clientId,
      url,
      attempt: number,
      at: deps.clock.now(),
      status: result.status,
      error: result.error,
      ok,
      eventCount: count,
      body,
    });
    if (attempts.length > MAX_ATTEMPTS_KEPT) attempts.splice(0, attempts.length - MAX_ATTEMPTS_KEPT);
    const delay = deps.retryDelaysMs[number - 1];
    if (ok || delay === undefined) return;
    if (delay <= 0) {
      track(attempt(app, body, deliveryId, count, number + 1));
      return;
    }
    const cancel = deps.clock.schedule(deps.clock.now() + delay, () => {
      cancels.delete(cancel);
      track(attempt(app, body, deliveryId, count, number + 1));
    });
    cancels.add(cancel);
  }

  function flush(): void {
    flushScheduled = false;
    for (const [clientId, events] of pending) {
      pending.delete(clientId);
      const app = deps.apps().find((candidate) => candidate.clientId === clientId);
      if (!app?.webhookUrl || !app.webhookKey || events.length === 0) continue;
      const first = (sequences.get(clientId) ?? 0) + 1;
      const last = first + events.length - 1;
      sequences.set(clientId, last);
      const body = JSON.stringify({
        events: events.map((event) => ({
          resourceUrl: `${deps.apiBasePath}/${RESOURCE_PATHS[event.category]}/${event.resourceId}`,
          resourceId: event.resourceId,
          tenantId: event.tenantId,
          tenantType: 'ORGANISATION',
          eventCategory: event.category,
          eventType: event.type,
          eventDateUtc: toWebhookDate(event.at),
          ...(event.category === 'CREDITNOTE' && event.data ? { data: event.data } : {}),
        })),
        firstEventSequence: first,
        lastEventSequence: last,
        entropy: webhookEntropy(),
      });
      const deliveryId = nextDeliveryId;
      nextDeliveryId += 1;
      track(attempt(app, body, deliveryId, events.length, 1));
    }
  }

  const unsubscribe = deps.changes.subscribe((event) => {
    for (const app of deps.apps()) {
      if (!app.webhookUrl || !app.webhookKey || !deps.isConnected(app.clientId, event.tenantId)) continue;
      const queue = pending.get(app.clientId) ?? [];
      queue.push(event);
      pending.set(app.clientId, queue);
    }
    if (!flushScheduled && pending.size > 0) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });

  return {
    attempts: () => [...attempts],
    async idle() {
      while (flushScheduled || inFlight.size > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.all([...inFlight]);
      }
    },
    // Xero sends one correctly and one wrongly signed empty event list: 200 then 401 passes.
    async intentToReceive(app) {
      const url = app.webhookUrl ?? '';
      if (!app.webhookUrl || !app.webhookKey) {
        return {
          ok: false,
          url,
          goodBodyEmpty: true,
          badBodyEmpty: true,
          error: 'The app has no webhook URL and key',
        };
      }
      const body = JSON.stringify({
        events: [],
        firstEventSequence: 0,
        lastEventSequence: 0,
        entropy: webhookEntropy(),
      });
      const common = { url, key: app.webhookKey, body, timeoutMs: deps.timeoutMs };
      const good = await postWebhook(common);
      const badSignature = signWebhookBody(`${app.webhookKey}-not`, body);
      const bad = await postWebhook({ ...common, signature: badSignature });
      return {
        ok: good.status === 200 && bad.status === 401 && good.bodyEmpty && bad.bodyEmpty,
        url,
        goodStatus: good.status,
        badStatus: bad.status,
        goodBodyEmpty: good.bodyEmpty,
        badBodyEmpty: bad.bodyEmpty,
        error: good.error ?? bad.error,
      };
    },
    dispose() {
      unsubscribe();
      for (const cancel of cancels) cancel();
      cancels.clear();
    },
  };
}
