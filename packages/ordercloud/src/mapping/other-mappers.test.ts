import { describe, expect, it } from 'vitest';
import type { OcOrderReturn, OcPayment } from '../api-types.ts';
import { mapBuyerToCompany, mapUserToCustomer } from './customer-mapper.ts';
import { mapPayment } from './payment-mapper.ts';
import { mapProduct } from './product-mapper.ts';
import { mapOrderReturn } from './refund-mapper.ts';
import { line } from './worksheet-fixtures.ts';

const card = (overrides: Partial<OcPayment> = {}): OcPayment => ({
  ID: 'PAY-1',
  Type: 'CreditCard',
  DateCreated: '2026-02-03T04:05:06Z',
  Currency: 'AUD',
  Amount: 153.81,
  Accepted: true,
  OrderReturnID: null,
  xp: { Gateway: 'sandbox-pay' },
  Transactions: [
    {
      ID: 'T1',
      Type: 'Authorization',
      Amount: 153.81,
      Succeeded: true,
      ResultCode: '00',
      DateExecuted: '2026-02-03T04:05:07Z',
    },
    {
      ID: 'T2',
      Type: 'Capture',
      Amount: 100,
      Succeeded: true,
      ResultCode: '00',
      DateExecuted: '2026-02-04T00:00:00Z',
    },
    {
      ID: 'T3',
      Type: 'Capture',
      Amount: 53.81,
      Succeeded: false,
      ResultCode: '05',
      ResultMessage: 'Do not honour',
      DateExecuted: null,
    },
  ],
  ...overrides,
});

describe('mapPayment', () => {
  it('keeps every gateway transaction, partial and failed captures included', () => {
    const result = mapPayment({ payment: card(), orderId: 'AU-1001', orderCurrency: 'AUD' });
    expect(result.ok && result.value).toMatchObject({
      id: 'PAY-1',
      orderId: 'AU-1001',
      method: 'credit-card',
      gateway: 'sandbox-pay',
      currency: 'AUD',
      amount: '153.81',
      accepted: true,
      transactions: [
        { id: 'T1', type: 'Authorization', amount: '153.81', succeeded: true },
        { id: 'T2', type: 'Capture', amount: '100.00', succeeded: true },
        {
          id: 'T3',
          type: 'Capture',
          amount: '53.81',
          succeeded: false,
          resultCode: '05',
          message: 'Do not honour',
          executedAt: '2026-02-03T04:05:06.000Z',
        },
      ],
    });
  });

  it.each([
    ['PurchaseOrder', 'purchase-order'],
    ['SpendingAccount', 'spending-account'],
    ['SomethingNew', 'other'],
  ])('maps %s payments to %s; a missing Currency falls back to the order currency', (type, method) => {
    const result = mapPayment({
      payment: card({ Type: type, Currency: null, Transactions: [] }),
      orderId: 'O',
      orderCurrency: 'JPY',
    });
    expect(result.ok).toBe(false);
    const yen = mapPayment({
      payment: card({ Type: type, Currency: null, Amount: 25600, Transactions: [] }),
      orderId: 'O',
      orderCurrency: 'JPY',
    });
    expect(yen.ok && yen.value).toMatchObject({ method, currency: 'JPY', amount: '25600' });
  });

  it('marks refund payments', () => {
    const result = mapPayment({
      payment: card({ OrderReturnID: 'RET-1', Amount: -20 }),
      orderId: 'O',
      orderCurrency: 'AUD',
    });
    expect(result.ok && result.value).toMatchObject({
      amount: '20.00',
      attributes: { refund: true, orderReturnId: 'RET-1' },
    });
  });
});

describe('mapOrderReturn', () => {
  const orderReturn = (overrides: Partial<OcOrderReturn> = {}): OcOrderReturn => ({
    ID: 'RET-1',
    OrderID: 'AU-1001',
    Status: 'Completed',
    DateCompleted: '2026-02-10T00:00:00Z',
    RefundAmount: 30,
    Comments: 'Wrong size',
    ItemsToReturn: [
      { LineItemID: 'L1', Quantity: 1, RefundAmount: null },
      { LineItemID: 'L2', Quantity: 1, RefundAmount: null },
    ],
    ...overrides,
  });
  const lineItems = [line('L1', 'P-001', 2, 49.95, 99.9), line('L2', 'P-012', 1, 59.95, 59.95)];

  it('splits the refund over items without their own amount, exactly, and sees the refund payment', () => {
    const result = mapOrderReturn({
      orderReturn: orderReturn(),
      currency: 'AUD',
      lineItems,
      payments: [
        card({
          ID: 'PAY-R',
          OrderReturnID: 'RET-1',
          Amount: 30,
          Transactions: [{ ID: 'R1', Type: 'Refund', Amount: 30, Succeeded: true }],
        }),
      ],
    });
    // weights 49.95 and 59.95 per unit: 30 × 4995 / 10990 = 13.635… → 13.64 (largest remainder), the rest 16.36
    expect(result.ok && result.value).toMatchObject({
      id: 'RET-1',
      orderId: 'AU-1001',
      amount: '30.00',
      reason: 'Wrong size',
      issuedAt: '2026-02-10T00:00:00.000Z',
      lines: [
        { lineId: 'L1', quantity: '1', amount: '13.64' },
        { lineId: 'L2', quantity: '1', amount: '16.36' },
      ],
      moneyReturned: true,
    });
  });

  it('a return without a refund payment is a credit only; unfinished returns are refused', () => {
    const credit = mapOrderReturn({
      orderReturn: orderReturn({ ItemsToReturn: [{ LineItemID: 'L1', Quantity: 1, RefundAmount: 30 }] }),
      currency: 'AUD',
      lineItems,
    });
    expect(credit.ok && credit.value.moneyReturned).toBe(false);
    const open = mapOrderReturn({ orderReturn: orderReturn({ Status: 'Open' }), currency: 'AUD' });
    expect(open.ok).toBe(false);
    const mismatch = mapOrderReturn({
      orderReturn: orderReturn({ ItemsToReturn: [{ LineItemID: 'L1', Quantity: 1, RefundAmount: 10 }] }),
      currency: 'AUD',
    });
    expect(!mismatch.ok && mismatch.error.message).toContain('OrderReturn.RefundAmount');
  });
});

describe('mapProduct', () => {
  it('takes the single-unit price from the price schedule and the SKU from xp', () => {
    const result = mapProduct({
      product: {
        ID: 'P-001',
        Name: 'Merino Crew Jumper',
        Description: 'Warm',
        Active: true,
        xp: { SKU: 'SKU-1000', Category: 'Apparel' },
      },
      priceSchedule: {
        ID: 'P-001-AUD',
        Currency: 'AUD',
        ApplyTax: true,
        PriceBreaks: [
          { Quantity: 10, Price: 44.95 },
          { Quantity: 1, Price: 49.95 },
        ],
      },
    });
    expect(result.ok && result.value).toMatchObject({
      id: 'P-001',
      sku: 'SKU-1000',
      name: 'Merino Crew Jumper',
      price: '49.95',
      currency: 'AUD',
      category: 'Apparel',
      active: true,
    });
  });

  it('a product without SKU, name or price is still a product; an over-long SKU is kept aside', () => {
    const bare = mapProduct({ product: { ID: 'FREE-SAMPLE', Name: null, xp: {} } });
    expect(bare.ok && bare.value).toMatchObject({ id: 'FREE-SAMPLE', name: 'FREE-SAMPLE' });
    expect(bare.ok && bare.value.sku).toBeUndefined();
    const long = mapProduct({
      product: { ID: 'LONG', Name: 'Jumper', xp: { SKU: 'MERINO-CREW-JUMPER-CHARCOAL-XXL-2026' } },
      priceSchedule: { ApplyTax: false, PriceBreaks: [] },
    });
    expect(long.ok && long.value).toMatchObject({
      taxClass: 'tax-exempt',
      attributes: { sourceSku: 'MERINO-CREW-JUMPER-CHARCOAL-XXL-2026' },
    });
  });
});

describe('mapUserToCustomer', () => {
  it.each([
    [
      'person',
      {
        ID: 'u1',
        Username: 'u1',
        FirstName: 'Søren',
        LastName: 'Lindqvist',
        Email: 'soren@example.com',
        CompanyID: 'retail-eu',
      },
      { kind: 'person', email: 'soren@example.com' },
    ],
    [
      'no email',
      { ID: 'u2', Username: 'u2', FirstName: 'Mei', LastName: '', Email: '', CompanyID: 'retail-au' },
      { kind: 'person', firstName: 'Mei' },
    ],
    [
      'company via xp',
      {
        ID: 'u3',
        Username: 'u3',
        FirstName: 'A',
        LastName: 'B',
        Email: '',
        CompanyID: 'trade-au',
        xp: { CompanyName: 'Acme Pty Ltd' },
      },
      { kind: 'company', companyName: 'Acme Pty Ltd' },
    ],
    [
      'username only',
      { ID: 'u4', Username: 'system-account', FirstName: '', LastName: '', Email: '' },
      { kind: 'person', lastName: 'system-account' },
    ],
  ])('%s', (_name, user, expected) => {
    expect(mapUserToCustomer(user)).toMatchObject({ id: user.ID, ...expected });
  });

  it('takes the company and billing details from an address when one is given', () => {
    const customer = mapUserToCustomer(
      { ID: 'u5', Username: 'u5', FirstName: 'Tamati', LastName: 'Brown', Email: 'tamati@example.nz' },
      {},
      {
        CompanyName: 'Kiwi Bikes & Co',
        Street1: '5 Queen St',
        City: 'Auckland',
        Zip: '1010',
        Country: 'nz',
        Phone: '+64 9 555 0100',
      },
    );
    expect(customer).toMatchObject({
      kind: 'company',
      companyName: 'Kiwi Bikes & Co',
      phone: '+64 9 555 0100',
      billingAddress: { line1: '5 Queen St', city: 'Auckland', postalCode: '1010', country: 'NZ' },
    });
  });
});

describe('mapBuyerToCompany', () => {
  const hq = {
    ID: 'hq',
    CompanyName: 'Acme Trading Pty Ltd',
    Street1: '1 Collins St',
    City: 'Melbourne',
    Country: 'au',
  };

  it('is a company by its company-wide billing address’s company name, as its users are', () => {
    expect(mapBuyerToCompany({ ID: 'acme', Name: 'Acme' }, {}, hq)).toMatchObject({
      id: 'acme',
      kind: 'company',
      companyId: 'acme',
      companyName: 'Acme Trading Pty Ltd',
      billingAddress: { line1: '1 Collins St', city: 'Melbourne', country: 'AU' },
    });
  });

  it('is a company by configuration, named by the buyer; otherwise retail (no contact)', () => {
    expect(mapBuyerToCompany({ ID: 'acme', Name: 'Acme' }, { companyBuyerIds: ['acme'] })).toMatchObject({
      companyName: 'Acme',
    });
    expect(mapBuyerToCompany({ ID: 'retail', Name: 'Retail' })).toBeUndefined();
    expect(
      mapBuyerToCompany({ ID: 'retail', Name: 'Retail' }, {}, { ...hq, CompanyName: null }),
    ).toBeUndefined();
  });
});
