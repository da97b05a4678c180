import { describe, expect, it } from 'vitest';
import { customerKey, opKey, userOfCustomerKey } from './operation.ts';

describe('operation keys', () => {
  it('key payments through their order: two orders with payment P1 / P1-capture-1 are two operations', () => {
    const key = (orderId: string) =>
      opKey({
        kind: 'payment',
        tenantId: 't',
        connectionId: 'c',
        orderId,
        paymentId: 'P1',
        transactionId: 'P1-capture-1',
      });
    expect(key('O1')).toBe('t:payment:c:O1:P1:P1-capture-1');
    expect(key('O1')).not.toBe(key('O2'));
  });

  it.each([
    [{ kind: 'item', tenantId: 't', code: 'MUG' } as const, 't:item:MUG'],
    [{ kind: 'contact', tenantId: 't', customerKey: 'b1/u1' } as const, 't:contact:b1/u1'],
    [{ kind: 'invoice', tenantId: 't', connectionId: 'c', orderId: 'O1' } as const, 't:invoice:c:O1'],
    [{ kind: 'void', tenantId: 't', connectionId: 'c', orderId: 'O1' } as const, 't:void:c:O1'],
    [
      { kind: 'credit-note', tenantId: 't', connectionId: 'c', creditId: 'R1' } as const,
      't:credit-note:c:R1',
    ],
    [{ kind: 'allocation', tenantId: 't', connectionId: 'c', creditId: 'R1' } as const, 't:allocation:c:R1'],
    [
      { kind: 'refund', tenantId: 't', connectionId: 'c', creditId: 'cancel-O1' } as const,
      't:refund:c:cancel-O1',
    ],
  ])('%o is keyed %s', (parts, key) => {
    expect(opKey(parts)).toBe(key);
  });

  it.each([
    { asCompany: true, customer: { id: 'u1', kind: 'company', companyId: 'b1' }, key: 'company:b1' },
    { asCompany: false, customer: { id: 'u1', kind: 'company', companyId: 'b1' }, key: 'b1/u1' },
    { asCompany: false, customer: { id: 'u1', kind: 'person', companyId: 'b2' }, key: 'b2/u1' },
    { asCompany: false, customer: { id: 'guest-O1', kind: 'guest' }, key: 'guest-O1' },
  ])(
    'a customer ($customer.kind, as company: $asCompany) is known as $key',
    ({ asCompany, customer, key }) => {
      expect(customerKey({ asCompany, customer })).toBe(key);
    },
  );

  it('reads the user back from a contact number, old bare IDs included', () => {
    expect(userOfCustomerKey('b1/u1')).toEqual({ buyerId: 'b1', userId: 'u1' });
    expect(userOfCustomerKey('u1')).toEqual({ userId: 'u1' });
    expect(userOfCustomerKey('company:b1')).toBeUndefined();
    expect(userOfCustomerKey('guest-O1')).toBeUndefined();
  });
});
