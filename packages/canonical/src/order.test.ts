import { describe, expect, it } from 'vitest';
import { OrderSchema } from './order.ts';
import { SyncEventSchema } from './sync-event.ts';

function validOrder(): Record<string, unknown> {
  return {
    id: 'o-1',
    status: 'submitted',
    currency: 'AUD',
    placedAt: '2026-11-27T10:00:00Z',
    customer: { id: 'u-1', kind: 'person', firstName: 'Zoë', lastName: 'Nguyễn', email: 'zoe@example.com' },
    pricesIncludeTax: true,
    lines: [
      {
        id: 'l-1',
        sku: 'MUG-01',
        name: 'Mug',
        quantity: '3',
        unitPrice: '12.95',
        lineSubtotal: '38.85',
        discount: '3.85',
        taxes: [{ code: 'GST', ratePercent: '10', amount: '3.18' }],
      },
    ],
    charges: [{ kind: 'shipping', description: 'Standard', amount: '9.95', taxes: [{ amount: '0.90' }] }],
    discounts: [{ description: 'WELCOME5', amount: '5.00' }],
    taxTotal: '4.08',
    total: '39.95',
  };
}

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = OrderSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('OrderSchema', () => {
  it('accepts a consistent tax-inclusive order', () => {
    expect(issuesOf(validOrder())).toEqual([]);
  });

  it('accepts a consistent tax-exclusive order', () => {
    const order = { ...validOrder(), pricesIncludeTax: false, total: '44.03' };
    expect(issuesOf(order)).toEqual([]);
  });

  it.each([
    ['currency', { currency: 'aud' }, 'must be an ISO 4217 code'],
    ['placedAt', { placedAt: 'yesterday' }, ''],
    ['total', { total: '39.96' }, 'does not equal lines − discounts + charges'],
    ['taxTotal', { taxTotal: '4.09' }, 'does not equal the sum'],
    ['total', { total: '-1' }, 'must not be negative'],
    ['customer.email', { customer: { id: 'u', kind: 'person' } }, 'a customer needs a name or an email'],
  ])('names the field %s when it is wrong', (path, patch, message) => {
    const issues = issuesOf({ ...validOrder(), ...patch });
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toContain(message);
  });

  it('names the line field that is malformed', () => {
    const order = validOrder();
    const lines = order.lines as Array<Record<string, unknown>>;
    lines[0] = { ...lines[0], quantity: '0', unitPrice: '1.23456' };
    const paths = issuesOf(order).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lines.0.quantity', 'lines.0.unitPrice']));
  });

  it('refuses amounts with more decimals than the currency allows', () => {
    const issues = issuesOf({ ...validOrder(), currency: 'JPY' });
    expect(issues).toContainEqual({
      path: 'lines.0.lineSubtotal',
      message: 'has more than 0 decimals for JPY',
    });
  });
});

describe('SyncEventSchema', () => {
  it('parses each event type and refuses an unknown one', () => {
    const base = {
      eventId: 'log-1',
      connectionId: 'c-1',
      occurredAt: '2026-11-27T10:00:00Z',
      source: 'ordercloud',
    };
    expect(
      SyncEventSchema.parse({ ...base, type: 'payment.captured', orderId: 'o', paymentId: 'p' }).type,
    ).toBe('payment.captured');
    const bad = SyncEventSchema.safeParse({ ...base, type: 'order.exploded', orderId: 'o' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['type']);
  });
});
