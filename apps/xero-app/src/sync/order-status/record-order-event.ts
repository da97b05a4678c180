import type { Db } from '../../db/database.ts';
import { type OrderEvent, orderChange } from './order-status.ts';
import { applyOrderChange, type OrderRef } from './order-syncs-repo.ts';

export type WriteBackRequest = { readonly connectionId: string; readonly orderId: string };

/** Moves the order by one event and, when the state machine says so, asks for its write-back. */
export async function recordOrderEvent(
  deps: { db: Db; requestWriteBack?: (input: WriteBackRequest) => Promise<void> },
  order: OrderRef,
  event: OrderEvent,
): Promise<void> {
  const change = orderChange(event);
  await applyOrderChange(deps.db, order, change);
  if (change.writeBack && deps.requestWriteBack)
    await deps.requestWriteBack({ connectionId: order.connectionId, orderId: order.orderId });
}
