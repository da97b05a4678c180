import { describe, expect, it } from 'vitest';
import { inLockOrder } from './delivery-batcher.ts';

const delivery = (connectionId: string, eventId: string) => ({ event: { connectionId, eventId } });

describe('the order a batch of deliveries is inserted in', () => {
  it('is by connection, then LogID, whatever order they arrived in, so two batches never lock crosswise', () => {
    const arrived = [delivery('c2', 'a'), delivery('c1', 'z'), delivery('c1', 'b'), delivery('c2', 'a')];
    expect(inLockOrder(arrived).map((d) => `${d.event.connectionId}:${d.event.eventId}`)).toEqual([
      'c1:b',
      'c1:z',
      'c2:a',
      'c2:a',
    ]);
    // Two batches holding the same deliveries in opposite orders insert them in the same order.
    const newestFirst = [delivery('c1', 'y'), delivery('c1', 'x')];
    const oldestFirst = [delivery('c1', 'x'), delivery('c1', 'y')];
    expect(inLockOrder(newestFirst)).toEqual(inLockOrder(oldestFirst));
    expect(arrived[0]?.event.connectionId).toBe('c2');
  });
});
