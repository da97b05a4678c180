import { describe, expect, it } from 'vitest';
import { sliceByBuyer } from './slice-by-buyer.ts';

describe('sliceByBuyer', () => {
  it('keeps every buyer in one slice and the slices about even', () => {
    const orders = [
      { id: 'o1', buyer: 'acme' },
      { id: 'o2', buyer: 'bolt' },
      { id: 'o3', buyer: 'acme' },
      { id: 'o4', buyer: 'cork' },
      { id: 'o5', buyer: 'acme' },
      { id: 'o6', buyer: 'dune' },
    ];
    const slices = sliceByBuyer(orders, 3);
    expect(slices).toHaveLength(3);
    expect(slices.flat().sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    const sliceOf = (id: string) => slices.findIndex((s) => s.includes(id));
    expect(new Set(['o1', 'o3', 'o5'].map(sliceOf)).size).toBe(1);
    expect(Math.max(...slices.map((s) => s.length))).toBe(3);
  });

  it('treats an order of an unknown buyer as its own, and never makes empty slices', () => {
    expect(sliceByBuyer([{ id: 'o1', buyer: undefined }], 4)).toEqual([['o1']]);
    expect(sliceByBuyer([], 4)).toEqual([]);
    expect(
      sliceByBuyer(
        [
          { id: 'o1', buyer: undefined },
          { id: 'o2', buyer: undefined },
        ],
        2,
      ).map((s) => s.length),
    ).toEqual([1, 1]);
  });
});
