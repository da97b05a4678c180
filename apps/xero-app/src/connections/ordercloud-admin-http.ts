import {
  fail,
  needsReconnect,
  ok,
  permanent,
  type Result,
  retryable,
  type SyncError,
} from '@ledgerbridge/canonical';
import { z } from 'zod';
import type { Logger } from '../observability/logger.ts';
import { OutboundRefusedError } from '../outbound/outbound-refused-error.ts';
import type { OrderCloudAdmin, OrderCloudCredentials, OrderCloudWebhookSpec } from './ordercloud-admin.ts';

// OrderCloud's admin API over fetch. packages/ordercloud (the sync adapter) has no webhook registration,
// and this is all connecting a marketplace needs: a token, the API clients, and one webhook.

const TokenSchema = z.object({ access_token: z.string().min(1) });
const WebhookSchema = z.object({
  ID: z.string(),
  Name: z.string(),
  Url: z.string(),
  HashKey: z.string().nullish(),
  ApiClientIDs: z.array(z.string()).nullish(),
  WebhookRoutes: z.array(z.object({ Route: z.string(), Verb: z.string() })).nullish(),
});
const ApiClientsSchema = z.object({
  Items: z.array(z.object({ ID: z.string() })),
  Meta: z.object({ TotalPages: z.number().optional() }).optional(),
});

const SCOPES = 'WebhookAdmin WebhookReader ApiClientReader';

/** Every failure to reach a marketplace reads the same to the user; what happened goes to the log. */
export const ORDERCLOUD_UNREACHABLE_MESSAGE =
  "Ledgerbridge could not reach an OrderCloud API at that URL. Check that it is your marketplace's API URL (https://…, e.g. https://australiaeast-sandbox.ordercloud.io) and try again.";

function describeError(body: unknown): string {
  const parsed = z
    .object({
      Errors: z.array(z.object({ Message: z.string() })).optional(),
      error_description: z.string().optional(),
    })
    .safeParse(body);
  if (!parsed.success) return typeof body === 'string' && body ? body.slice(0, 200) : 'no details';
  return parsed.data.Errors?.[0]?.Message ?? parsed.data.error_description ?? 'no details';
}

function mapFailure(operation: string, status: number): SyncError {
  if (status === 401 || status === 400) {
    return needsReconnect('ordercloud-credentials', 'OrderCloud refused the API client ID or its secret.');
  }
  if (status === 403)
    return permanent(
      'ordercloud-forbidden',
      `The API client lacks a role for ${operation} (it needs WebhookAdmin, WebhookReader and ApiClientReader).`,
    );
  if (status === 429 || status >= 500)
    return retryable('ordercloud-unreachable', ORDERCLOUD_UNREACHABLE_MESSAGE);
  return permanent('ordercloud-unreachable', ORDERCLOUD_UNREACHABLE_MESSAGE);
}

export function createOrderCloudAdminHttp(options: {
  /** The outbound-guarded fetch (outbound/safe-fetch.ts): the API URL is the merchant's to set. */
  fetch: typeof fetch;
  timeoutMs?: number;
  logger?: Pick<Logger, 'warn'>;
}): OrderCloudAdmin {
  const doFetch = options.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = (apiUrl: string) => apiUrl.replace(/\/+$/, '');
  const unreachable = (detail: Record<string, unknown>, kind: 'retryable' | 'permanent') => {
    options.logger?.warn(detail, 'OrderCloud marketplace not reachable');
    return kind === 'retryable'
      ? retryable('ordercloud-unreachable', ORDERCLOUD_UNREACHABLE_MESSAGE)
      : permanent('ordercloud-unreachable', ORDERCLOUD_UNREACHABLE_MESSAGE);
  };

  async function request(
    operation: string,
    url: string,
    init: RequestInit,
  ): Promise<Result<{ status: number; body: unknown }>> {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const refused = error instanceof OutboundRefusedError;
      return fail(
        unreachable(
          { operation, url, err: error instanceof Error ? error.message : String(error) },
          refused ? 'permanent' : 'retryable',
        ),
      );
    }
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    if (response.ok || response.status === 404) return ok({ status: response.status, body });
    options.logger?.warn(
      { operation, url, status: response.status, detail: describeError(body) },
      'OrderCloud refused a request',
    );
    return fail(mapFailure(operation, response.status));
  }

  async function token(credentials: OrderCloudCredentials): Promise<Result<string>> {
    const answer = await request(
      'the client-credentials sign-in',
      `${base(credentials.apiUrl)}/oauth/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          scope: SCOPES,
        }).toString(),
      },
    );
    if (!answer.ok) return answer;
    const parsed = TokenSchema.safeParse(answer.value.body);
    if (answer.value.status === 404 || !parsed.success) {
      return fail(
        unreachable(
          { operation: 'token', apiUrl: credentials.apiUrl, detail: 'no OAuth token answer' },
          'permanent',
        ),
      );
    }
    return ok(parsed.data.access_token);
  }

  const toSpec = (w: z.infer<typeof WebhookSchema>): OrderCloudWebhookSpec => ({
    name: w.Name,
    url: w.Url,
    hashKey: w.HashKey ?? null,
    apiClientIds: w.ApiClientIDs ?? [],
    routes: (w.WebhookRoutes ?? []).map((r) => ({
      route: r.Route,
      verb: r.Verb.toUpperCase() as 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    })),
  });

  const toBody = (spec: OrderCloudWebhookSpec) =>
    JSON.stringify({
      Name: spec.name,
      Description: 'Sends orders, payments and customers to Ledgerbridge for Xero. Managed by Ledgerbridge.',
      Url: spec.url,
      HashKey: spec.hashKey,
      ElevatedRoles: [],
      BeforeProcessRequest: false,
      ApiClientIDs: spec.apiClientIds,
      WebhookRoutes: spec.routes.map((r) => ({ Route: r.route, Verb: r.verb })),
    });

  return {
    async verifyCredentials(credentials) {
      const access = await token(credentials);
      if (!access.ok) return access;
      const ids: string[] = [];
      for (let page = 1; page <= 20; page++) {
        const answer = await request(
          'listing API clients',
          `${base(credentials.apiUrl)}/v1/apiclients?page=${page}&pageSize=100`,
          {
            headers: { authorization: `Bearer ${access.value}`, accept: 'application/json' },
          },
        );
        // Without ApiClientReader the webhook still works for the integration's own client.
        if (!answer.ok || answer.value.status === 404) break;
        const parsed = ApiClientsSchema.safeParse(answer.value.body);
        if (!parsed.success) break;
        ids.push(...parsed.data.Items.map((i) => i.ID));
        if (page >= (parsed.data.Meta?.TotalPages ?? 1)) break;
      }
      return ok({ apiClientIds: ids.length > 0 ? ids : [credentials.clientId] });
    },

    async upsertWebhook({ credentials, webhookId, webhook }) {
      const access = await token(credentials);
      if (!access.ok) return access;
      const headers = {
        authorization: `Bearer ${access.value}`,
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (webhookId) {
        const put = await request(
          'updating the webhook',
          `${base(credentials.apiUrl)}/v1/webhooks/${encodeURIComponent(webhookId)}`,
          { method: 'PUT', headers, body: toBody(webhook) },
        );
        if (!put.ok) return put;
        if (put.value.status !== 404) return ok({ webhookId });
      }
      const created = await request('registering the webhook', `${base(credentials.apiUrl)}/v1/webhooks`, {
        method: 'POST',
        headers,
        body: toBody(webhook),
      });
      if (!created.ok) return created;
      const parsed = WebhookSchema.safeParse(created.value.body);
      if (!parsed.success)
        return fail(
          unreachable({ operation: 'webhook registration', detail: 'unexpected answer' }, 'permanent'),
        );
      return ok({ webhookId: parsed.data.ID });
    },

    async getWebhook({ credentials, webhookId }) {
      const access = await token(credentials);
      if (!access.ok) return access;
      const answer = await request(
        'reading the webhook',
        `${base(credentials.apiUrl)}/v1/webhooks/${encodeURIComponent(webhookId)}`,
        {
          headers: { authorization: `Bearer ${access.value}`, accept: 'application/json' },
        },
      );
      if (!answer.ok) return answer;
      if (answer.value.status === 404) return ok(null);
      const parsed = WebhookSchema.safeParse(answer.value.body);
      if (!parsed.success)
        return fail(unreachable({ operation: 'webhook read', detail: 'unexpected answer' }, 'permanent'));
      return ok(toSpec(parsed.data));
    },
  };
}
