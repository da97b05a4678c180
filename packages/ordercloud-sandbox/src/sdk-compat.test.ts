import {
  Auth,
  Buyers,
  Cart,
  Configuration,
  IntegrationEvents,
  LineItems,
  Locales,
  Me,
  type OrderCloudError,
  Orders,
  Payments,
  PriceSchedules,
  Products,
  Promotions,
  Tokens,
  Users,
  Webhooks,
} from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from './seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from './server.ts';

// The real ordercloud-javascript-sdk 12 against the simulator over HTTP.
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

async function rejects(promise: Promise<unknown>): Promise<OrderCloudError> {
  try {
    await promise;
  } catch (error) {
    return error as OrderCloudError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 3 });
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
  await Buyers.Create({ ID: 'retail-nz', Name: 'Retail NZ' }, admin);
  await Locales.Create({ ID: 'nzd', Currency: 'NZD' }, admin);
  await Locales.SaveAssignment({ LocaleID: 'nzd', BuyerID: 'retail-nz' }, admin);
  await Users.Create(
    'retail-nz',
    {
      ID: 'aroha',
      Username: 'aroha',
      Password: 'Passw0rd!',
      FirstName: 'Aroha',
      LastName: 'Te Whare',
      Email: 'aroha@example.nz',
      Active: true,
    },
    admin,
  );
  await Buyers.Create({ ID: 'retail-us', Name: 'Retail US' }, admin);
  await PriceSchedules.Create(
    { ID: 'kowhai-nzd', Name: 'Kōwhai print', Currency: 'NZD', PriceBreaks: [{ Quantity: 1, Price: 49.9 }] },
    admin,
  );
  await PriceSchedules.Create(
    { ID: 'kowhai-usd', Name: 'Kōwhai print', Currency: 'USD', PriceBreaks: [{ Quantity: 1, Price: 29 }] },
    admin,
  );
  await Products.Create(
    { ID: 'kowhai', Name: 'Kōwhai Print A3', DefaultPriceScheduleID: 'kowhai-nzd', xp: { SKU: 'KWH-A3' } },
    admin,
  );
  await Products.Create({ ID: 'usd-only', Name: 'US only', DefaultPriceScheduleID: 'kowhai-usd' }, admin);
  await Promotions.Create(
    {
      ID: 'save10',
      Code: 'SAVE10',
      ValueExpression: 'Order.Subtotal * 0.1',
      EligibleExpression: 'true',
      CanCombine: true,
    },
    admin,
  );
  await Users.Create(
    'retail-nz',
    {
      ID: 'nz-orders',
      Username: 'nz-orders',
      FirstName: 'Many',
      LastName: 'Orders',
      Email: '',
      Active: true,
    },
    admin,
  );
});

afterAll(async () => {
  await running.close();
});

describe('auth', () => {
  it('issues JWTs the SDK accepts, with the claims it reads', async () => {
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 36000 });
    Tokens.SetAccessToken(token.access_token ?? ''); // throws "Invalid token" for anything but a JWT
    const claims = claimsOf(token.access_token ?? '');
    expect(claims).toMatchObject({
      usr: sandboxDefaults.integrationUsername,
      cid: sandboxDefaults.integrationClientId,
      usrtype: 'admin',
      role: ['FullAccess'],
    });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect((await Me.Get()).Username).toBe(sandboxDefaults.integrationUsername);
    Tokens.RemoveAccessToken();
  });

  it('supports buyer login, refresh tokens and anonymous shoppers', async () => {
    const login = await Auth.Login('aroha', 'Passw0rd!', sandboxDefaults.storefrontClientId);
    expect(claimsOf(login.access_token ?? '')).toMatchObject({
      usr: 'aroha',
      usrtype: 'buyer',
      cid: sandboxDefaults.storefrontClientId,
    });
    const refreshed = await Auth.RefreshToken(login.refresh_token ?? '', sandboxDefaults.storefrontClientId);
    expect((await Me.Get({ accessToken: refreshed.access_token })).ID).toBe('aroha');
    const anonymous = await Auth.Anonymous(sandboxDefaults.storefrontClientId);
    expect(claimsOf(anonymous.access_token ?? '')).toMatchObject({
      usr: sandboxDefaults.anonymousUsername,
      orderid: expect.any(String),
    });
  });

  it('refuses bad credentials and requests without a valid bearer token', async () => {
    expect((await rejects(Auth.ClientCredentials('wrong', sandboxDefaults.integrationClientId))).status).toBe(
      401,
    );
    expect((await rejects(Auth.Login('aroha', 'nope', sandboxDefaults.storefrontClientId))).status).toBe(400);
    expect((await rejects(Auth.ClientCredentials('x', 'no-such-client'))).status).toBe(401);
    const anonymousAdmin = await fetch(`${running.url}/v1/orders/Incoming`);
    expect(anonymousAdmin.status).toBe(401);
    const forged = await fetch(`${running.url}/v1/me`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c3IiOiJ4In0.c2ln' },
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ Errors: [{ ErrorCode: 'InvalidToken' }] });
  });
});

describe('orders', () => {
  it('runs a buyer checkout: order, lines, shipping, calculate, submit — with exact server totals', async () => {
    const login = await Auth.Login('aroha', 'Passw0rd!', sandboxDefaults.storefrontClientId);
    const buyer = { accessToken: login.access_token ?? '' };
    const order = await Orders.Create('Outgoing', { xp: { PricesIncludeTax: true } }, buyer);
    expect(order).toMatchObject({
      Currency: 'NZD',
      Status: 'Unsubmitted',
      FromUserID: 'aroha',
      FromCompanyID: 'retail-nz',
    });
    const id = order.ID ?? '';
    const line = await LineItems.Create('Outgoing', id, { ProductID: 'kowhai', Quantity: 3 }, buyer);
    expect(line).toMatchObject({
      UnitPrice: 49.9,
      LineSubtotal: 149.7,
      LineTotal: 149.7,
      Product: { Name: 'Kōwhai Print A3', xp: { SKU: 'KWH-A3' } },
    });
    await LineItems.SetShippingAddress(
      'Outgoing',
      id,
      line.ID ?? '',
      { Street1: '5 Queen St', City: 'Auckland', Zip: '1010', Country: 'NZ' },
      buyer,
    );
    await Orders.AddPromotion('Outgoing', id, 'SAVE10', buyer);
    expect((await rejects(Orders.Submit('Outgoing', id, buyer))).errorCode).toBe('Order.CalculateRequired');
    const estimate = await IntegrationEvents.EstimateShipping('Outgoing', id, buyer);
    const estimateId = estimate.ShipEstimateResponse?.ShipEstimates?.[0]?.ID ?? '';
    await IntegrationEvents.SelectShipmethods(
      'Outgoing',
      id,
      { ShipMethodSelections: [{ ShipEstimateID: estimateId, ShipMethodID: 'EXPRESS' }] },
      buyer,
    );
    const calculated = await IntegrationEvents.Calculate('Outgoing', id, buyer);
    // 149.70 − 14.97 + 24.50 shipping, GST inside: (149.70 − 14.97) × 15/115 = 17.57, 24.50 × 15/115 = 3.20
    expect(calculated.Order).toMatchObject({
      Subtotal: 149.7,
      PromotionDiscount: 14.97,
      ShippingCost: 24.5,
      TaxCost: 0,
      Total: 159.23,
    });
    expect(calculated.OrderCalculateResponse?.xp?.TaxCalculation).toMatchObject({
      TotalTax: 20.77,
      LineItems: [{ LineItemTotalTax: 17.57 }],
      OrderLevelTaxes: [{ Tax: 3.2, ShipEstimateID: estimateId }],
    });
    const payment = await Payments.Create('Outgoing', id, { Type: 'CreditCard' }, buyer);
    expect(payment).toMatchObject({ Amount: 159.23, Accepted: false, Currency: 'NZD' });
    expect(
      (await rejects(Payments.Patch('Outgoing', id, payment.ID ?? '', { Accepted: true }, buyer))).errorCode,
    ).toBe('Payment.CannotPatchAccepted');
    expect((await rejects(Orders.Submit('Outgoing', id, buyer))).errorCode).toBe(
      'Order.CannotSubmitWithUnaccceptedPayments',
    );
    await Payments.Patch('Incoming', id, payment.ID ?? '', { Accepted: true }, admin);
    const submitted = await Orders.Submit('Outgoing', id, buyer);
    expect(submitted).toMatchObject({ Status: 'Open', IsSubmitted: true, Total: 159.23 });
    expect((await rejects(Orders.Submit('Outgoing', id, buyer))).errorCode).toBe(
      'Order.CannotSubmitBadStatus',
    );

    const worksheet = await IntegrationEvents.GetWorksheet('Incoming', id, admin);
    expect(worksheet.Order?.Total).toBe(159.23);
    expect(worksheet.LineItems).toHaveLength(1);
    expect(worksheet.OrderPromotions?.[0]).toMatchObject({ Code: 'SAVE10', Amount: 14.97 });
    expect(worksheet.ShipEstimateResponse?.ShipEstimates?.[0]?.SelectedShipMethodID).toBe('EXPRESS');
  });

  it('pages, sorts and filters order lists the way the SDK asks', async () => {
    await Users.Create(
      'retail-nz',
      {
        ID: 'nz-pager',
        Username: 'nz-pager',
        Password: 'Passw0rd!',
        FirstName: 'Page',
        LastName: 'Turner',
        Email: '',
        Active: true,
      },
      admin,
    );
    for (let i = 0; i < 7; i += 1) {
      await running.admin.setClock({ now: `2026-03-0${i + 1}T00:00:00Z` });
      const order = await Orders.Create(
        'Incoming',
        { FromUserID: 'nz-pager', FromCompanyID: 'retail-nz', xp: { Batch: i % 2 === 0 ? 'even' : 'odd' } },
        admin,
      );
      await LineItems.Create('Incoming', order.ID ?? '', { ProductID: 'kowhai', Quantity: i + 1 }, admin);
      await IntegrationEvents.Calculate('Incoming', order.ID ?? '', admin);
      await Orders.Submit('Incoming', order.ID ?? '', admin);
    }
    const page1 = await Orders.List(
      'Incoming',
      { filters: { FromUserID: 'nz-pager' }, pageSize: 3, sortBy: ['!DateSubmitted'] },
      admin,
    );
    expect(page1.Meta).toMatchObject({
      Page: 1,
      PageSize: 3,
      TotalCount: 7,
      TotalPages: 3,
      ItemRange: [1, 3],
    });
    expect(page1.Items?.map((o) => o.DateSubmitted?.slice(0, 10))).toEqual([
      '2026-03-07',
      '2026-03-06',
      '2026-03-05',
    ]);
    // Filtered on a priced field, the list views every order before filtering; on the order's own
    // fields it pages first and prices the page. Both must give the same orders, field for field.
    const pricedFirst = await Orders.List(
      'Incoming',
      { filters: { FromUserID: 'nz-pager', Total: '>=0' }, pageSize: 3, sortBy: ['!DateSubmitted'] },
      admin,
    );
    expect(pricedFirst.Items).toEqual(page1.Items);
    const page3 = await Orders.List(
      'Incoming',
      { filters: { FromUserID: 'nz-pager' }, pageSize: 3, page: 3 },
      admin,
    );
    expect(page3.Items).toHaveLength(1);
    const since = await Orders.List(
      'Incoming',
      { filters: { FromUserID: 'nz-pager', DateSubmitted: '>2026-03-04T12:00:00Z', IsSubmitted: true } },
      admin,
    );
    expect(since.Meta?.TotalCount).toBe(3);
    const odd = await Orders.List(
      'Incoming',
      { filters: { FromUserID: 'nz-pager', 'xp.Batch': 'odd', Total: '>100' } },
      admin,
    );
    expect(odd.Items?.map((o) => o.xp?.Batch)).toEqual(['odd', 'odd']);
    const error = await rejects(Orders.List('Incoming', { filters: { NoSuchField: 'x' } }, admin));
    expect(error.errorCode).toBe('List.InvalidProperty');
    const buyerView = await Auth.Login('nz-pager', 'Passw0rd!', sandboxDefaults.storefrontClientId);
    expect(
      (await Orders.List('Outgoing', {}, { accessToken: buyerView.access_token })).Meta?.TotalCount,
    ).toBe(7);
    expect(
      (await Orders.List('Incoming', {}, { accessToken: buyerView.access_token })).Meta?.TotalCount,
    ).toBe(0);
  });

  it('PATCH merges xp deeply; PUT replaces it', async () => {
    const order = await Orders.Create(
      'Incoming',
      { FromUserID: 'nz-orders', FromCompanyID: 'retail-nz', xp: { A: 1, Nested: { x: 1 } } },
      admin,
    );
    const id = order.ID ?? '';
    const patched = await Orders.Patch('Incoming', id, { xp: { B: 2, Nested: { y: 2 } } }, admin);
    expect(patched.xp).toEqual({ A: 1, B: 2, Nested: { x: 1, y: 2 } });
    const saved = await Orders.Save('Incoming', id, { xp: { C: 3 } }, admin);
    expect(saved.xp).toEqual({ C: 3 });
    // FullAccess implies the Override roles here (undocumented; the permissive reading).
    expect(await Orders.Patch('Incoming', id, { TaxCost: 5 }, admin)).toMatchObject({
      TaxCost: 5,
      xp: { C: 3 },
    });
  });

  it('answers OrderCloud errors: NotFound, conflicting price schedule, empty submit, missing roles', async () => {
    const missing = await rejects(Orders.Get('Incoming', 'no-such-order', admin));
    expect(missing.status).toBe(404);
    expect(missing.message).toBe('Order no-such-order not found');
    const order = await Orders.Create(
      'Incoming',
      { FromUserID: 'nz-orders', FromCompanyID: 'retail-nz' },
      admin,
    );
    const conflicting = await rejects(
      LineItems.Create('Incoming', order.ID ?? '', { ProductID: 'usd-only', Quantity: 1 }, admin),
    );
    expect(conflicting.errorCode).toBe('PriceSchedule.MissingOrConflicting');
    expect((await rejects(Orders.Submit('Incoming', order.ID ?? '', admin))).errorCode).toBe(
      'Order.CannotSubmitWithNoLineItems',
    );
    expect(
      (
        await rejects(
          LineItems.Create('Incoming', order.ID ?? '', { ProductID: 'kowhai', Quantity: 0 }, admin),
        )
      ).errorCode,
    ).toBe('LineItem.QuantityMustBePositive');
    const buyer = await Auth.Login('aroha', 'Passw0rd!', sandboxDefaults.storefrontClientId);
    const forbidden = await rejects(Webhooks.List({}, { accessToken: buyer.access_token }));
    expect(forbidden.status).toBe(403);
    expect(
      (await rejects(Orders.Get('Outgoing', order.ID ?? '', { accessToken: buyer.access_token }))).status,
    ).toBe(404);
  });

  it('lets an anonymous shopper check out through the cart', async () => {
    const anonymous = await Auth.Anonymous(sandboxDefaults.storefrontClientId);
    const guest = { accessToken: anonymous.access_token ?? '' };
    await running.admin.seed({
      buyers: [{ ID: sandboxDefaults.guestBuyerId, Name: 'Guest shoppers', currency: 'NZD' }],
    });
    const cart = await Cart.Get(guest);
    expect(cart.ID).toBe(claimsOf(guest.accessToken).orderid);
    await Cart.PatchFromUser({ FirstName: 'Ngaio', LastName: 'Marsh', Email: 'ngaio@example.nz' }, guest);
    await Cart.CreateLineItem({ ProductID: 'kowhai', Quantity: 1 }, guest);
    await Cart.Calculate(guest);
    const submitted = await Cart.Submit(guest);
    expect(submitted).toMatchObject({
      Status: 'Open',
      FromUserID: sandboxDefaults.anonymousUserId,
      FromUser: { Email: 'ngaio@example.nz' },
    });
  });
});
