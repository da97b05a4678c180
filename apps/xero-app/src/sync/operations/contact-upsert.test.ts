import { ok } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { ContactMatch } from '../contact-index.ts';
import type { ContactIndexPort } from './contact.ts';
import { contactUpsertOperation } from './contact-upsert.ts';
import type { PrepareContext } from './operation.ts';
import { operationRow } from './testing/operation-row.ts';

const op = (id: string, last: string) =>
  operationRow(
    'contact-upsert',
    {
      customer: {
        id,
        kind: 'person',
        firstName: 'Mere',
        lastName: last,
        companyId: 'b',
        email: `${id}@x.io`,
      },
      asCompany: false,
      guestName: 'Guest',
      contactNumber: `b/${id}`,
    },
    { id: `op-${id}`, order_id: null },
  );

function context(matches: Record<string, ContactMatch>, taken: string[] = []): PrepareContext {
  const port: ContactIndexPort = {
    refresh: async () => ok({ calls: 0 }),
    match: async ({ contactNumber }) => matches[contactNumber],
    nameTaken: async ({ name, exceptContactId }) =>
      taken.includes(name) && !Object.values(matches).some((m) => m.contactId === exceptContactId),
    remember: async () => {},
  };
  return { tenantId: 't', accounting: {}, contacts: port, contactRefreshMs: 0 } as unknown as PrepareContext;
}

describe('contact upsert operation', () => {
  it('updates a contact Xero has (an order’s contact would stop at the match)', async () => {
    const batch = await contactUpsertOperation.prepare?.(
      context({ 'b/u1': { contactId: 'XC1', by: 'contact number', archived: false } as ContactMatch }),
      [op('u1', 'Parata-Smith')],
    );
    expect(batch?.settled).toEqual([]);
    expect(batch?.send[0]?.draft).toMatchObject({
      existingId: 'XC1',
      name: 'Mere Parata-Smith',
      contactNumber: 'b/u1',
      email: 'u1@x.io',
    });
  });

  it('creates a contact Xero lacks, with a name no other contact has', async () => {
    const batch = await contactUpsertOperation.prepare?.(context({}, ['Mere Parata']), [op('u2', 'Parata')]);
    expect(batch?.send[0]?.draft).toMatchObject({ name: 'Mere Parata (u2@x.io)', contactNumber: 'b/u2' });
    expect(batch?.send[0]?.draft).not.toHaveProperty('existingId');
  });

  it('links the contact to its customer and remembers our write for the echo check', () => {
    const settled = contactUpsertOperation.settle(
      op('u1', 'P'),
      { id: 'XC1', name: 'Mere P', contactNumber: 'b/u1', updatedAt: '2026-12-05T07:00:00.000Z' },
      {},
    );
    expect(settled.wrote).toEqual({
      category: 'CONTACT',
      documentId: 'XC1',
      updatedAt: '2026-12-05T07:00:00.000Z',
    });
    expect(contactUpsertOperation.linkSource?.(op('u1', 'P'))).toEqual({
      sourceType: 'customer',
      sourceId: 'b/u1',
    });
  });
});
