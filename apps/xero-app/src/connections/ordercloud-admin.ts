import type { Result } from '@ledgerbridge/canonical';

export type OrderCloudCredentials = {
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
};

export type OrderCloudWebhookRoute = {
  readonly route: string;
  readonly verb: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
};

export type OrderCloudWebhookSpec = {
  readonly name: string;
  readonly url: string;
  /** null when OrderCloud does not reveal it on read. */
  readonly hashKey: string | null;
  readonly apiClientIds: readonly string[];
  readonly routes: readonly OrderCloudWebhookRoute[];
};

/** What connecting a marketplace needs from OrderCloud's admin API. */
export interface OrderCloudAdmin {
  /** A client-credentials token proves the credentials; the marketplace's API clients come along when readable. */
  verifyCredentials(input: OrderCloudCredentials): Promise<Result<{ apiClientIds: readonly string[] }>>;
  /** Creates the webhook (webhookId null) or replaces it (PUT); a replaced webhook that vanished is created again. */
  upsertWebhook(input: {
    credentials: OrderCloudCredentials;
    webhookId: string | null;
    webhook: OrderCloudWebhookSpec;
  }): Promise<Result<{ webhookId: string }>>;
  /** null when the webhook no longer exists. */
  getWebhook(input: {
    credentials: OrderCloudCredentials;
    webhookId: string;
  }): Promise<Result<OrderCloudWebhookSpec | null>>;
}
