import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { ownersWith } from './field-ownership.ts';
import { itemDrift } from './item-drift.ts';

const agreed = { name: 'Tent', description: 'A tent', salesUnitPrice: '149.00' };
const xero = (over: Partial<AccountingItem> = {}): AccountingItem => ({
  id: 'i1',
  code: 'TENT',
  name: 'Tent',
  description: 'A tent',
  salesUnitPrice: '149',
  isTrackedAsInventory: false,
  updatedAt: '2026-12-06T10:00:00.000Z',
  ...over,
});
const at = (time: string) => new Date(`2026-12-06T${time}Z`);

describe('itemDrift', () => {
  it('agrees when both sides hold the same values (149 and 149.00 are one price)', () => {
    const drift = itemDrift({ xero: xero(), sent: agreed, pending: false, plannedAt: at('09:00:00') });
    expect(drift).toEqual({ resend: false, conflicts: [], agreed });
  });

  it('sends OrderCloud’s price back over a price edited in Xero, and says what it overwrote', () => {
    const drift = itemDrift({
      xero: xero({ salesUnitPrice: '99.5' }),
      sent: agreed,
      pending: false,
      plannedAt: at('09:00:00'),
      agreed,
    });
    expect(drift.resend).toBe(true);
    expect(drift.conflicts).toEqual([
      { field: 'price', ordercloud: '149', xero: '99.5', winner: 'ordercloud' },
    ]);
    // Xero's value is remembered: read again before the resend lands, the edit is not counted twice.
    expect(drift.agreed).toEqual({ ...agreed, salesUnitPrice: '99.5' });
    const again = itemDrift({
      xero: xero({ salesUnitPrice: '99.5' }),
      sent: agreed,
      pending: true,
      plannedAt: at('10:01:00'),
      ...(drift.agreed ? { agreed: drift.agreed } : {}),
    });
    expect(again).toEqual({ resend: false, conflicts: [] });
  });

  it('carries a name edited only in Xero to OrderCloud, without calling it a conflict', () => {
    const drift = itemDrift({
      xero: xero({ name: 'Tent 4P' }),
      sent: agreed,
      pending: false,
      plannedAt: at('09:00:00'),
      agreed,
    });
    expect(drift).toEqual({ resend: false, nameToOrderCloud: 'Tent 4P', conflicts: [] });
  });

  it('gives a name edited on both sides to the later edit: Xero’s', () => {
    const drift = itemDrift({
      xero: xero({ name: 'Xero tent', updatedAt: '2026-12-06T10:00:05.000Z' }),
      sent: { ...agreed, name: 'OrderCloud tent' },
      pending: true,
      plannedAt: at('10:00:00'),
      agreed,
    });
    expect(drift.nameToOrderCloud).toBe('Xero tent');
    expect(drift.resend).toBe(false);
    expect(drift.conflicts).toEqual([
      { field: 'name', ordercloud: 'OrderCloud tent', xero: 'Xero tent', winner: 'xero' },
    ]);
  });

  it('gives a name edited on both sides to the later edit: OrderCloud’s, sent by its pending operation', () => {
    const drift = itemDrift({
      xero: xero({ name: 'Xero tent', updatedAt: '2026-12-06T10:00:00.000Z' }),
      sent: { ...agreed, name: 'OrderCloud tent' },
      pending: true,
      plannedAt: at('10:00:05'),
      agreed,
    });
    expect(drift.nameToOrderCloud).toBeUndefined();
    expect(drift.resend).toBe(false);
    expect(drift.conflicts).toEqual([
      { field: 'name', ordercloud: 'OrderCloud tent', xero: 'Xero tent', winner: 'ordercloud' },
    ]);
  });

  it('waits for a pending OrderCloud change Xero has not received yet', () => {
    const drift = itemDrift({
      xero: xero(),
      sent: { ...agreed, salesUnitPrice: '139.00' },
      pending: true,
      plannedAt: at('10:00:00'),
      agreed,
    });
    expect(drift).toEqual({ resend: false, conflicts: [] });
  });

  it('infers nothing without an agreement while OrderCloud’s change is pending', () => {
    const drift = itemDrift({
      xero: xero({ name: 'Old' }),
      sent: agreed,
      pending: true,
      plannedAt: at('10:00:00'),
    });
    expect(drift).toEqual({ resend: false, conflicts: [] });
  });

  it('leaves Xero’s description alone when OrderCloud has none', () => {
    const drift = itemDrift({
      xero: xero({ description: 'Written in Xero' }),
      sent: { name: 'Tent', salesUnitPrice: '149.00' },
      pending: false,
      plannedAt: at('09:00:00'),
      agreed: { name: 'Tent', salesUnitPrice: '149.00' },
    });
    expect(drift).toEqual({
      resend: false,
      conflicts: [],
      agreed: { name: 'Tent', salesUnitPrice: '149.00' },
    });
  });

  it('carries Xero’s price to OrderCloud where the organisation always gives prices to Xero', () => {
    const owners = ownersWith(new Map([['price', 'xero']]));
    const drift = itemDrift({
      xero: xero({ salesUnitPrice: '99.50' }),
      sent: agreed,
      pending: false,
      plannedAt: at('09:00:00'),
      agreed,
      owners,
    });
    expect(drift).toEqual({ resend: false, toOrderCloud: { price: '99.5' }, conflicts: [] });
  });
});
