import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { placeOrders, type Stack, waitUntil } from '../support/stack.ts';
import { openWebhookStack, type WebhookStack } from '../support/webhook-stack.ts';

type OcUser = {
  ID: string;
  Phone?: string;
  xp?: { Ledgerbridge?: { BillingAddress?: Record<string, string> } };
};

describe.each(testBackends)(
  'the way back for contacts: a phone or address changed in Xero reaches the OrderCloud user (%s)',
  (backend) => {
    let xero: XeroSandbox;
    let opened: WebhookStack;
    let stack: Stack;
    const tenantId = SEEDED_TENANT_IDS.au;

    beforeAll(async () => {
      opened = await openWebhookStack({ backend, runUrl: inject('postgresUrl'), tenantId, seed: 21 });
      ({ xero, stack } = opened);
    });
    afterAll(async () => {
      await opened?.close();
    });

    async function ocUser(userId: string): Promise<OcUser> {
      const token = await stack.orderCloud.admin.issueToken({
        clientId: sandboxDefaults.integrationClientId,
        username: sandboxDefaults.integrationUsername,
      });
      const response = await fetch(`${stack.orderCloud.url}/v1/buyerusers?ID=${encodeURIComponent(userId)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const list = (await response.json()) as { Items: OcUser[] };
      return list.Items[0] ?? { ID: userId };
    }

    it('updates the phone and billing address Xero owns, once, and ignores our own writes coming back', async () => {
      await placeOrders(stack, { seed: 21, count: 6, profile: 'au' });
      const db = stack.infra.database.db;
      const contact = await waitUntil(
        async () =>
          db
            .selectFrom('links')
            .select(['target_id as contact_id', 'source_id as contact_number'])
            .where('source_type', '=', 'customer')
            .where('source_id', 'not like', 'company:%')
            .where('source_id', 'not like', 'guest-%')
            .executeTakeFirst(),
        { timeoutMs: 60_000, what: 'a registered customer to become a Xero contact' },
      );
      // Contacts are numbered through their buyer: `{buyerID}/{userID}` (docs/decisions/0031).
      const [buyerId, userId = ''] = contact.contact_number.split('/');
      expect(buyerId).toBeTruthy();
      await xero.admin.editContact(tenantId, contact.contact_id ?? '', {
        Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '0400 111 222' }],
        Addresses: [
          {
            AddressType: 'POBOX',
            AddressLine1: '1 Ledger Lane',
            City: 'Sydney',
            PostalCode: '2000',
            Country: 'AU',
          },
        ],
      });
      await xero.admin.flushWebhooks();
      const user = await waitUntil(
        async () => {
          const u = await ocUser(userId);
          return u.Phone === '0400 111 222' ? u : undefined;
        },
        { timeoutMs: 60_000, what: 'the OrderCloud user to get the phone from Xero' },
      );
      expect(user.xp?.Ledgerbridge?.BillingAddress).toMatchObject({
        street1: '1 Ledger Lane',
        city: 'Sydney',
        postalCode: '2000',
      });
      // Contacts the merchant keeps in Xero (not ours) and guests change nothing and dead-letter nothing.
      expect(await stack.infra.queue.deadLetters('xero-events')).toEqual([]);
    }, 150_000);
  },
);
