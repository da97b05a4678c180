import { SyncFailure } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { createSyncDispatcher } from './sync-dispatcher.ts';

const event = {
  type: 'order.submitted' as const,
  eventId: 'log-1',
  connectionId: 'c-1',
  occurredAt: '2026-11-27T10:00:00Z',
  source: 'ordercloud' as const,
  orderId: 'o-1',
};

describe('sync dispatcher', () => {
  it('routes an event to its handler', async () => {
    const seen: string[] = [];
    await createSyncDispatcher({ 'order.submitted': async (e) => void seen.push(e.orderId) })(event);
    expect(seen).toEqual(['o-1']);
  });

  it('fails permanently, never silently, when no use case handles the event', async () => {
    const error = await createSyncDispatcher({})(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncFailure);
    expect((error as SyncFailure).error.kind).toBe('permanent');
  });
});
