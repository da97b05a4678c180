import { describe, expect, it } from 'vitest';
import { createEmptyState, type OrderReturnRecord } from '../state.ts';
import { addReturnOfOrder, removeReturnOfOrder, returnsOfOrder } from './returns-by-order.ts';

const make = (ID: string, OrderID: string) => ({ ID, OrderID }) as OrderReturnRecord;

describe('returns by order', () => {
  it('gives an order its returns in the order they were made, matching the order ID case aside', () => {
    const state = createEmptyState();
    for (const r of [make('R1', 'O-1'), make('R2', 'O-2'), make('R3', 'O-1')]) {
      state.orderReturns.set(r.ID, r);
      addReturnOfOrder(state, r);
    }
    expect(returnsOfOrder(state, 'o-1').map((r) => r.ID)).toEqual(['R1', 'R3']);
    expect(returnsOfOrder(state, 'O-2').map((r) => r.ID)).toEqual(['R2']);
    expect(returnsOfOrder(state, 'O-9')).toEqual([]);
  });

  it('forgets a deleted return, and an order left with none', () => {
    const state = createEmptyState();
    const r = make('R1', 'O-1');
    state.orderReturns.set(r.ID, r);
    addReturnOfOrder(state, r);
    state.orderReturns.delete(r.ID);
    removeReturnOfOrder(state, r);
    expect(returnsOfOrder(state, 'O-1')).toEqual([]);
    expect(state.returnsByOrder.size).toBe(0);
  });
});
