import {
  ApiClients,
  Auth,
  Buyers,
  IntegrationEvents,
  LineItems,
  Locales,
  type OrderCalculatePayload,
  type OrderCloudError,
  Orders,
  PriceSchedules,
  Products,
  Users,
} from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';
import { type CheckoutEndpoint, startCheckoutEndpoint } from '../testing/checkout-endpoint.ts';
import { signWebhookBody } from '../webhooks/sign.ts';

// An OrderCheckout integration event driven only through the official SDK: the merchant's endpoint
// (hosted by the test) answers shipping rates and a Catalyst-shaped tax calculation without rates.
let running: RunningOrderCloudSandbox;
let endpoint: CheckoutEndpoint;
let admin: { accessToken: string };
const hashKey = 'merchant-hash-key';

async function rejects(promise: Promise<unknown>): Promise<OrderCloudError> {
  try {
    await promise;
  } catch (error) {
    return error as OrderCloudError;
  }
  throw new Error('expected the call to fail');
}

const taxCalculation = (payload: OrderCalculatePayload) => {
  const lines = payload.OrderWorksheet.LineItems ?? [];
  const lineTax = (total: number) => Math.round(total * 10) / 100; // 10 % GST, to the cent
  return {
    OrderID: payload.OrderWorksheet.Order?.ID,
    ExternalTransactionID: `tx-${payload.OrderWorksheet.Order?.ID}`,
    TotalTax: lines.reduce((sum, l) => sum + lineTax(l.LineTotal ?? 0), 0) + 1.5,
    LineItems: lines.map((l) => ({
      LineItemID: l.ID,
      LineItemTotalTax: lineTax(l.LineTotal ?? 0),
      LineItemLevelTaxes: [
        {
          Tax: lineTax(l.LineTotal ?? 0),
          Taxable: l.LineTotal,
          Exempt: 0,
          TaxDescription: 'GST',
          JurisdictionLevel: 'Country',
          JurisdictionValue: 'AU',
          ShipEstimateID: null,
        },
      ],
    })),
    OrderLevelTaxes: [
      {
        Tax: 1.5,
        Taxable: 15,
        Exempt: 0,
        TaxDescription: 'GST on freight',
        JurisdictionLevel: 'Country',
        JurisdictionValue: 'AU',
        ShipEstimateID: 'ship-1',
      },
    ],
  };
};

beforeAll(async () => {
  endpoint = await startCheckoutEndpoint({
    hashKey,
    handlers: {
      shippingrates: (payload) => {
        const sheet = (payload as OrderCalculatePayload).OrderWorksheet;
        return {
          ShipEstimates: [
            {
              ID: 'ship-1',
              ShipEstimateItems: (sheet.LineItems ?? []).map((l) => ({
                LineItemID: l.ID,
                Quantity: l.Quantity,
              })),
              ShipMethods: [
                {
                  ID: 'road',
                  Name: 'Road freight',
                  Cost: 15,
                  EstimatedTransitDays: 3,
                  xp: { Carrier: 'AusPost' },
                },
                { ID: 'air', Name: 'Air freight', Cost: 40, EstimatedTransitDays: 1, xp: {} },
              ],
              xp: {},
            },
          ],
          xp: { RatedBy: 'test' },
        };
      },
      ordercalculate: (payload) => {
        const calc = taxCalculation(payload as OrderCalculatePayload);
        return { TaxTotal: calc.TotalTax, ShippingTotal: 15, xp: { TaxCalculation: calc } };
      },
      ordersubmit: () => ({ xp: { ExportedTo: 'erp' } }),
    },
  });
  running = await startOrderCloudSandbox({ idSeed: 5 });
  const { Configuration } = await import('ordercloud-javascript-sdk');
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
  await Buyers.Create({ ID: 'au-retail', Name: 'AU retail' }, admin);
  await Locales.Save('aud', { Currency: 'AUD' }, admin);
  await Locales.SaveAssignment({ LocaleID: 'aud', BuyerID: 'au-retail' }, admin);
  await Users.Create(
    'au-retail',
    {
      ID: 'mia',
      Username: 'mia',
      Password: 'Passw0rd!',
      FirstName: 'Mia',
      LastName: 'Ng',
      Email: 'mia@example.au',
      Active: true,
    },
    admin,
  );
  await PriceSchedules.Create(
    { ID: 'mug-aud', Name: 'Mug', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 12.5 }] },
    admin,
  );
  await Products.Create({ ID: 'mug', Name: 'Mug', DefaultPriceScheduleID: 'mug-aud' }, admin);
  await IntegrationEvents.Create(
    {
      ID: 'merchant-checkout',
      EventType: 'OrderCheckout',
      Name: 'Merchant checkout',
      CustomImplementationUrl: endpoint.url,
      HashKey: hashKey,
      ConfigData: { Region: 'AU' },
      ElevatedRoles: ['OverrideTax'],
    },
    admin,
  );
  await ApiClients.Create(
    {
      ID: 'au-storefront',
      AppName: 'AU storefront',
      AccessTokenDuration: 600,
      Active: true,
      AllowAnyBuyer: true,
      OrderCheckoutIntegrationEventID: 'merchant-checkout',
    },
    admin,
  );
});

afterAll(async () => {
  await running.close();
  await endpoint.close();
});

describe('OrderCheckout integration event', () => {
  it('is created, read, patched, replaced and deleted through the SDK, and attached to API clients', async () => {
    const created = await IntegrationEvents.Create(
      {
        EventType: 'OrderCheckout',
        Name: 'Second checkout',
        CustomImplementationUrl: endpoint.url,
        HashKey: 'k1',
      },
      admin,
    );
    expect(created).toMatchObject({ EventType: 'OrderCheckout', ElevatedRoles: [], ConfigData: null });
    const id = created.ID ?? '';
    expect((await IntegrationEvents.List({}, admin)).Items?.map((e) => e.ID)).toEqual(
      expect.arrayContaining([id, 'merchant-checkout', 'sandbox-checkout']),
    );
    await IntegrationEvents.Patch(id, { ElevatedRoles: ['OverrideShipping'] }, admin);
    expect(await IntegrationEvents.Get(id, admin)).toMatchObject({
      ElevatedRoles: ['OverrideShipping'],
      HashKey: 'k1',
    });
    const replaced = await IntegrationEvents.Save(
      id,
      { Name: 'Replaced', CustomImplementationUrl: endpoint.url, HashKey: 'k2' },
      admin,
    );
    expect(replaced).toMatchObject({ ID: id, Name: 'Replaced', ElevatedRoles: [], HashKey: 'k2' });
    const put = await IntegrationEvents.Save(
      'by-put',
      { Name: 'Created by PUT', CustomImplementationUrl: endpoint.url, HashKey: 'k' },
      admin,
    );
    expect(put.ID).toBe('by-put');
    await ApiClients.Create(
      {
        ID: 'second-shop',
        AppName: 'Second',
        AccessTokenDuration: 600,
        Active: true,
        OrderCheckoutIntegrationEventID: id,
      },
      admin,
    );
    expect(await ApiClients.Get('second-shop', admin)).toMatchObject({
      OrderCheckoutIntegrationEventID: id,
      OrderCheckoutIntegrationEventName: 'Replaced',
    });
    expect(
      (await rejects(ApiClients.Patch('second-shop', { OrderCheckoutIntegrationEventID: 'nope' }, admin)))
        .status,
    ).toBe(404);
    const outside = await rejects(
      IntegrationEvents.Save(
        'elsewhere',
        { Name: 'x', CustomImplementationUrl: 'https://example.com', HashKey: 'k' },
        admin,
      ),
    );
    expect(outside.status).toBe(400);
    await IntegrationEvents.Delete(id, admin);
    expect((await rejects(IntegrationEvents.Get(id, admin))).status).toBe(404);
    expect((await ApiClients.Get('second-shop', admin)).OrderCheckoutIntegrationEventID).toBeNull();
  });

  it('calls the merchant with the signed payload and stores its answer in the worksheet and order', async () => {
    const login = await Auth.Login('mia', 'Passw0rd!', 'au-storefront');
    const buyer = { accessToken: login.access_token ?? '' };
    const order = await Orders.Create('Outgoing', {}, buyer);
    const id = order.ID ?? '';
    await LineItems.Create('Outgoing', id, { ProductID: 'mug', Quantity: 4 }, buyer);
    const calls = endpoint.calls.length;
    expect((await rejects(Orders.Submit('Outgoing', id, buyer))).errorCode).toBe('Order.CalculateRequired');

    const estimated = await IntegrationEvents.EstimateShipping('Outgoing', id, buyer);
    expect(estimated.ShipEstimateResponse).toMatchObject({
      ShipEstimates: [
        { ID: 'ship-1', ShipMethods: [{ ID: 'road', Cost: 15, xp: { Carrier: 'AusPost' } }, { ID: 'air' }] },
      ],
      xp: { RatedBy: 'test' },
      HttpStatusCode: 200,
    });
    const rates = endpoint.calls[calls];
    expect(rates).toMatchObject({ name: 'shippingrates', signatureValid: true });
    expect(rates?.headers['x-oc-hash']).toBe(signWebhookBody(rates?.rawBody ?? '', hashKey));
    const payload = rates?.payload as OrderCalculatePayload;
    expect(payload).toMatchObject({
      ConfigData: { Region: 'AU' },
      Environment: 'Sandbox',
      OrderWorksheet: { Order: { ID: id, Currency: 'AUD' }, LineItems: [{ ProductID: 'mug', Quantity: 4 }] },
    });
    const claims = JSON.parse(
      Buffer.from(payload.OrderCloudAccessToken.split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(claims).toMatchObject({
      usr: 'mia',
      cid: 'au-storefront',
      role: expect.arrayContaining(['Shopper', 'OverrideTax']),
    });

    await IntegrationEvents.SelectShipmethods(
      'Outgoing',
      id,
      { ShipMethodSelections: [{ ShipEstimateID: 'ship-1', ShipMethodID: 'road' }] },
      buyer,
    );
    const calculated = await IntegrationEvents.Calculate('Outgoing', id, buyer);
    expect(endpoint.calls.at(-1)).toMatchObject({ name: 'ordercalculate', signatureValid: true });
    const sent = endpoint.calls.at(-1)?.payload as OrderCalculatePayload;
    expect(sent.OrderWorksheet.ShipEstimateResponse?.ShipEstimates?.[0]?.SelectedShipMethodID).toBe('road');
    // 4 × 12.50 = 50.00; GST 5.00 on the goods + 1.50 on freight; freight 15.00.
    expect(calculated.Order).toMatchObject({ Subtotal: 50, ShippingCost: 15, TaxCost: 6.5, Total: 71.5 });
    expect(calculated.OrderCalculateResponse).toMatchObject({
      TaxTotal: 6.5,
      ShippingTotal: 15,
      HttpStatusCode: 200,
      Succeeded: true,
      xp: {
        TaxCalculation: {
          TotalTax: 6.5,
          LineItems: [
            { LineItemTotalTax: 5, LineItemLevelTaxes: [{ Tax: 5, Taxable: 50, JurisdictionValue: 'AU' }] },
          ],
          OrderLevelTaxes: [{ Tax: 1.5, ShipEstimateID: 'ship-1' }],
        },
      },
    });
    const submitted = await Orders.Submit('Outgoing', id, buyer);
    expect(submitted).toMatchObject({ Status: 'Open', TaxCost: 6.5, ShippingCost: 15, Total: 71.5 });
    expect(endpoint.calls.at(-1)).toMatchObject({ name: 'ordersubmit', signatureValid: true });
    const worksheet = await IntegrationEvents.GetWorksheet('Incoming', id, admin);
    expect(worksheet.OrderSubmitResponse).toMatchObject({ HttpStatusCode: 200, xp: { ExportedTo: 'erp' } });
    expect(worksheet.OrderCalculateResponse?.xp?.TaxCalculation?.OrderID).toBe(id);
  });

  it('nulls the calculation when the order changes, and records a failing endpoint on the worksheet', async () => {
    const login = await Auth.Login('mia', 'Passw0rd!', 'au-storefront');
    const buyer = { accessToken: login.access_token ?? '' };
    const order = await Orders.Create('Outgoing', {}, buyer);
    const id = order.ID ?? '';
    const line = await LineItems.Create('Outgoing', id, { ProductID: 'mug', Quantity: 1 }, buyer);
    await IntegrationEvents.Calculate('Outgoing', id, buyer);
    expect((await Orders.Get('Outgoing', id, buyer)).TaxCost).toBe(2.75); // 1.25 + 1.50
    await LineItems.Patch('Outgoing', id, line.ID ?? '', { Quantity: 2 }, buyer);
    const changed = await IntegrationEvents.GetWorksheet('Outgoing', id, buyer);
    expect(changed.OrderCalculateResponse).toBeNull();
    expect(changed.Order?.TaxCost).toBe(0);
    expect((await rejects(Orders.Submit('Outgoing', id, buyer))).errorCode).toBe('Order.CalculateRequired');

    await IntegrationEvents.Patch('merchant-checkout', { HashKey: 'rotated-on-one-side-only' }, admin);
    try {
      const failed = await IntegrationEvents.Calculate('Outgoing', id, buyer);
      expect(failed.OrderCalculateResponse).toMatchObject({ HttpStatusCode: 401, Succeeded: false });
      expect(failed.OrderCalculateResponse?.UnhandledErrorBody).toContain('bad x-oc-hash');
      expect(failed.Order?.TaxCost).toBe(0);
    } finally {
      await IntegrationEvents.Patch('merchant-checkout', { HashKey: hashKey }, admin);
    }
  });

  it('lets a client without an OrderCheckout event submit without calculate, costs set by Override roles', async () => {
    await ApiClients.Create(
      {
        ID: 'plain-shop',
        AppName: 'Plain shop',
        AccessTokenDuration: 600,
        Active: true,
        AllowAnyBuyer: true,
      },
      admin,
    );
    const login = await Auth.Login('mia', 'Passw0rd!', 'plain-shop');
    const buyer = { accessToken: login.access_token ?? '' };
    const order = await Orders.Create('Outgoing', {}, buyer);
    const id = order.ID ?? '';
    await LineItems.Create('Outgoing', id, { ProductID: 'mug', Quantity: 2 }, buyer);
    const refused = await rejects(Orders.Patch('Outgoing', id, { TaxCost: 2.5 }, buyer));
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.Data).toMatchObject({ SufficientRoles: ['OverrideTax'] });

    await ApiClients.Create(
      {
        ID: 'tax-middleware',
        AppName: 'Tax middleware',
        AccessTokenDuration: 600,
        Active: true,
        AllowSeller: true,
        ClientSecret: 'middleware-secret',
        DefaultContextUserName: sandboxDefaults.integrationUsername,
      },
      admin,
    );
    const middleware = await Auth.ClientCredentials('middleware-secret', 'tax-middleware', [
      'OrderAdmin',
      'OverrideTax',
    ]);
    const scoped = { accessToken: middleware.access_token ?? '' };
    const taxed = await Orders.Patch('Incoming', id, { TaxCost: 2.5 }, scoped);
    expect(taxed).toMatchObject({ TaxCost: 2.5, ShippingCost: 0, Total: 27.5 });
    const noShipping = await rejects(Orders.Patch('Incoming', id, { ShippingCost: 9 }, scoped));
    expect(noShipping.status).toBe(403);
    expect((await IntegrationEvents.Calculate('Outgoing', id, buyer)).Order?.TaxCost).toBe(2.5);
    const submitted = await Orders.Submit('Outgoing', id, buyer);
    expect(submitted).toMatchObject({ Status: 'Open', TaxCost: 2.5, Total: 27.5 });
  });
});
