import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { SandboxState, WebhookRecord } from '../state.ts';
import { isLoopbackUrl } from './loopback.ts';
import { signWebhookBody } from './sign.ts';

// Pre-hooks run before the write and can veto it; post-hooks are delivered after the write, best
// effort, through switchable faults (drop, duplicate, delay, reorder) so receivers can prove they cope.

export type WebhookPayload = {
  Route: string;
  RouteParams: Record<string, string>;
  QueryParams: Record<string, string>;
  Verb: string;
  Date: string;
  LogID: string;
  UserToken: string | null;
  Request: { Body: unknown; Headers: string };
  Response: { Body: unknown; Headers: string } | null;
  ConfigData: unknown;
};

export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'failed' | 'dropped';

export type DeliveryRecord = {
  id: number;
  webhookId: string;
  webhookName: string;
  url: string;
  kind: 'pre' | 'post';
  logId: string;
  route: string;
  verb: string;
  status: DeliveryStatus;
  httpStatus?: number;
  error?: string;
  fault?: 'drop' | 'duplicate' | 'delay' | 'reorder';
  duplicateOf?: number;
  queuedAt: string;
  finishedAt?: string;
  body: string;
  signature?: string;
};

export type DeliveryFaults = { drop: number; duplicate: number; delayMs: number; reorder: number };

export type RequestFacts = {
  template: string;
  verb: string;
  params: Record<string, string>;
  query: Record<string, string>;
  requestBody: unknown;
  requestHeaders: string;
  clientId: string;
  userToken: (webhook: WebhookRecord) => Promise<string | null>;
};

export type WebhookDispatcher = {
  matching(input: { template: string; verb: string; clientId: string }): WebhookRecord[];
  runPreHooks(input: { webhooks: WebhookRecord[]; facts: RequestFacts; logId: string }): Promise<void>;
  queuePostHooks(input: {
    webhooks: WebhookRecord[];
    facts: RequestFacts;
    logId: string;
    responseBody: unknown;
  }): void;
  deliveries(): DeliveryRecord[];
  clearLog(): void;
  faults(): DeliveryFaults;
  setFaults(faults: Partial<DeliveryFaults>): void;
  flush(): Promise<void>;
  newLogId(): string;
};

export function normalizeRoute(route: string): string {
  return route
    .trim()
    .replace(/^\/+/, '')
    .replace(/\{[^}]*\}/g, '{}')
    .toLowerCase();
}

const noFaults = (): DeliveryFaults => ({ drop: 0, duplicate: 0, delayMs: 0, reorder: 0 });

export function createWebhookDispatcher(options: {
  state: () => SandboxState;
  now: () => string;
  preHookTimeoutMs?: number;
  deliveryTimeoutMs?: number;
  /** OrderCloud delivers through a pool of senders, not all at once; so does the sandbox. */
  maxConcurrentDeliveries?: number;
}): WebhookDispatcher {
  const log: DeliveryRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const maxConcurrent = options.maxConcurrentDeliveries ?? 16;
  let sending = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    if (sending >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    sending += 1;
  };
  const release = () => {
    sending -= 1;
    waiting.shift()?.();
  };
  let held: DeliveryRecord[] = [];
  let faults = noFaults();
  let nextId = 1;

  const record = (
    input: Omit<DeliveryRecord, 'id' | 'queuedAt' | 'status'> & { status?: DeliveryStatus },
  ): DeliveryRecord => {
    const entry: DeliveryRecord = {
      ...input,
      id: nextId++,
      queuedAt: options.now(),
      status: input.status ?? 'pending',
    };
    log.push(entry);
    return entry;
  };

  const buildBody = async (
    webhook: WebhookRecord,
    facts: RequestFacts,
    logId: string,
    response: WebhookPayload['Response'],
  ) => {
    const payload: WebhookPayload = {
      Route: facts.template,
      RouteParams: facts.params,
      QueryParams: facts.query,
      Verb: facts.verb,
      Date: options.now(),
      LogID: logId,
      UserToken: await facts.userToken(webhook),
      Request: { Body: facts.requestBody ?? null, Headers: facts.requestHeaders },
      Response: response,
      ConfigData: webhook.ConfigData ?? null,
    };
    const body = JSON.stringify(payload);
    return { body, signature: webhook.HashKey ? signWebhookBody(body, webhook.HashKey) : undefined };
  };

  const headersFor = (entry: DeliveryRecord): Record<string, string> => ({
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'OrderCloud-Sandbox-Webhooks',
    ...(entry.signature ? { 'x-oc-hash': entry.signature } : {}),
  });

  const send = async (entry: DeliveryRecord) => {
    if (!isLoopbackUrl(entry.url)) {
      entry.status = 'failed';
      entry.error = 'the sandbox delivers to 127.0.0.1 only';
      entry.finishedAt = options.now();
      return;
    }
    try {
      if (entry.fault === 'delay' && faults.delayMs > 0)
        await new Promise((r) => setTimeout(r, faults.delayMs));
      const response = await fetch(entry.url, {
        method: 'POST',
        headers: headersFor(entry),
        body: entry.body,
        signal: AbortSignal.timeout(options.deliveryTimeoutMs ?? 10_000),
      });
      await response.arrayBuffer();
      entry.httpStatus = response.status;
      entry.status = response.ok ? 'delivered' : 'failed';
    } catch (error) {
      entry.status = 'failed';
      entry.error = error instanceof Error ? error.message : String(error);
    }
    entry.finishedAt = options.now();
  };

  const launch = (entry: DeliveryRecord) => {
    const promise = slot()
      .then(() => send(entry).finally(release))
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  };

  const releaseHeld = () => {
    const batch = held.reverse();
    held = [];
    for (const entry of batch) {
      entry.status = 'pending';
      launch(entry);
    }
  };

  return {
    newLogId: () => randomUUID(),
    matching({ template, verb, clientId }) {
      const route = normalizeRoute(template);
      return [...options.state().webhooks.values()].filter(
        (webhook) =>
          webhook.ApiClientIDs.includes(clientId) &&
          webhook.WebhookRoutes.some(
            (r) => normalizeRoute(r.Route) === route && r.Verb.toUpperCase() === verb.toUpperCase(),
          ),
      );
    },
    async runPreHooks({ webhooks, facts, logId }) {
      for (const webhook of webhooks.filter((w) => w.BeforeProcessRequest)) {
        const { body, signature } = await buildBody(webhook, facts, logId, null);
        const entry = record({
          webhookId: webhook.ID,
          webhookName: webhook.Name,
          url: webhook.Url,
          kind: 'pre',
          logId,
          route: facts.template,
          verb: facts.verb,
          body,
          signature,
        });
        let answer: unknown;
        try {
          if (!isLoopbackUrl(entry.url)) throw new Error('the sandbox delivers to 127.0.0.1 only');
          const response = await fetch(entry.url, {
            method: 'POST',
            headers: headersFor(entry),
            body,
            signal: AbortSignal.timeout(options.preHookTimeoutMs ?? 5_000),
          });
          entry.httpStatus = response.status;
          const text = await response.text();
          if (!response.ok) throw new Error(`pre-hook answered ${response.status}`);
          answer = JSON.parse(text);
          entry.status = 'delivered';
        } catch (error) {
          entry.status = 'failed';
          entry.error = error instanceof Error ? error.message : String(error);
          entry.finishedAt = options.now();
          throw new ApiError(
            400,
            'Webhook.PreHookFailed',
            `Pre-hook webhook ${webhook.Name} failed: ${entry.error}`,
            {
              WebhookID: webhook.ID,
            },
          );
        }
        entry.finishedAt = options.now();
        const proceed =
          answer !== null && typeof answer === 'object' && (answer as { proceed?: unknown }).proceed === true;
        if (!proceed) {
          throw new ApiError(
            400,
            'Webhook.Blocked',
            `The request was blocked by pre-hook webhook ${webhook.Name}.`,
            {
              WebhookID: webhook.ID,
              Body: (answer as { body?: unknown } | null)?.body ?? null,
            },
          );
        }
      }
    },
    queuePostHooks({ webhooks, facts, logId, responseBody }) {
      const post = webhooks.filter((w) => !w.BeforeProcessRequest);
      if (post.length === 0) return;
      const work = (async () => {
        for (const webhook of post) {
          const { body, signature } = await buildBody(webhook, facts, logId, {
            Body: responseBody ?? null,
            Headers: '',
          });
          const base = {
            webhookId: webhook.ID,
            webhookName: webhook.Name,
            url: webhook.Url,
            kind: 'post' as const,
            logId,
            route: facts.template,
            verb: facts.verb,
            body,
            signature,
          };
          if (faults.drop > 0) {
            faults.drop -= 1;
            record({ ...base, status: 'dropped', fault: 'drop' });
            continue;
          }
          const entry = record({ ...base, ...(faults.delayMs > 0 ? { fault: 'delay' as const } : {}) });
          const copies = [entry];
          if (faults.duplicate > 0) {
            faults.duplicate -= 1;
            entry.fault = 'duplicate';
            copies.push(record({ ...base, fault: 'duplicate', duplicateOf: entry.id }));
          }
          for (const copy of copies) {
            if (faults.reorder > 0) {
              copy.status = 'held';
              copy.fault = 'reorder';
              held.push(copy);
              if (held.length >= faults.reorder) {
                faults.reorder = 0;
                releaseHeld();
              }
            } else {
              launch(copy);
            }
          }
        }
      })();
      const tracked = work.catch(() => undefined).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    },
    deliveries: () => log.map((entry) => ({ ...entry })),
    clearLog() {
      log.length = 0;
    },
    faults: () => ({ ...faults }),
    setFaults(next) {
      faults = { ...faults, ...next };
      if (faults.reorder === 0 && held.length > 0) releaseHeld();
    },
    async flush() {
      if (held.length > 0) {
        faults.reorder = 0;
        releaseHeld();
      }
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
