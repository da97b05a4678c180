import {
  ApiClients,
  Auth,
  Buyers,
  Configuration,
  IntegrationEvents,
  LineItems,
  Locales,
  type OrderCalculatePayload,
  OrderReturns,
  Orders,
  Payments,
  PriceSchedules,
  Products,
  Users,
  Webhooks,
} from 'ordercloud-javascript-sdk';
import { Agent, setGlobalDispatcher } from 'undici';

// The SDK's HTTP client keeps connections alive; closing idle ones before the local servers do (Node's
// 5 s keep-alive) spares a loaded machine the reset of a reused socket the server just closed.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 }));

// A real marketplace as integrators build one, driven only through the official SDK, in Headstart's
// sequence: the buyer (storefront API client) fills the cart, checks out and creates the payment; the
// seller's middleware (admin client) accepts it and records the authorisation; the back office (its own
// API client, Incoming) captures — partly, then the rest; once failing, then retried —, voids the
// authorisation of a cancelled order and refunds returns.

type Token = { accessToken: string };
export type RegionKey = 'AU' | 'NZ' | 'UK' | 'US';
export type TaxCategory = 'STANDARD' | 'ZERO';

export type MarketRegion = {
  readonly key: RegionKey;
  readonly country: string;
  readonly state?: string;
  readonly city: string;
  readonly currency: string;
  /** How the merchant's tax endpoint prices this region: GST/VAT inside the price, or US sales tax on top. */
  readonly inclusive: boolean;
  /** Jurisdictions and their rates in hundredths of a percent (10 % = 1000). */
  readonly jurisdictions: ReadonlyArray<{ level: string; value: string; description: string; rate: number }>;
};

export const marketRegions: Record<RegionKey, MarketRegion> = {
  AU: {
    key: 'AU',
    country: 'AU',
    state: 'NSW',
    city: 'Sydney',
    currency: 'AUD',
    inclusive: true,
    jurisdictions: [{ level: 'Country', value: 'AUSTRALIA', description: 'GST', rate: 1000 }],
  },
  NZ: {
    key: 'NZ',
    country: 'NZ',
    city: 'Auckland',
    currency: 'NZD',
    inclusive: true,
    jurisdictions: [{ level: 'Country', value: 'NEW ZEALAND', description: 'GST', rate: 1500 }],
  },
  UK: {
    key: 'UK',
    country: 'GB',
    city: 'London',
    currency: 'GBP',
    inclusive: false,
    jurisdictions: [{ level: 'Country', value: 'UNITED KINGDOM', description: 'UK VAT', rate: 2000 }],
  },
  US: {
    key: 'US',
    country: 'US',
    state: 'CA',
    city: 'Los Angeles',
    currency: 'USD',
    inclusive: false,
    jurisdictions: [
      { level: 'State', value: 'CALIFORNIA', description: 'CA state sales tax', rate: 600 },
      { level: 'County', value: 'LOS ANGELES', description: 'LA county sales tax', rate: 100 },
      { level: 'City', value: 'LOS ANGELES CITY', description: 'LA city sales tax', rate: 125 },
    ],
  },
};

/** Products keep their tax category where this merchant chose to: Product.xp.Fiscal.Category. */
export const products = [
  { id: 'mug', name: 'Stoneware mug', category: 'STANDARD' as TaxCategory, item: 'MUG-01', price: 24 },
  { id: 'lamp', name: 'Desk lamp', category: 'STANDARD' as TaxCategory, item: 'LAMP-02', price: 79.95 },
  { id: 'tea', name: 'Loose-leaf tea', category: 'ZERO' as TaxCategory, item: 'TEA-03', price: 12.5 },
];
export const shippingCost = 20;

const cents = (n: number) => Math.round(n * 100);
const amount = (c: number) => c / 100;
/** Half away from zero, in integers: what tax engines do per jurisdiction. */
const divRound = (n: number, d: number) => Math.sign(n) * Math.floor((Math.abs(n) * 2 + d) / (2 * d));

type Detail = {
  Tax: number;
  Taxable: number;
  Exempt: number;
  TaxDescription: string;
  JurisdictionLevel: string;
  JurisdictionValue: string;
  ShipEstimateID: string | null;
};

function taxDetails(
  region: MarketRegion,
  gross: number,
  shipEstimateId: string | null,
  exempt: boolean,
): Detail[] {
  return region.jurisdictions.map((j) => {
    if (exempt)
      return {
        Tax: 0,
        Taxable: 0,
        Exempt: amount(gross),
        TaxDescription: j.description,
        JurisdictionLevel: j.level,
        JurisdictionValue: j.value,
        ShipEstimateID: shipEstimateId,
      };
    const tax = region.inclusive
      ? divRound(gross * j.rate, 10_000 + j.rate)
      : divRound(gross * j.rate, 10_000);
    return {
      Tax: amount(tax),
      Taxable: amount(region.inclusive ? gross - tax : gross),
      Exempt: 0,
      TaxDescription: j.description,
      JurisdictionLevel: j.level,
      JurisdictionValue: j.value,
      ShipEstimateID: shipEstimateId,
    };
  });
}

/**
 * The merchant's tax service, answering OrderCloud's /ordercalculate in the Catalyst shape
 * (OrderTaxCalculation without rates). Inclusive regions report the tax inside the prices and add
 * nothing (TaxTotal 0); US sales tax is added on top.
 */
export function catalystCalculation(payload: OrderCalculatePayload) {
  const sheet = payload.OrderWorksheet;
  const order = sheet.Order;
  const country = order?.BillingAddress?.Country ?? 'AU';
  const region = Object.values(marketRegions).find((r) => r.country === country) ?? marketRegions.AU;
  const lines = (sheet.LineItems ?? []).map((line) => {
    const category = (line.Product?.xp as { Fiscal?: { Category?: string } } | undefined)?.Fiscal?.Category;
    const details = taxDetails(region, cents(line.LineTotal ?? 0), null, category === 'ZERO');
    return {
      LineItemID: line.ID,
      LineItemTotalTax: amount(details.reduce((s, d) => s + cents(d.Tax), 0)),
      LineItemLevelTaxes: details,
    };
  });
  const estimate = sheet.ShipEstimateResponse?.ShipEstimates?.[0];
  const method = estimate?.ShipMethods?.find((m) => m.ID === estimate.SelectedShipMethodID);
  const shipping = cents(method?.Cost ?? order?.ShippingCost ?? 0);
  const orderLevel = shipping > 0 ? taxDetails(region, shipping, estimate?.ID ?? null, false) : [];
  const total =
    lines.reduce((s, l) => s + cents(l.LineItemTotalTax), 0) +
    orderLevel.reduce((s, d) => s + cents(d.Tax), 0);
  const calculation = {
    OrderID: order?.ID,
    ExternalTransactionID: `tax-${order?.ID}`,
    TotalTax: amount(total),
    LineItems: lines,
    OrderLevelTaxes: orderLevel,
  };
  return { TaxTotal: region.inclusive ? 0 : amount(total), xp: { TaxCalculation: calculation } };
}

export function shippingRates(payload: OrderCalculatePayload) {
  const sheet = payload.OrderWorksheet;
  return {
    ShipEstimates: [
      {
        ID: 'ship-1',
        ShipEstimateItems: (sheet.LineItems ?? []).map((l) => ({ LineItemID: l.ID, Quantity: l.Quantity })),
        ShipMethods: [
          { ID: 'courier', Name: 'Courier', Cost: shippingCost, EstimatedTransitDays: 2, xp: {} },
        ],
        xp: {},
      },
    ],
  };
}

export type Marketplace = {
  readonly admin: Token;
  readonly backOffice: Token;
  buyer(region: RegionKey): Promise<Token>;
};

export const backOfficeClientId = 'back-office';
const backOfficeSecret = 'back-office-secret';

/** Buyers, users, locales, products and API clients of a four-country marketplace. */
export async function setUpMarketplace(input: {
  apiUrl: string;
  adminClientId: string;
  adminSecret: string;
  storefrontClientId: string;
  checkoutEventId: string;
  checkoutEvent?: { url: string; hashKey: string };
}): Promise<Marketplace> {
  Configuration.Set({ baseApiUrl: input.apiUrl });
  const token = await Auth.ClientCredentials(input.adminSecret, input.adminClientId);
  const admin = { accessToken: token.access_token ?? '' };
  if (input.checkoutEvent)
    await IntegrationEvents.Save(
      input.checkoutEventId,
      {
        EventType: 'OrderCheckout',
        Name: 'Merchant tax service',
        CustomImplementationUrl: input.checkoutEvent.url,
        HashKey: input.checkoutEvent.hashKey,
        ElevatedRoles: ['OverrideTax'],
      },
      admin,
    );
  await ApiClients.Save(
    input.storefrontClientId,
    {
      AppName: `Storefront (${input.checkoutEventId})`,
      AccessTokenDuration: 600,
      Active: true,
      AllowAnyBuyer: true,
      OrderCheckoutIntegrationEventID: input.checkoutEventId,
    },
    admin,
  );
  await ApiClients.Save(
    backOfficeClientId,
    {
      AppName: 'Back office',
      AccessTokenDuration: 600,
      Active: true,
      AllowSeller: true,
      ClientSecret: backOfficeSecret,
      DefaultContextUserName: 'integration-admin',
    },
    admin,
  );
  const office = await Auth.ClientCredentials(backOfficeSecret, backOfficeClientId, ['OrderAdmin']);
  for (const region of Object.values(marketRegions)) {
    const buyerId = `buyer-${region.key.toLowerCase()}`;
    await Buyers.Save(buyerId, { ID: buyerId, Name: `${region.key} customers`, Active: true }, admin);
    const locale = `locale-${region.currency.toLowerCase()}`;
    await Locales.Save(locale, { ID: locale, Currency: region.currency }, admin);
    await Locales.SaveAssignment({ LocaleID: locale, BuyerID: buyerId }, admin);
    await Users.Save(
      buyerId,
      `shopper-${region.key.toLowerCase()}`,
      {
        ID: `shopper-${region.key.toLowerCase()}`,
        Username: `shopper-${region.key.toLowerCase()}`,
        Password: 'Shopper-Passw0rd!',
        FirstName: 'Sam',
        LastName: `Shopper ${region.key}`,
        Email: `sam.${region.key.toLowerCase()}@example.com`,
        Active: true,
      },
      admin,
    );
    for (const product of products) {
      const schedule = `${product.id}-${region.currency.toLowerCase()}`;
      await PriceSchedules.Save(
        schedule,
        {
          ID: schedule,
          Name: `${product.name} ${region.currency}`,
          Currency: region.currency,
          ApplyTax: product.category !== 'ZERO',
          PriceBreaks: [{ Quantity: 1, Price: product.price }],
        },
        admin,
      );
      await Products.Save(
        product.id,
        {
          ID: product.id,
          Name: product.name,
          Active: true,
          // Not where Ledgerbridge looks by default: the mapping's source paths say where.
          xp: { Fiscal: { Category: product.category }, Codes: { Item: product.item } },
        },
        admin,
      );
      await Products.SaveAssignment(
        { ProductID: product.id, BuyerID: buyerId, PriceScheduleID: schedule },
        admin,
      );
    }
  }
  return {
    admin,
    backOffice: { accessToken: office.access_token ?? '' },
    buyer: async (region) => {
      const login = await Auth.Login(
        `shopper-${region.toLowerCase()}`,
        'Shopper-Passw0rd!',
        input.storefrontClientId,
      );
      return { accessToken: login.access_token ?? '' };
    },
  };
}

export async function registerWebhook(
  admin: Token,
  input: {
    url: string;
    hashKey: string;
    clientIds: string[];
    routes: ReadonlyArray<{ route: string; verb: string }>;
  },
) {
  await Webhooks.Create(
    {
      Name: 'Ledgerbridge',
      Url: input.url,
      HashKey: input.hashKey,
      ApiClientIDs: input.clientIds,
      WebhookRoutes: input.routes.map((r) => ({ Route: r.route, Verb: r.verb })),
    },
    admin,
  );
}

export type PlacedOrder = { id: string; region: RegionKey; total: number; paymentId: string };

/** The storefront's checkout, then the middleware's acceptance and authorisation, then submit. */
export async function checkout(
  market: Marketplace,
  input: {
    region: RegionKey;
    lines: Array<{ productId: string; quantity: number }>;
    xp?: Record<string, unknown>;
  },
): Promise<PlacedOrder> {
  const region = marketRegions[input.region];
  const buyer = await market.buyer(input.region);
  const order = await Orders.Create('Outgoing', { xp: input.xp ?? {} }, buyer);
  const id = order.ID ?? '';
  await Orders.SetBillingAddress(
    'Outgoing',
    id,
    {
      FirstName: 'Sam',
      LastName: `Shopper ${region.key}`,
      Street1: '1 Market St',
      City: region.city,
      ...(region.state ? { State: region.state } : {}),
      Zip: '1000',
      Country: region.country,
    },
    buyer,
  );
  for (const line of input.lines)
    await LineItems.Create('Outgoing', id, { ProductID: line.productId, Quantity: line.quantity }, buyer);
  const estimated = await IntegrationEvents.EstimateShipping('Outgoing', id, buyer);
  const selections = (estimated.ShipEstimateResponse?.ShipEstimates ?? []).map((e) => ({
    ShipEstimateID: e.ID ?? '',
    ShipMethodID: e.ShipMethods?.find((m) => (m.Cost ?? 0) > 0)?.ID ?? e.ShipMethods?.[0]?.ID ?? '',
  }));
  await IntegrationEvents.SelectShipmethods('Outgoing', id, { ShipMethodSelections: selections }, buyer);
  const calculated = await IntegrationEvents.Calculate('Outgoing', id, buyer);
  const total = calculated.Order?.Total ?? 0;
  const payment = await Payments.Create(
    'Outgoing',
    id,
    { Type: 'CreditCard', Amount: total, Description: 'Visa •••• 4242', xp: { Gateway: 'cardconnect' } },
    buyer,
  );
  const paymentId = payment.ID ?? '';
  await Payments.Patch('Incoming', id, paymentId, { Accepted: true }, market.admin);
  await Payments.CreateTransaction(
    'Incoming',
    id,
    paymentId,
    { Type: 'CreditCard', Amount: total, Succeeded: true, ResultCode: '00', ResultMessage: 'Authorized' },
    market.admin,
  );
  await Orders.Submit('Outgoing', id, buyer);
  return { id, region: input.region, total, paymentId };
}

export async function capture(
  market: Marketplace,
  order: PlacedOrder,
  amountMajor: number,
  succeeded = true,
) {
  await Payments.CreateTransaction(
    'Incoming',
    order.id,
    order.paymentId,
    {
      Type: 'CreditCardCapture',
      Amount: amountMajor,
      Succeeded: succeeded,
      ResultCode: succeeded ? '00' : '05',
      ResultMessage: succeeded ? 'Captured' : 'Do not honour',
    },
    market.backOffice,
  );
}

export async function cancel(market: Marketplace, order: PlacedOrder) {
  await Payments.CreateTransaction(
    'Incoming',
    order.id,
    order.paymentId,
    { Type: 'CreditCardVoidAuthorization', Amount: order.total, Succeeded: true, ResultCode: '00' },
    market.backOffice,
  );
  await Orders.Cancel('Incoming', order.id, market.backOffice);
}

/** A return of one line, refunded to the card by a payment that carries the return's ID. */
export async function returnLine(
  market: Marketplace,
  order: PlacedOrder,
  input: { lineItemId: string; quantity: number; refund: number },
): Promise<string> {
  const created = await OrderReturns.Create(
    {
      OrderID: order.id,
      ItemsToReturn: [{ LineItemID: input.lineItemId, Quantity: input.quantity, RefundAmount: input.refund }],
      Comments: 'Arrived damaged',
    },
    market.backOffice,
  );
  const returnId = created.ID ?? '';
  await OrderReturns.Submit(returnId, market.backOffice);
  const refund = await Payments.Create(
    'Incoming',
    order.id,
    {
      Type: 'CreditCard',
      Amount: -input.refund,
      OrderReturnID: returnId,
      Accepted: true,
      Description: 'Refund',
    },
    market.backOffice,
  );
  await Payments.CreateTransaction(
    'Incoming',
    order.id,
    refund.ID ?? '',
    { Type: 'CreditCardRefund', Amount: input.refund, Succeeded: true, ResultCode: '00' },
    market.backOffice,
  );
  return returnId;
}

export async function lineItems(market: Marketplace, orderId: string) {
  return (await LineItems.List('Incoming', orderId, {}, market.admin)).Items ?? [];
}

export async function worksheet(market: Marketplace, orderId: string) {
  return IntegrationEvents.GetWorksheet('Incoming', orderId, market.admin);
}
