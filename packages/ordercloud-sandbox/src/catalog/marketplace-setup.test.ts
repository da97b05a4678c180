import {
  Addresses,
  ApiClients,
  Auth,
  Buyers,
  Cart,
  Catalogs,
  LineItems,
  Locales,
  Me,
  type OrderCloudError,
  Orders,
  PriceSchedules,
  Products,
  Promotions,
  SecurityProfiles,
  Shipments,
  Users,
} from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';

// Setting up a marketplace the way an integrator's seeding script does — PUT with the IDs it chooses,
// run twice — then what a storefront sees of it: catalogs, promotions, the cart, shipments.
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };

async function rejects(promise: Promise<unknown>): Promise<OrderCloudError> {
  try {
    await promise;
  } catch (error) {
    return error as OrderCloudError;
  }
  throw new Error('expected the call to fail');
}

async function seedMarketplace(name: string) {
  await Buyers.Save('gb-trade', { Name: name, xp: { Region: 'GB' } }, admin);
  await Locales.Save('gbp', { Currency: 'GBP', Language: 'en-GB' }, admin);
  await Locales.SaveAssignment({ LocaleID: 'gbp', BuyerID: 'gb-trade' }, admin);
  await Users.Save(
    'gb-trade',
    'olivia',
    {
      Username: 'olivia',
      Password: 'Passw0rd!',
      FirstName: 'Olivia',
      LastName: 'Hart',
      Email: 'olivia@example.co.uk',
      Active: true,
    },
    admin,
  );
  await Addresses.Save(
    'gb-trade',
    'gb-hq',
    { Street1: '1 High St', City: 'York', Zip: 'YO1 7HH', Country: 'GB' },
    admin,
  );
  await PriceSchedules.Save(
    'kettle-gbp',
    { Name: 'Kettle', Currency: 'GBP', PriceBreaks: [{ Quantity: 1, Price: 40 }] },
    admin,
  );
  await PriceSchedules.Save(
    'mug-gbp',
    { Name: 'Mug', Currency: 'GBP', PriceBreaks: [{ Quantity: 1, Price: 8 }] },
    admin,
  );
  await Products.Save(
    'kettle',
    { Name: 'Kettle', DefaultPriceScheduleID: 'kettle-gbp', xp: { Tags: ['kitchen'] } },
    admin,
  );
  await Products.Save(
    'mug',
    { Name: 'Mug', DefaultPriceScheduleID: 'mug-gbp', xp: { Tags: ['kitchen', 'gift'] } },
    admin,
  );
  await Products.Save('hidden', { Name: 'Not in the catalog', DefaultPriceScheduleID: 'mug-gbp' }, admin);
  await Catalogs.SaveProductAssignment({ CatalogID: 'gb-trade', ProductID: 'kettle' }, admin);
  await Catalogs.SaveProductAssignment({ CatalogID: 'gb-trade', ProductID: 'mug' }, admin);
  await SecurityProfiles.Save(
    'shopper',
    { Name: 'Shopper', Roles: ['Shopper', 'MeAdmin', 'MeAddressAdmin'] },
    admin,
  );
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: 'shopper', BuyerID: 'gb-trade' }, admin);
  await ApiClients.Save(
    'gb-shop',
    {
      AppName: 'GB shop',
      AccessTokenDuration: 600,
      Active: true,
      AllowAnyBuyer: false,
      OrderCheckoutIntegrationEventID: 'sandbox-checkout',
    },
    admin,
  );
  await ApiClients.SaveAssignment({ ApiClientID: 'gb-shop', BuyerID: 'gb-trade' }, admin);
}

async function olivia() {
  const login = await Auth.Login('olivia', 'Passw0rd!', 'gb-shop');
  return { accessToken: login.access_token ?? '' };
}

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 31 });
  const { Configuration } = await import('ordercloud-javascript-sdk');
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
  await seedMarketplace('GB trade');
});

afterAll(async () => {
  await running.close();
});

describe('a marketplace set up with PUT', () => {
  it('creates with the ID in the URI, replaces on the second run, and PATCH merges', async () => {
    await seedMarketplace('GB trade customers');
    expect(await Buyers.Get('gb-trade', admin)).toMatchObject({
      Name: 'GB trade customers',
      DefaultCatalogID: 'gb-trade',
    });
    expect((await Buyers.List({}, admin)).Items?.filter((b) => b.ID === 'gb-trade')).toHaveLength(1);
    expect((await Catalogs.ListAssignments({ buyerID: 'gb-trade' }, admin)).Items).toEqual([
      { CatalogID: 'gb-trade', BuyerID: 'gb-trade', ViewAllCategories: true, ViewAllProducts: true },
    ]);
    const replaced = await Products.Save(
      'kettle',
      { Name: 'Kettle 1.7 l', DefaultPriceScheduleID: 'kettle-gbp' },
      admin,
    );
    expect(replaced).toMatchObject({ Name: 'Kettle 1.7 l', xp: {} });
    const patched = await Products.Patch('kettle', { xp: { Tags: ['kitchen'] } }, admin);
    expect(patched).toMatchObject({ Name: 'Kettle 1.7 l', xp: { Tags: ['kitchen'] } });
    expect(await Users.Get('gb-trade', 'olivia', admin)).toMatchObject({
      Username: 'olivia',
      FirstName: 'Olivia',
    });
    expect(await Addresses.Get('gb-trade', 'gb-hq', admin)).toMatchObject({ City: 'York', Country: 'GB' });
    expect(await Locales.Get('gbp', admin)).toMatchObject({ Currency: 'GBP', Language: 'en-GB' });
  });

  it('signs buyers in only through clients assigned to their company, with their profile roles', async () => {
    const token = await olivia();
    const claims = JSON.parse(Buffer.from(token.accessToken.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.role).toEqual(['Shopper', 'MeAdmin', 'MeAddressAdmin']);
    await ApiClients.Save(
      'other-shop',
      { AppName: 'Other', AccessTokenDuration: 600, Active: true, AllowAnyBuyer: false },
      admin,
    );
    expect((await rejects(Auth.Login('olivia', 'Passw0rd!', 'other-shop'))).status).toBe(400);
  });

  it('shows a buyer the products of its catalogs with the price it pays', async () => {
    const buyer = await olivia();
    const products = await Me.ListProducts({}, buyer);
    expect(products.Items?.map((p) => [p.ID, p.PriceSchedule?.PriceBreaks?.[0]?.Price]).sort()).toEqual([
      ['kettle', 40],
      ['mug', 8],
    ]);
    expect((await rejects(Me.GetProduct('hidden', {}, buyer))).status).toBe(404);
    expect((await Me.ListCatalogs({}, buyer)).Items?.map((c) => c.ID)).toEqual(['gb-trade']);
  });

  it('applies promotions written in the rules language: by code, automatically by priority, only to assigned buyers', async () => {
    await Promotions.Save(
      'kitchen-10',
      {
        Code: 'KITCHEN10',
        EligibleExpression: "items.any(Product.xp.Tags.contains('kitchen')) and order.Subtotal >= 40",
        ValueExpression: 'min(order.Subtotal * .1, 20)',
        CanCombine: true,
      },
      admin,
    );
    await Promotions.Save(
      'mug-bogo',
      {
        Code: 'MUGBOGO',
        LineItemLevel: true,
        AutoApply: true,
        Priority: 1,
        CanCombine: true,
        EligibleExpression: "item.ProductID = 'mug' and item.Quantity > 1",
        ValueExpression: 'item.LineSubtotal / item.Quantity',
      },
      admin,
    );
    await Promotions.Save(
      'vip-only',
      { Code: 'VIP', ValueExpression: '5', AutoApply: true, CanCombine: true, AllowAllBuyers: false },
      admin,
    );
    const syntax = await rejects(
      Promotions.Save('broken', { Code: 'BROKEN', ValueExpression: 'order.Subtotal *' }, admin),
    );
    expect(syntax.errorCode).toBe('Expression.InvalidSyntax');

    const buyer = await olivia();
    const order = await Orders.Create('Outgoing', {}, buyer);
    const id = order.ID ?? '';
    await LineItems.Create('Outgoing', id, { ProductID: 'kettle', Quantity: 1 }, buyer);
    await LineItems.Create('Outgoing', id, { ID: 'mugs', ProductID: 'mug', Quantity: 3 }, buyer);
    const eligible = await Orders.ListEligiblePromotions('Outgoing', id, {}, buyer);
    expect(eligible.Items?.map((p) => [p.Code, p.Amount]).sort()).toEqual([
      ['KITCHEN10', 6.4],
      ['MUGBOGO', 8],
    ]);
    await Orders.ApplyPromotions('Outgoing', id, buyer);
    const withCode = await Orders.AddPromotion('Outgoing', id, 'kitchen10', buyer);
    expect(withCode).toMatchObject({ Code: 'KITCHEN10', Amount: 6.4 });
    expect(await Orders.Get('Outgoing', id, buyer)).toMatchObject({ Subtotal: 64, PromotionDiscount: 14.4 });
    expect((await rejects(Orders.AddPromotion('Outgoing', id, 'VIP', buyer))).status).toBe(404);

    await Promotions.SaveAssignment({ PromotionID: 'vip-only', BuyerID: 'gb-trade' }, admin);
    await Orders.ApplyPromotions('Outgoing', id, buyer);
    expect((await Orders.Get('Outgoing', id, buyer)).PromotionDiscount).toBe(19.4);

    await LineItems.Patch('Outgoing', id, 'mugs', { Quantity: 1 }, buyer);
    const refreshed = await Orders.RefreshPromotions('Outgoing', id, buyer);
    expect(refreshed.PromosRemoved?.map((p) => [p.Code, p.ErrorCode])).toEqual([
      ['MUGBOGO', 'Promotion.NotEligible'],
    ]);
    await Promotions.Patch('kitchen-10', { Active: false }, admin);
    expect((await Orders.ListPromotions('Outgoing', id, {}, buyer)).Items?.map((p) => p.Code)).toEqual([
      'VIP',
    ]);
  });

  it('keeps a chosen cart, and completes an order once every quantity has a dated shipment', async () => {
    const buyer = await olivia();
    const first = await Orders.Create('Outgoing', { ID: `cart-a-${Date.now()}` }, buyer);
    await Orders.Create('Outgoing', {}, buyer);
    await Cart.SetActiveCart(first.ID ?? '', buyer);
    expect((await Cart.Get(buyer)).ID).toBe(first.ID);
    await Cart.CreateLineItem({ ID: 'k', ProductID: 'kettle', Quantity: 2 }, buyer);
    await Cart.SetShippingAddress({ Street1: '2 Low St', City: 'Leeds', Country: 'GB' }, buyer);
    await Cart.Calculate(buyer);
    const submitted = await Cart.Submit(buyer);
    const id = submitted.ID ?? '';
    await Shipments.Save(
      'ship-1',
      { Shipper: 'Royal Mail', TrackingNumber: 'RM1', DateShipped: '2026-03-01T10:00:00Z' },
      admin,
    );
    await Shipments.SaveItem('ship-1', { OrderID: id, LineItemID: 'k', QuantityShipped: 1 }, admin);
    expect((await Orders.Get('Incoming', id, admin)).Status).toBe('Open');
    expect((await LineItems.Get('Incoming', id, 'k', admin)).QuantityShipped).toBe(1);
    const tooMany = await rejects(
      Shipments.SaveItem('ship-1', { OrderID: id, LineItemID: 'k', QuantityShipped: 3 }, admin),
    );
    expect(tooMany.errorCode).toBe('Shipment.QuantityExceeded');
    const shipped = await Orders.Ship(
      'Incoming',
      id,
      { Shipper: 'Royal Mail', TrackingNumber: 'RM2' },
      admin,
    );
    expect(shipped.Status).toBe('Completed');
    expect((await Me.ListShipments({}, buyer)).Items?.map((s) => s.TrackingNumber).sort()).toEqual([
      'RM1',
      'RM2',
    ]);
    expect((await Orders.ListShipments('Outgoing', id, {}, buyer)).Meta?.TotalCount).toBe(2);
  });
});
