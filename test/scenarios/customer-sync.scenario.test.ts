import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Auth, Buyers, Configuration, Users } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Contact, XeroClient } from 'xero-node';
import { createStackDatabase, type StackDatabase, testBackends } from '../support/backends.ts';
import { describeProgress, type Stack, startStack, waitUntil } from '../support/stack.ts';

// A customer registered in OrderCloud is a Xero contact before any order; edits on either side
// reach the other, and the app's own writes do not bounce back and forth.
describe.each(testBackends)('customers ↔ Xero contacts without orders (%s)', (backend) => {
  let xero: XeroSandbox;
  let database: StackDatabase;
  let stack: Stack;
  let xeroApi: XeroClient;
  let oc: { accessToken: string };
  const tenantId = SEEDED_TENANT_IDS.au;
  const buyerId = 'cust-sync-buyer';
  const userId = 'mere';

  beforeAll(async () => {
    xero = await startXeroSandbox();
    database = await createStackDatabase(backend, inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId,
      databaseUrl: database.url,
      catalog: { seed: 17, profile: 'au' },
    });
    await xero.admin.upsertApp({
      clientId: DEMO_APP.clientId,
      webhookUrl: `${stack.server.url}/webhooks/xero`,
    });
    await pinDefaultMapping(stack.infra.database.db, {
      connectionId: stack.connectionId,
      reference: fixtureReference('au'),
    });
    const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
    xeroApi = new XeroClient();
    xeroApi.setTokenSet({ access_token: tokens.access_token, token_type: 'Bearer' });
    xeroApi.accountingApi.basePath = xero.apiBasePath;
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    oc = { accessToken: token.access_token ?? '' };
    await Buyers.Create({ ID: buyerId, Name: 'Customer sync buyer', Active: true }, oc);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  const contactNumber = `${buyerId}/${userId}`;
  const contactInXero = async (): Promise<Contact | undefined> => {
    const { body } = await xeroApi.accountingApi.getContacts(tenantId);
    return body.contacts?.find((c) => c.contactNumber === contactNumber);
  };

  it('creates and updates the contact before any order, brings a Xero edit back, and settles', async () => {
    await Users.Create(
      buyerId,
      {
        ID: userId,
        Username: 'mere.parata',
        FirstName: 'Mere',
        LastName: 'Parata',
        Email: 'mere@example.com',
        Active: true,
      },
      oc,
    );
    const created = await waitUntil(async () => contactInXero(), {
      timeoutMs: 60_000,
      what: 'the new user as a Xero contact',
      explain: () => describeProgress(stack),
    });
    expect(created).toMatchObject({ name: 'Mere Parata', emailAddress: 'mere@example.com' });
    expect(await stack.infra.database.db.selectFrom('order_syncs').selectAll().execute()).toEqual([]);

    await Users.Patch(buyerId, userId, { LastName: 'Parata-Smith', Email: 'mere.ps@example.com' }, oc);
    const updated = await waitUntil(
      async () => {
        const c = await contactInXero();
        return c?.emailAddress === 'mere.ps@example.com' ? c : undefined;
      },
      { timeoutMs: 60_000, what: 'the edit to reach the Xero contact' },
    );
    expect(updated.name).toBe('Mere Parata-Smith');
    expect(updated.contactID).toBe(created.contactID);

    // The merchant edits the phone in Xero: it comes back to the OrderCloud user. (An edit within a
    // second of the app's own write reads as its echo — own-writes.ts — so the merchant comes later.)
    await new Promise((r) => setTimeout(r, 1_500));
    await xero.admin.editContact(tenantId, created.contactID ?? '', {
      Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '021 555 0101' }],
    });
    await xero.admin.flushWebhooks();
    await waitUntil(async () => (await Users.Get(buyerId, userId, oc)).Phone === '021 555 0101', {
      timeoutMs: 60_000,
      what: 'the phone to reach the OrderCloud user',
      explain: async () =>
        JSON.stringify({
          deliveries: (await xero.admin.webhookDeliveries()).slice(-3),
          timeline: await stack.infra.database.db
            .selectFrom('timeline')
            .selectAll()
            .orderBy('at', 'desc')
            .limit(8)
            .execute(),
        }),
    });

    // No loop: once both sides agree, nobody calls Xero any more.
    await waitUntil(
      async () => {
        const mark = Date.now();
        await xero.admin.flushWebhooks();
        await new Promise((r) => setTimeout(r, 3_000));
        return (await xero.admin.requests({ tenantId, kind: 'accounting', since: mark })).length === 0;
      },
      { timeoutMs: 60_000, what: 'Xero calls to stop after convergence' },
    );
    const contact = await contactInXero();
    expect(contact?.phones?.find((p) => String(p.phoneType) === 'DEFAULT')?.phoneNumber).toBe('021 555 0101');
    expect(contact?.name).toBe('Mere Parata-Smith');
    expect(await stack.infra.queue.deadLetters('xero-events')).toEqual([]);
  }, 240_000);
});
