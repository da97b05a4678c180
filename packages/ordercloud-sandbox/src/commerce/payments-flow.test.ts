import {
  ApiClients,
  Auth,
  Buyers,
  IntegrationEvents,
  LineItems,
  Locales,
  Me,
  type OrderCloudError,
  OrderReturns,
  Orders,
  Payments,
  PriceSchedules,
  Products,
  SecurityProfiles,
  Users,
} from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';

// Payments as Headstart runs them, through the SDK only: the buyer (storefront client) saves a card
// and creates the payment; the back office (its own API client, an OrderAdmin security profile)
// accepts it, authorises at submit, captures later on the Incoming direction (a failed attempt, a
// retry, a partial capture then the rest), voids the authorisation of a cancelled order, and refunds a
// return with a negative payment carrying its OrderReturnID.
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };
let backOffice: { accessToken: string };

async function rejects(promise: Promise<unknown>): Promise<OrderCloudError> {
  try {
    await promise;
  } catch (error) {
    return error as OrderCloudError;
  }
  throw new Error('expected the call to fail');
}

async function buyerToken(): Promise<{ accessToken: string }> {
  const login = await Auth.Login('noah', 'Passw0rd!', sandboxDefaults.storefrontClientId);
  return { accessToken: login.access_token ?? '' };
}

async function paidOrder(buyer: { accessToken: string }, quantity: number) {
  const order = await Orders.Create('Outgoing', {}, buyer);
  const id = order.ID ?? '';
  await LineItems.Create('Outgoing', id, { ID: 'L1', ProductID: 'tee', Quantity: quantity }, buyer);
  await IntegrationEvents.Calculate('Outgoing', id, buyer);
  const card = await Me.CreateCreditCard(
    { Token: 'tok_visa', CardType: 'Visa', PartialAccountNumber: '4242' },
    buyer,
  );
  const payment = await Payments.Create(
    'Outgoing',
    id,
    { ID: 'P1', Type: 'CreditCard', CreditCardID: card.ID },
    buyer,
  );
  await Payments.Patch('Incoming', id, 'P1', { Accepted: true }, backOffice);
  const submitted = await Orders.Submit('Outgoing', id, buyer);
  await Payments.CreateTransaction(
    'Incoming',
    id,
    'P1',
    { ID: 'P1-auth', Type: 'CreditCard', Amount: payment.Amount, Succeeded: true, ResultCode: '00' },
    backOffice,
  );
  return { id, total: submitted.Total ?? 0 };
}

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 21 });
  const { Configuration } = await import('ordercloud-javascript-sdk');
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
  await Buyers.Save('us-retail', { Name: 'US retail' }, admin);
  await Locales.Save('usd', { Currency: 'USD' }, admin);
  await Locales.SaveAssignment({ LocaleID: 'usd', BuyerID: 'us-retail' }, admin);
  await Users.Save(
    'us-retail',
    'noah',
    {
      Username: 'noah',
      Password: 'Passw0rd!',
      FirstName: 'Noah',
      LastName: 'Reyes',
      Email: 'noah@example.com',
      Active: true,
    },
    admin,
  );
  await SecurityProfiles.Save(
    'shopper',
    { Name: 'Shopper', Roles: ['Shopper', 'MeAdmin', 'MeAddressAdmin', 'MeCreditCardAdmin', 'MeXpAdmin'] },
    admin,
  );
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: 'shopper', BuyerID: 'us-retail' }, admin);
  await PriceSchedules.Save(
    'tee-usd',
    { Name: 'Tee', Currency: 'USD', PriceBreaks: [{ Quantity: 1, Price: 25 }] },
    admin,
  );
  await Products.Save('tee', { Name: 'Tee', DefaultPriceScheduleID: 'tee-usd' }, admin);
  // The back office: its own client and a marketplace user whose roles come from a security profile.
  await SecurityProfiles.Save(
    'back-office',
    { Name: 'Back office', Roles: ['OrderAdmin', 'OrderReader'] },
    admin,
  );
  await running.sandbox.seed({
    adminUsers: [{ ID: 'ops', Username: 'ops', Password: 'Ops-Passw0rd', Roles: [] }],
  });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: 'back-office', UserID: 'ops' }, admin);
  await ApiClients.Save(
    'back-office',
    {
      AppName: 'Back office',
      AccessTokenDuration: 600,
      Active: true,
      AllowSeller: true,
      ClientSecret: 'bo-secret',
      DefaultContextUserName: 'ops',
    },
    admin,
  );
  const bo = await Auth.ClientCredentials('bo-secret', 'back-office');
  backOffice = { accessToken: bo.access_token ?? '' };
});

afterAll(async () => {
  await running.close();
});

describe('payments as Headstart runs them', () => {
  it('grants the back office only its security profile roles', async () => {
    const claims = JSON.parse(
      Buffer.from(backOffice.accessToken.split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(claims.role).toEqual(['OrderAdmin', 'OrderReader']);
    expect((await rejects(Products.List({}, backOffice))).status).toBe(403);
  });

  it('captures after a failed attempt, partially then the rest, each as its own transaction', async () => {
    const buyer = await buyerToken();
    const { id, total } = await paidOrder(buyer, 4); // 100.00 and the built-in engine's US sales tax
    const rest = Number((total - 40).toFixed(2));
    const capture = (txId: string, amount: number, succeeded: boolean) =>
      Payments.CreateTransaction(
        'Incoming',
        id,
        'P1',
        {
          ID: txId,
          Type: 'CreditCardCapture',
          Amount: amount,
          Succeeded: succeeded,
          ResultCode: succeeded ? '00' : '05',
        },
        backOffice,
      );
    await capture('P1-capture-0', total, false);
    await capture('P1-capture-1', 40, true);
    const after = await capture('P1-capture-2', rest, true);
    expect(after.Transactions?.map((t) => [t.ID, t.Type, t.Amount, t.Succeeded])).toEqual([
      ['P1-auth', 'CreditCard', total, true],
      ['P1-capture-0', 'CreditCardCapture', total, false],
      ['P1-capture-1', 'CreditCardCapture', 40, true],
      ['P1-capture-2', 'CreditCardCapture', rest, true],
    ]);
    const duplicate = await rejects(capture('P1-capture-2', rest, true));
    expect(duplicate.status).toBe(409);
    // The same payment and transaction IDs in another order are another payment.
    const second = await paidOrder(buyer, 1);
    expect(
      (await Payments.Get('Incoming', second.id, 'P1', backOffice)).Transactions?.map((t) => t.ID),
    ).toEqual(['P1-auth']);
  });

  it('voids the authorisation of a cancelled order', async () => {
    const buyer = await buyerToken();
    const { id, total } = await paidOrder(buyer, 2);
    await Orders.Cancel('Incoming', id, backOffice);
    const voided = await Payments.CreateTransaction(
      'Incoming',
      id,
      'P1',
      { ID: 'P1-void', Type: 'CreditCardVoidAuthorization', Amount: total, Succeeded: true },
      backOffice,
    );
    expect(voided.Transactions?.at(-1)).toMatchObject({ Type: 'CreditCardVoidAuthorization', Amount: total });
    expect(
      (await rejects(Payments.Create('Incoming', id, { Type: 'CreditCard' }, backOffice))).errorCode,
    ).toBe('Payment.CannotEditCancelled');
  });

  it('refunds a return with a negative payment naming it, completes the return, refuses more', async () => {
    const buyer = await buyerToken();
    const { id } = await paidOrder(buyer, 3); // 75.00 plus tax
    const orderReturn = await OrderReturns.Create(
      { ID: `R-${id}`, OrderID: id, ItemsToReturn: [{ LineItemID: 'L1', Quantity: 1, RefundAmount: 25 }] },
      backOffice,
    );
    expect(orderReturn.RefundAmount).toBe(25);
    await OrderReturns.Submit(orderReturn.ID ?? '', backOffice);
    const refund = await Payments.Create(
      'Incoming',
      id,
      { ID: 'P1-refund', Type: 'CreditCard', OrderReturnID: orderReturn.ID, Amount: -10, Accepted: true },
      backOffice,
    );
    expect(refund).toMatchObject({ Amount: -10, OrderReturnID: orderReturn.ID });
    await Payments.CreateTransaction(
      'Incoming',
      id,
      'P1-refund',
      { Type: 'CreditCardRefund', Amount: -10, Succeeded: true },
      backOffice,
    );
    expect((await OrderReturns.Get(orderReturn.ID ?? '', backOffice)).Status).toBe('Open');
    const tooMuch = await rejects(
      Payments.Create(
        'Incoming',
        id,
        { Type: 'CreditCard', OrderReturnID: orderReturn.ID, Amount: -20 },
        backOffice,
      ),
    );
    expect(tooMuch.errorCode).toBe('Payment.RefundExceedsReturn');
    const rest = await Payments.Create(
      'Incoming',
      id,
      { ID: 'P1-refund-2', Type: 'CreditCard', OrderReturnID: orderReturn.ID },
      backOffice,
    );
    expect(rest.Amount).toBe(-15);
    const completed = await OrderReturns.Get(orderReturn.ID ?? '', backOffice);
    expect(completed).toMatchObject({ Status: 'Completed', PaymentIDs: ['P1-refund', 'P1-refund-2'] });
    // Listed by order (the integration's filter, paged before its payments are gathered) or by a field
    // only the full view has: the same return, payments and all.
    const byOrder = await OrderReturns.List({ filters: { OrderID: `nothing|${id}` } }, backOffice);
    expect(byOrder.Items).toEqual([completed]);
    const byAmount = await OrderReturns.List({ filters: { OrderID: id, RefundAmount: '>0' } }, backOffice);
    expect(byAmount.Items).toEqual(byOrder.Items);
  });
});
