import { describe, expect, it } from 'vitest';
import { interpretEmitterEvent } from './emitter-event.ts';

const siteId = '00000000-0000-4000-8000-000000000001';

const sampleOrder = {
  id: 'SC-1001',
  status: 'submitted',
  currency: 'AUD',
  placedAt: '2026-12-05T14:59:00Z',
  customer: { id: 'cust-1', kind: 'person', email: 'ana@example.com', firstName: 'Ana', lastName: 'Lee' },
  pricesIncludeTax: true,
  lines: [
    {
      id: 'l1',
      sku: 'MUG-1',
      name: 'Mug',
      quantity: '2',
      unitPrice: '11.00',
      lineSubtotal: '22.00',
      taxes: [{ amount: '2.00', ratePercent: '10' }],
    },
  ],
  taxTotal: '2.00',
  total: '22.00',
};

describe('interpretEmitterEvent', () => {
  it('reads an order as order.submitted from the sitecore source, carrying the canonical order', () => {
    const meaning = interpretEmitterEvent(
      {
        schemaVersion: 1,
        id: 'e1',
        occurredAt: '2026-12-05T15:00:00Z',
        type: 'order.submitted',
        order: sampleOrder,
      },
      siteId,
    );
    expect(meaning).toMatchObject({
      kind: 'event',
      event: {
        type: 'order.submitted',
        orderId: 'SC-1001',
        connectionId: siteId,
        source: 'sitecore',
        eventId: 'e1',
      },
      document: { kind: 'order', documentId: 'SC-1001' },
    });
  });

  it('reads a customer as customer.updated', () => {
    const meaning = interpretEmitterEvent(
      {
        schemaVersion: 1,
        id: 'e2',
        occurredAt: '2026-12-05T15:00:00Z',
        type: 'customer.updated',
        customer: { id: 'cust-1', kind: 'person', email: 'ana@example.com' },
      },
      siteId,
    );
    expect(meaning).toMatchObject({
      kind: 'event',
      event: { type: 'customer.updated', customerId: 'cust-1' },
    });
  });

  it('names the field that is wrong', () => {
    const bad = { ...sampleOrder, lines: [{ ...sampleOrder.lines[0], unitPrice: '11.00001' }] };
    const meaning = interpretEmitterEvent(
      { schemaVersion: 1, id: 'e3', occurredAt: '2026-12-05T15:00:00Z', type: 'order.submitted', order: bad },
      siteId,
    );
    expect(meaning.kind).toBe('invalid');
    expect(meaning.kind === 'invalid' && meaning.reason).toContain('order.lines.0.unitPrice');
    const noType = interpretEmitterEvent(
      { schemaVersion: 1, id: 'e4', occurredAt: '2026-12-05T15:00:00Z' },
      siteId,
    );
    expect(noType.kind === 'invalid' && noType.reason).toContain('type');
    const totals = interpretEmitterEvent(
      {
        schemaVersion: 1,
        id: 'e5',
        occurredAt: '2026-12-05T15:00:00Z',
        type: 'order.submitted',
        order: { ...sampleOrder, total: '23.00' },
      },
      siteId,
    );
    expect(totals.kind === 'invalid' && totals.reason).toContain('order.total');
  });

  const refund = {
    id: 'RF-1',
    orderId: 'SC-1001',
    currency: 'AUD',
    amount: '11.00',
    reason: 'Chipped mug',
    issuedAt: '2026-12-06T09:00:00Z',
    lines: [{ lineId: 'l1', quantity: '1', amount: '11.00' }],
    moneyReturned: true,
  };

  it('reads a refund (schemaVersion 2) as refund.issued for its order, kept under the order', () => {
    const meaning = interpretEmitterEvent(
      { schemaVersion: 2, id: 'e6', occurredAt: '2026-12-06T09:00:01Z', type: 'refund.issued', refund },
      siteId,
    );
    expect(meaning).toMatchObject({
      kind: 'event',
      event: { type: 'refund.issued', orderId: 'SC-1001', refundId: 'RF-1', source: 'sitecore' },
      document: { kind: 'refund', documentId: 'RF-1', parentId: 'SC-1001', payload: refund },
    });
  });

  it('refuses a refund declared as schemaVersion 1, which has no refunds, naming schemaVersion', () => {
    const meaning = interpretEmitterEvent(
      { schemaVersion: 1, id: 'e7', occurredAt: '2026-12-06T09:00:01Z', type: 'refund.issued', refund },
      siteId,
    );
    expect(meaning.kind === 'invalid' && meaning.reason).toBe(
      'schemaVersion: refund.issued exists from schemaVersion 2; this event declares 1',
    );
  });

  it('reads every older version it knows and refuses a newer one before looking at its type', () => {
    const order = interpretEmitterEvent(
      {
        schemaVersion: 2,
        id: 'e8',
        occurredAt: '2026-12-06T09:00:01Z',
        type: 'order.submitted',
        order: sampleOrder,
      },
      siteId,
    );
    expect(order.kind).toBe('event');
    const newer = interpretEmitterEvent(
      { schemaVersion: 3, id: 'e9', occurredAt: '2026-12-06T09:00:01Z', type: 'refund.partial' },
      siteId,
    );
    expect(newer.kind === 'invalid' && newer.reason).toMatch(
      /^schemaVersion: is newer than this app reads \(1–2\)/,
    );
    const missing = interpretEmitterEvent({ id: 'e10', type: 'order.submitted', order: sampleOrder }, siteId);
    expect(missing.kind === 'invalid' && missing.reason).toMatch(/^schemaVersion: /);
  });

  it('names the refund field that is wrong', () => {
    const meaning = interpretEmitterEvent(
      {
        schemaVersion: 2,
        id: 'e11',
        occurredAt: '2026-12-06T09:00:01Z',
        type: 'refund.issued',
        refund: { ...refund, amount: '-1.00' },
      },
      siteId,
    );
    expect(meaning.kind === 'invalid' && meaning.reason).toContain('refund.amount');
  });
});
