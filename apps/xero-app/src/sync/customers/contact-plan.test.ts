import type { Customer } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { ContactPayload } from '../operations/contact-draft.ts';
import { nextContactPayload } from './contact-plan.ts';

const home = { line1: '1 Queen St', city: 'Auckland', country: 'NZ' };
const work = { line1: '9 Lambton Quay', city: 'Wellington', country: 'NZ' };
const customer = (over: Partial<Customer> = {}): Customer => ({
  id: 'u1',
  kind: 'person',
  firstName: 'Mere',
  lastName: 'Parata',
  email: 'mere@example.com',
  companyId: 'retail',
  attributes: {},
  ...over,
});
const plan = (c: Customer): Omit<ContactPayload, 'sendAddress'> => ({
  customer: c,
  asCompany: false,
  guestName: 'Guest',
  contactNumber: 'retail/u1',
});

describe('next contact payload', () => {
  it('sends the address with the first plan', () => {
    expect(nextContactPayload(undefined, plan(customer({ billingAddress: home })))?.sendAddress).toBe(true);
  });

  it('plans nothing when the customer reads as last time (the echo of a write-back)', () => {
    const first = nextContactPayload(undefined, plan(customer({ billingAddress: home })));
    expect(nextContactPayload(first, plan(customer({ billingAddress: home })))).toBeUndefined();
  });

  it('compares by meaning, not key order (payloads come back from jsonb reordered)', () => {
    const first = nextContactPayload(undefined, plan(customer({ billingAddress: home })));
    const reordered = JSON.parse(JSON.stringify(first, Object.keys(first ?? {}).sort()));
    const roundTripped = { ...reordered, customer: { ...(first as ContactPayload).customer } };
    expect(nextContactPayload(roundTripped, plan(customer({ billingAddress: home })))).toBeUndefined();
  });

  it('leaves the address to Xero when only a name changed, and sends it when it changed', () => {
    const first = nextContactPayload(undefined, plan(customer({ billingAddress: home })));
    const renamed = nextContactPayload(first, plan(customer({ lastName: 'Smith', billingAddress: home })));
    expect(renamed).toMatchObject({ sendAddress: false, customer: { lastName: 'Smith' } });
    const moved = nextContactPayload(renamed, plan(customer({ lastName: 'Smith', billingAddress: work })));
    expect(moved).toMatchObject({ sendAddress: true, customer: { billingAddress: work } });
    // Settled on the new address, the same read again is nothing new.
    expect(
      nextContactPayload(moved, plan(customer({ lastName: 'Smith', billingAddress: work }))),
    ).toBeUndefined();
  });

  it('keeps an address it cannot read again (a shopper’s private one)', () => {
    const saved = nextContactPayload(undefined, plan(customer({ billingAddress: work })));
    const edited = nextContactPayload(saved, plan(customer({ email: 'mere.p@example.com' })));
    expect(edited).toMatchObject({ sendAddress: false, customer: { billingAddress: work } });
  });
});
