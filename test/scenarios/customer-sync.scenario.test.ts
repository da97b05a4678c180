import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Addresses, Auth, Buyers, Configuration, Me, UserGroups, Users } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Contact, XeroClient } from 'xero-node';
import { testBackends } from '../support/backends.ts';
import { describeProgress, type Stack, waitUntil } from '../support/stack.ts';
import { openWebhookStack, type WebhookStack } from '../support/webhook-stack.ts';

type XeroContactJson = {
  ContactID?: string;
  ContactNumber?: string;
  Name?: string;
  EmailAddress?: string;
  Addresses?: Array<{
    AddressType?: string;
    AddressLine1?: string;
    City?: string;
    PostalCode?: string;
    Country?: string;
  }>;
  Phones?: Array<{ PhoneType?: string; PhoneNumber?: string }>;
};
type SeenContact = {
  contactID?: string | undefined;
  contactNumber?: string | undefined;
  name?: string | undefined;
  emailAddress?: string | undefined;
  addresses: Array<{
    addressType?: string | undefined;
    addressLine1?: string | undefined;
    city?: string | undefined;
    postalCode?: string | undefined;
    country?: string | undefined;
  }>;
  phones: Array<{ phoneType?: string | undefined; phoneNumber?: string | undefined }>;
};

// A customer registered in OrderCloud is a Xero contact before any order; edits on either side
// reach the other, and the app's own writes do not bounce back and forth.
describe.each(testBackends)('customers ↔ Xero contacts without orders (%s)', (backend) => {
  let xero: XeroSandbox;
  let opened: WebhookStack;
  let stack: Stack;
  let xeroApi: XeroClient;
  let oc: { accessToken: string };
  const tenantId = SEEDED_TENANT_IDS.au;
  const buyerId = 'cust-sync-buyer';
  const userId = 'mere';

  beforeAll(async () => {
    opened = await openWebhookStack({ backend, runUrl: inject('postgresUrl'), tenantId, seed: 17 });
    ({ xero, stack } = opened);
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
  });
  afterAll(async () => {
    await opened?.close();
  });

  const contactNumber = `${buyerId}/${userId}`;
  /**
   * The org's contacts as the merchant sees them, read through the sandbox's admin API: the tests' wait
   * loops must not spend the organisation's API minute (60 calls) the app works within.
   */
  const contactsInXero = async (): Promise<SeenContact[]> =>
    (await xero.admin.documents(tenantId)).contacts.map((raw) => {
      const c = raw as XeroContactJson;
      return {
        contactID: c.ContactID,
        contactNumber: c.ContactNumber,
        name: c.Name,
        emailAddress: c.EmailAddress,
        addresses: (c.Addresses ?? []).map((a) => ({
          addressType: a.AddressType,
          addressLine1: a.AddressLine1,
          city: a.City,
          postalCode: a.PostalCode,
          country: a.Country,
        })),
        phones: (c.Phones ?? []).map((p) => ({ phoneType: p.PhoneType, phoneNumber: p.PhoneNumber })),
      };
    });
  const contactInXero = async (number = contactNumber): Promise<SeenContact | undefined> =>
    (await contactsInXero()).find((c) => c.contactNumber === number);
  /** The same contact through xero-node (one call): what an integration reading Xero gets. */
  const contactThroughSdk = async (number: string): Promise<Contact | undefined> =>
    (await xeroApi.accountingApi.getContacts(tenantId, undefined, `ContactNumber=="${number}"`)).body
      .contacts?.[0];
  const billingOf = (contact: SeenContact | undefined) =>
    contact?.addresses?.find((a) => a.addressType === 'POBOX');
  /** No loop: once both sides agree, nobody calls Xero any more. */
  const callsSettle = () =>
    waitUntil(
      async () => {
        const mark = Date.now();
        await xero.admin.flushWebhooks();
        await new Promise((r) => setTimeout(r, 3_000));
        return (await xero.admin.requests({ tenantId, kind: 'accounting', since: mark })).length === 0;
      },
      { timeoutMs: 60_000, what: 'Xero calls to stop after convergence' },
    );

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

    await callsSettle();
    const contact = await contactInXero();
    expect(contact?.phones?.find((p) => String(p.phoneType) === 'DEFAULT')?.phoneNumber).toBe('021 555 0101');
    expect(contact?.name).toBe('Mere Parata-Smith');
    expect(await contactThroughSdk(contactNumber)).toMatchObject({
      name: 'Mere Parata-Smith',
      emailAddress: 'mere.ps@example.com',
    });
    expect(await stack.infra.queue.deadLetters('xero-events')).toEqual([]);
  }, 240_000);

  it('an address billed to a user in OrderCloud reaches the contact before any order; Xero’s edit stands', async () => {
    const user = 'tama';
    const number = `${buyerId}/${user}`;
    await Users.Create(
      buyerId,
      {
        ID: user,
        Username: 'tama.ngata',
        FirstName: 'Tama',
        LastName: 'Ngata',
        Email: 'tama@example.com',
        Active: true,
      },
      oc,
    );
    await Addresses.Create(
      buyerId,
      { ID: 'tama-home', Street1: '12 Smith St', City: 'Fitzroy', State: 'VIC', Zip: '3065', Country: 'AU' },
      oc,
    );
    await Addresses.SaveAssignment(buyerId, { AddressID: 'tama-home', UserID: user, IsBilling: true }, oc);
    const addressed = await waitUntil(
      async () => {
        const c = await contactInXero(number);
        return billingOf(c)?.addressLine1 === '12 Smith St' ? c : undefined;
      },
      {
        timeoutMs: 60_000,
        what: 'the assigned billing address on the Xero contact',
        explain: () => describeProgress(stack),
      },
    );
    expect(billingOf(addressed)).toMatchObject({ city: 'Fitzroy', postalCode: '3065', country: 'AU' });

    await Addresses.Patch(buyerId, 'tama-home', { Street1: '40 Brunswick St', Zip: '3065' }, oc);
    await waitUntil(async () => billingOf(await contactInXero(number))?.addressLine1 === '40 Brunswick St', {
      timeoutMs: 60_000,
      what: 'the address edit to reach the Xero contact',
    });
    await callsSettle();

    // The bookkeeper moves the billing address in Xero: it comes back to the user, and a later edit of
    // the user's name in OrderCloud does not put the old address back (the later edit of a field wins).
    await new Promise((r) => setTimeout(r, 1_500));
    await xero.admin.editContact(tenantId, addressed.contactID ?? '', {
      Addresses: [
        {
          AddressType: 'POBOX',
          AddressLine1: 'PO Box 77',
          City: 'Melbourne',
          PostalCode: '3001',
          Country: 'AU',
        },
      ],
    });
    await xero.admin.flushWebhooks();
    await waitUntil(
      async () => {
        const xp = (await Users.Get(buyerId, user, oc)).xp as {
          Ledgerbridge?: { BillingAddress?: { street1?: string } };
        };
        return xp?.Ledgerbridge?.BillingAddress?.street1 === 'PO Box 77';
      },
      { timeoutMs: 60_000, what: 'Xero’s billing address on the OrderCloud user' },
    );
    await Users.Patch(buyerId, user, { FirstName: 'Tamati' }, oc);
    const renamed = await waitUntil(
      async () => {
        const c = await contactInXero(number);
        return c?.name === 'Tamati Ngata' ? c : undefined;
      },
      { timeoutMs: 60_000, what: 'the rename to reach the Xero contact' },
    );
    expect(billingOf(renamed)?.addressLine1).toBe('PO Box 77');
    await callsSettle();
    const viaSdk = await contactThroughSdk(number);
    expect(viaSdk?.addresses?.find((a) => String(a.addressType) === 'POBOX')?.addressLine1).toBe('PO Box 77');
    expect(await stack.infra.database.db.selectFrom('order_syncs').selectAll().execute()).toEqual([]);
  }, 240_000);

  it('a billing address given to a user group reaches its members’ contacts, and a member who joins later', async () => {
    // A buyer of its own: the group's address must reach its members only.
    const groupBuyer = 'grp-sync-buyer';
    await Buyers.Create({ ID: groupBuyer, Name: 'Group sync buyer', Active: true }, oc);
    const member = async (id: string, first: string) => {
      await Users.Create(
        groupBuyer,
        {
          ID: id,
          Username: `${id}.user`,
          FirstName: first,
          LastName: 'Trade',
          Email: `${id}@example.com`,
          Active: true,
        },
        oc,
      );
      await waitUntil(async () => contactInXero(`${groupBuyer}/${id}`), {
        timeoutMs: 60_000,
        what: `${id} as a Xero contact`,
        explain: () => describeProgress(stack),
      });
    };
    await member('grp-ana', 'Ana');
    await member('grp-ben', 'Ben');
    await member('grp-cai', 'Cai');
    const addressOf = async (id: string, street: string) =>
      Addresses.Create(
        groupBuyer,
        { ID: id, Street1: street, City: 'Parramatta', State: 'NSW', Zip: '2150', Country: 'AU' },
        oc,
      );
    await addressOf('trade-office', '9 Trade Rd');
    await addressOf('ben-own', '4 Own Ave');
    // Ben's own billing address comes first, whatever his group is given.
    await Addresses.SaveAssignment(
      groupBuyer,
      { AddressID: 'ben-own', UserID: 'grp-ben', IsBilling: true },
      oc,
    );
    await waitUntil(
      async () => billingOf(await contactInXero(`${groupBuyer}/grp-ben`))?.addressLine1 === '4 Own Ave',
      {
        timeoutMs: 60_000,
        what: 'Ben’s own billing address on his contact',
      },
    );
    await UserGroups.Create(groupBuyer, { ID: 'trade', Name: 'Trade' }, oc);
    await UserGroups.SaveUserAssignment(groupBuyer, { UserGroupID: 'trade', UserID: 'grp-ana' }, oc);
    await UserGroups.SaveUserAssignment(groupBuyer, { UserGroupID: 'trade', UserID: 'grp-ben' }, oc);
    await Addresses.SaveAssignment(
      groupBuyer,
      { AddressID: 'trade-office', UserGroupID: 'trade', IsBilling: true },
      oc,
    );
    const ana = await waitUntil(
      async () => {
        const c = await contactInXero(`${groupBuyer}/grp-ana`);
        return billingOf(c)?.addressLine1 === '9 Trade Rd' ? c : undefined;
      },
      {
        timeoutMs: 60_000,
        what: 'the group’s billing address on Ana’s contact',
        explain: () => describeProgress(stack),
      },
    );
    expect(billingOf(ana)).toMatchObject({ city: 'Parramatta', postalCode: '2150', country: 'AU' });
    // Cai joins the group later: the group's address becomes his.
    await UserGroups.SaveUserAssignment(groupBuyer, { UserGroupID: 'trade', UserID: 'grp-cai' }, oc);
    await waitUntil(
      async () => billingOf(await contactInXero(`${groupBuyer}/grp-cai`))?.addressLine1 === '9 Trade Rd',
      {
        timeoutMs: 60_000,
        what: 'the group’s billing address on Cai’s contact',
        explain: () => describeProgress(stack),
      },
    );
    // The group's address edited: every member billed by it follows; Ben keeps his own.
    await Addresses.Patch(groupBuyer, 'trade-office', { Street1: '11 Trade Rd' }, oc);
    for (const id of ['grp-ana', 'grp-cai'])
      await waitUntil(
        async () => billingOf(await contactInXero(`${groupBuyer}/${id}`))?.addressLine1 === '11 Trade Rd',
        { timeoutMs: 60_000, what: `the edited group address on ${id}’s contact` },
      );
    await callsSettle();
    expect(billingOf(await contactInXero(`${groupBuyer}/grp-ben`))?.addressLine1).toBe('4 Own Ave');
    expect(await stack.infra.database.db.selectFrom('order_syncs').selectAll().execute()).toEqual([]);
  }, 240_000);

  it('a B2B buyer company is one contact, named by its billing address, whatever its users do', async () => {
    const company = 'acme-trade';
    await Buyers.Create({ ID: company, Name: 'Acme', Active: true }, oc);
    // A company-wide billing address with a company name makes the buyer a company (the order rule).
    await Addresses.Create(
      company,
      {
        ID: 'acme-hq',
        CompanyName: 'Acme Trading Pty Ltd',
        Street1: '1 Collins St',
        City: 'Melbourne',
        State: 'VIC',
        Zip: '3000',
        Country: 'AU',
      },
      oc,
    );
    await Addresses.SaveAssignment(company, { AddressID: 'acme-hq', IsBilling: true, IsShipping: true }, oc);
    const contact = await waitUntil(async () => contactInXero(`company:${company}`), {
      timeoutMs: 60_000,
      what: 'the buyer company as a Xero contact',
      explain: () => describeProgress(stack),
    });
    expect(contact).toMatchObject({ name: 'Acme Trading Pty Ltd' });
    expect(billingOf(contact)).toMatchObject({ addressLine1: '1 Collins St', city: 'Melbourne' });

    for (const id of ['ana', 'ben'])
      await Users.Create(
        company,
        {
          ID: id,
          Username: `${id}.acme`,
          FirstName: id,
          LastName: 'Acme',
          Email: `${id}@acme.example`,
          Active: true,
        },
        oc,
      );
    await Addresses.Patch(company, 'acme-hq', { Street1: '2 Collins St' }, oc);
    await waitUntil(
      async () => billingOf(await contactInXero(`company:${company}`))?.addressLine1 === '2 Collins St',
      {
        timeoutMs: 60_000,
        what: 'the company address edit on its contact',
      },
    );
    await callsSettle();
    const all = await contactsInXero();
    expect(all.filter((c) => c.contactNumber?.startsWith(`${company}/`))).toEqual([]);
    expect(all.filter((c) => c.contactNumber === `company:${company}`)).toHaveLength(1);
  }, 240_000);

  it('a shopper’s own billing address (private to them) reaches their contact and stays through later edits', async () => {
    const user = 'hana';
    const number = `${buyerId}/${user}`;
    await Users.Create(
      buyerId,
      {
        ID: user,
        Username: 'hana.k',
        Password: 'Passw0rd!',
        FirstName: 'Hana',
        LastName: 'Kim',
        Email: 'hana@example.com',
        Active: true,
      },
      oc,
    );
    const login = await Auth.Login('hana.k', 'Passw0rd!', sandboxDefaults.storefrontClientId);
    const shopper = { accessToken: login.access_token ?? '' };
    await Me.CreateAddress(
      {
        ID: 'hana-own',
        Street1: '5 Rose Ln',
        City: 'Hobart',
        State: 'TAS',
        Zip: '7000',
        Country: 'AU',
        Billing: true,
        Shipping: false,
      },
      shopper,
    );
    await waitUntil(async () => billingOf(await contactInXero(number))?.addressLine1 === '5 Rose Ln', {
      timeoutMs: 60_000,
      what: 'the shopper’s own address on their contact',
      explain: () => describeProgress(stack),
    });
    await Me.PatchAddress('hana-own', { Street1: '7 Rose Ln' }, shopper);
    await waitUntil(async () => billingOf(await contactInXero(number))?.addressLine1 === '7 Rose Ln', {
      timeoutMs: 60_000,
      what: 'the shopper’s address edit on their contact',
    });
    // The admin API cannot read the private address back; a later edit of the user keeps it.
    await Users.Patch(buyerId, user, { Email: 'hana.kim@example.com' }, oc);
    const edited = await waitUntil(
      async () => {
        const c = await contactInXero(number);
        return c?.emailAddress === 'hana.kim@example.com' ? c : undefined;
      },
      { timeoutMs: 60_000, what: 'the email edit on the contact' },
    );
    expect(billingOf(edited)?.addressLine1).toBe('7 Rose Ln');
    await callsSettle();
  }, 240_000);
});
