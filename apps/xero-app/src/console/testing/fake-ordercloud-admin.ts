import { fail, needsReconnect, ok } from '@ledgerbridge/canonical';
import type { OrderCloudAdmin, OrderCloudWebhookSpec } from '../../connections/ordercloud-admin.ts';

/** OrderCloud's admin API in memory: a secret of 'wrong' is refused; webhooks are kept by id. */
export function createFakeOrderCloudAdmin() {
  const webhooks = new Map<string, OrderCloudWebhookSpec>();
  let next = 0;
  const admin: OrderCloudAdmin = {
    async verifyCredentials(credentials) {
      if (credentials.clientSecret === 'wrong')
        return fail(needsReconnect('ordercloud-credentials', 'OrderCloud refused the credentials.'));
      return ok({ apiClientIds: [credentials.clientId, 'storefront'] });
    },
    async upsertWebhook({ webhookId, webhook }) {
      const id = webhookId && webhooks.has(webhookId) ? webhookId : `wh-${++next}`;
      webhooks.set(id, webhook);
      return ok({ webhookId: id });
    },
    async getWebhook({ webhookId }) {
      return ok(webhooks.get(webhookId) ?? null);
    },
  };
  return { admin, webhooks };
}
