import { permanent, type SyncEvent, type SyncEventType, SyncFailure } from '@ledgerbridge/canonical';

export type SyncHandlers = {
  readonly [K in SyncEventType]?: (event: Extract<SyncEvent, { type: K }>) => Promise<void>;
};

/** Routes each event to its use case; an event nobody handles is a permanent failure, never a silent drop. */
export function createSyncDispatcher(handlers: SyncHandlers): (event: SyncEvent) => Promise<void> {
  return async (event) => {
    const handler = handlers[event.type] as ((e: SyncEvent) => Promise<void>) | undefined;
    if (!handler) {
      throw new SyncFailure(permanent('no-handler', `No use case handles ${event.type} events yet.`));
    }
    await handler(event);
  };
}
