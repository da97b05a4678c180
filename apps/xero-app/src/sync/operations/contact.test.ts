import { ok } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { ContactMatch } from '../contact-index.ts';
import { type ContactIndexPort, contactOperation } from './contact.ts';
import type { PrepareContext } from './operation.ts';
import { operationRow } from './testing/operation-row.ts';

const customer = (id: string, first: string, last: string, email?: string) => ({
  id,
  kind: 'person' as const,
  firstName: first,
  lastName: last,
  companyId: 'retail',
  ...(email ? { email } : {}),
});
const contactOp = (id: string, c: ReturnType<typeof customer>) =>
  operationRow(
    'contact',
    { customer: c, asCompany: false, guestName: 'Guest', contactNumber: `retail/${c.id}` },
    { id: `op-${id}` },
  );

function index(state: { matches?: Record<string, ContactMatch>; taken?: string[] }): ContactIndexPort {
  return {
    refresh: async () => ok({ calls: 0 }),
    match: async ({ contactNumber }) => state.matches?.[contactNumber],
    nameTaken: async ({ name }) => (state.taken ?? []).includes(name),
    remember: async () => {},
  };
}
const context = (port: ContactIndexPort) =>
  ({ tenantId: 't', accounting: {}, contacts: port, contactRefreshMs: 0 }) as unknown as PrepareContext;

describe('contact operation', () => {
  it.each([
    {
      case: 'a customer Xero has (active) is settled without a call',
      state: {
        matches: { 'retail/u1': { contactId: 'XC1', by: 'contact number', archived: false } as ContactMatch },
      },
      ops: [contactOp('1', customer('u1', 'Adam', 'B'))],
      sent: [],
      settled: ['XC1'],
    },
    {
      case: 'an archived match is unarchived under its own ID',
      state: { matches: { 'retail/u1': { contactId: 'XC1', by: 'email', archived: true } as ContactMatch } },
      ops: [contactOp('1', customer('u1', 'Adam', 'B'))],
      sent: [{ name: 'Adam B', existingId: 'XC1' }],
      settled: [],
    },
    {
      case: 'a name another contact holds gets the email',
      state: { taken: ['Adam B'] },
      ops: [contactOp('1', customer('u1', 'Adam', 'B', 'a@x.io'))],
      sent: [{ name: 'Adam B (a@x.io)' }],
      settled: [],
    },
    {
      case: 'two of one name in a batch: the second gets its email',
      state: {},
      ops: [
        contactOp('1', customer('u1', 'Adam', 'B', 'a@x.io')),
        contactOp('2', customer('u2', 'Adam', 'B', 'b@x.io')),
      ],
      sent: [{ name: 'Adam B' }, { name: 'Adam B (b@x.io)' }],
      settled: [],
    },
    {
      case: 'no email and the name taken: the contact number',
      state: { taken: ['Adam B'] },
      ops: [contactOp('1', customer('u1', 'Adam', 'B'))],
      sent: [{ name: 'Adam B (#retail/u1)', contactNumber: 'retail/u1' }],
      settled: [],
    },
  ])('$case', async ({ state, ops, sent, settled }) => {
    const batch = await contactOperation.prepare?.(context(index(state)), ops);
    expect(batch?.send.map((s) => s.draft)).toEqual(sent.map((s) => expect.objectContaining(s)));
    expect(batch?.settled.map((s) => s.targetId)).toEqual(settled);
  });

  it('settles what Xero saved into the local index, linked to the customer', () => {
    const op = contactOp('1', customer('u1', 'Adam', 'B'));
    const answer = { id: 'XC1', name: 'Adam B', contactNumber: 'retail/u1', archived: false };
    const settlement = contactOperation.settle(op, answer, {});
    expect(settlement.rememberContact).toEqual(answer);
    expect(settlement.note?.message).toBe('Xero contact “Adam B” saved.');
    expect(contactOperation.linkSource?.(op)).toEqual({ sourceType: 'customer', sourceId: 'retail/u1' });
  });

  it('after the idempotency window, a contact under our number is recovered; others are sent again', async () => {
    const port = index({
      matches: { 'retail/u1': { contactId: 'XC1', by: 'contact number', archived: false } },
    });
    const one = {
      op: contactOp('1', customer('u1', 'A', 'B')),
      draft: { contactNumber: 'retail/u1', name: 'A B' },
    };
    const two = {
      op: contactOp('2', customer('u2', 'C', 'D')),
      draft: { contactNumber: 'retail/u2', name: 'C D' },
    };
    const looked = await contactOperation.lookUp?.(context(port), [one, two]);
    expect(looked?.recovered.map((r) => r.targetId)).toEqual(['XC1']);
    expect(looked?.remaining).toEqual([two]);
  });

  it('may travel inside its invoice when Xero has no contact for it, not when one waits to be unarchived', async () => {
    const port = index({
      matches: { 'retail/u2': { contactId: 'XOLD', by: 'contact number', archived: true } as ContactMatch },
    });
    const batch = await contactOperation.prepare?.(context(port), [
      contactOp('new', customer('u1', 'Ada', 'Byron')),
      contactOp('archived', customer('u2', 'Bob', 'Byron')),
    ]);
    expect(contactOperation.carriedBy).toBe('invoice');
    expect(batch?.send.map((item) => contactOperation.mayCarry?.(item.draft as never))).toEqual([
      true,
      false,
    ]);
  });

  it('is not matched again to the contact of someone else Xero put its invoice on', async () => {
    const port = index({
      matches: { 'retail/u3': { contactId: 'XOTHER', by: 'name', archived: false } as ContactMatch },
      taken: ['Cy Byron'],
    });
    const op = operationRow(
      'contact',
      {
        customer: customer('u3', 'Cy', 'Byron', 'cy@example.com'),
        asCompany: false,
        guestName: 'Guest',
        contactNumber: 'retail/u3',
      },
      { id: 'op-avoid', result: { avoid: 'XOTHER' } },
    );
    const batch = await contactOperation.prepare?.(context(port), [op]);
    expect(batch?.settled).toEqual([]);
    expect(batch?.send[0]?.draft).toMatchObject({ name: 'Cy Byron (cy@example.com)' });
    expect(batch?.send[0]?.draft).not.toHaveProperty('existingId');
  });
});
