import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as sdk from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from './seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from './server.ts';

// Every object the sandbox returns has the fields of the SDK's model of it — no more, no fewer — read
// from the model's .d.ts file itself (ordercloud-javascript-sdk/dist/models/*.d.ts).
const modelsDir = join(
  dirname(createRequire(import.meta.url).resolve('ordercloud-javascript-sdk')),
  'models',
);

function modelFields(model: string): string[] {
  const source = readFileSync(join(modelsDir, `${model}.d.ts`), 'utf8');
  return [...source.matchAll(/^\s+(?:readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)\??:/gm)]
    .map((m) => m[1] ?? '')
    .sort();
}

function expectModel(model: string, value: unknown, missing: string[] = []): void {
  const keys = Object.keys(value as object);
  const fields = modelFields(model);
  const extra = keys.filter((k) => !fields.includes(k));
  const absent = fields.filter((f) => !missing.includes(f) && !keys.includes(f));
  expect({ model, extra, absent }).toEqual({ model, extra: [], absent: [] });
}

let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };
let buyer: { accessToken: string };
let orderId: string;

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 41 });
  sdk.Configuration.Set({ baseApiUrl: running.url });
  const token = await sdk.Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
  await sdk.Buyers.Save('b', { Name: 'Buyer' }, admin);
  await sdk.Locales.Save('aud', { Currency: 'AUD' }, admin);
  await sdk.Locales.SaveAssignment({ LocaleID: 'aud', BuyerID: 'b' }, admin);
  await sdk.Users.Save(
    'b',
    'u',
    {
      Username: 'u',
      Password: 'Passw0rd!',
      FirstName: 'U',
      LastName: 'Ser',
      Email: 'u@example.au',
      Active: true,
    },
    admin,
  );
  await sdk.Addresses.Save(
    'b',
    'a',
    { Street1: '1 George St', City: 'Sydney', State: 'NSW', Zip: '2000', Country: 'AU' },
    admin,
  );
  await sdk.PriceSchedules.Save(
    'ps',
    { Name: 'PS', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 10 }] },
    admin,
  );
  await sdk.Products.Save('p', { Name: 'P', DefaultPriceScheduleID: 'ps' }, admin);
  await sdk.Promotions.Save('promo', { Code: 'TEN', ValueExpression: '1', CanCombine: true }, admin);
  const login = await sdk.Auth.Login('u', 'Passw0rd!', sandboxDefaults.storefrontClientId);
  buyer = { accessToken: login.access_token ?? '' };
  const order = await sdk.Orders.Create('Outgoing', { BillingAddressID: 'a' }, buyer);
  orderId = order.ID ?? '';
  await sdk.LineItems.Create(
    'Outgoing',
    orderId,
    { ID: 'l', ProductID: 'p', Quantity: 2, ShippingAddressID: 'a' },
    buyer,
  );
  await sdk.Orders.AddPromotion('Outgoing', orderId, 'TEN', buyer);
  const estimated = await sdk.IntegrationEvents.EstimateShipping('Outgoing', orderId, buyer);
  const estimateId = estimated.ShipEstimateResponse?.ShipEstimates?.[0]?.ID ?? '';
  await sdk.IntegrationEvents.SelectShipmethods(
    'Outgoing',
    orderId,
    { ShipMethodSelections: [{ ShipEstimateID: estimateId, ShipMethodID: 'STANDARD' }] },
    buyer,
  );
});

afterAll(async () => {
  await running.close();
});

describe('the sandbox answers in the SDK models', () => {
  it('orders, lines, worksheet, promotions on orders', async () => {
    const worksheet = await sdk.IntegrationEvents.Calculate('Outgoing', orderId, buyer);
    expectModel('OrderWorksheet', worksheet);
    expectModel('Order', worksheet.Order);
    expectModel('OrderUser', worksheet.Order?.FromUser, ['Password']);
    expectModel('LineItem', worksheet.LineItems?.[0]);
    expectModel('Address', worksheet.Order?.BillingAddress);
    expectModel('OrderCalculateResponse', worksheet.OrderCalculateResponse);
    expectModel('ShipEstimateResponse', worksheet.ShipEstimateResponse);
    expectModel('ShipEstimate', worksheet.ShipEstimateResponse?.ShipEstimates?.[0]);
    expectModel('ShipMethod', worksheet.ShipEstimateResponse?.ShipEstimates?.[0]?.ShipMethods?.[0]);
    expectModel('OrderPromotion', worksheet.OrderPromotions?.[0]);
  });

  it('buyer addresses as a user sees them', async () => {
    await sdk.Me.CreateAddress(
      { ID: 'mine', Street1: '9 Pitt St', City: 'Sydney', Country: 'AU', Shipping: true },
      buyer,
    );
    expectModel('BuyerAddress', await sdk.Me.GetAddress('mine', buyer));
  });

  it('payments and transactions', async () => {
    const order = await sdk.Orders.Create('Incoming', { FromUserID: 'u', FromCompanyID: 'b' }, admin);
    await sdk.LineItems.Create('Incoming', order.ID ?? '', { ProductID: 'p', Quantity: 1 }, admin);
    await sdk.Payments.Create('Incoming', order.ID ?? '', { ID: 'pay', Type: 'PurchaseOrder' }, admin);
    const payment = await sdk.Payments.CreateTransaction(
      'Incoming',
      order.ID ?? '',
      'pay',
      { Type: 'PO', Succeeded: true },
      admin,
    );
    expectModel('Payment', payment);
    expectModel('PaymentTransaction', payment.Transactions?.[0]);
  });

  it('specs, spec options and generated variants', async () => {
    await sdk.Specs.Create({ ID: 'size', Name: 'Size', Required: true, DefinesVariant: true }, admin);
    await sdk.Specs.CreateOption(
      'size',
      { ID: 'xl', Value: 'XL', PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 2.5 },
      admin,
    );
    await sdk.Specs.SaveProductAssignment({ SpecID: 'size', ProductID: 'p' }, admin);
    const product = await sdk.Products.GenerateVariants('p', {}, {}, admin);
    expect(product.VariantCount).toBe(1);
    expectModel('Spec', await sdk.Specs.Get('size', admin));
    expectModel('SpecOption', await sdk.Specs.GetOption('size', 'xl', admin));
    const listed = (await sdk.Products.ListVariants('p', {}, admin)).Items[0];
    await sdk.Products.PatchVariant('p', listed?.ID ?? '', { Inventory: { QuantityAvailable: 3 } }, admin);
    const variant = (await sdk.Products.ListVariants('p', {}, admin)).Items[0];
    expectModel('Variant', variant);
    expectModel('VariantSpec', variant?.Specs?.[0]);
    expectModel('VariantInventory', variant?.Inventory);
    expect(variant?.Specs?.[0]).toMatchObject({ SpecID: 'size', OptionID: 'xl', PriceMarkup: 2.5 });
  });

  it('user groups, their members and a group’s address assignment', async () => {
    await sdk.UserGroups.Save('b', 'g', { Name: 'Group', Description: 'Wholesale' }, admin);
    await sdk.UserGroups.SaveUserAssignment('b', { UserGroupID: 'g', UserID: 'u' }, admin);
    await sdk.Addresses.SaveAssignment('b', { AddressID: 'a', UserGroupID: 'g', IsBilling: true }, admin);
    expectModel('UserGroup', await sdk.UserGroups.Get('b', 'g', admin));
    const member = (await sdk.UserGroups.ListUserAssignments('b', { userGroupID: 'g' }, admin)).Items[0];
    expectModel('UserGroupAssignment', member);
    const assignment = (await sdk.Addresses.ListAssignments('b', { level: 'Group' }, admin)).Items[0];
    expectModel('AddressAssignment', assignment);
    expect(assignment).toMatchObject({ AddressID: 'a', UserID: null, UserGroupID: 'g', IsBilling: true });
  });

  it('catalog and directory resources', async () => {
    expectModel('Buyer', await sdk.Buyers.Get('b', admin));
    expectModel('User', await sdk.Users.Get('b', 'u', admin), ['Password']); // never returned
    expectModel('Address', await sdk.Addresses.Get('b', 'a', admin));
    expectModel('Product', await sdk.Products.Get('p', admin));
    expectModel('PriceSchedule', await sdk.PriceSchedules.Get('ps', admin));
    expectModel('Promotion', await sdk.Promotions.Get('promo', admin));
    expectModel('Catalog', await sdk.Catalogs.Get('b', admin));
    expectModel('Locale', await sdk.Locales.Get('aud', admin));
    expectModel('IntegrationEvent', await sdk.IntegrationEvents.Get('sandbox-checkout', admin));
    expectModel('ApiClient', await sdk.ApiClients.Get(sandboxDefaults.storefrontClientId, admin));
    expectModel(
      'SecurityProfile',
      await sdk.SecurityProfiles.Save('sp', { Name: 'SP', Roles: ['Shopper'] }, admin),
    );
  });
});
