import type { ItemDraft } from '@ledgerbridge/canonical';
import { type OperationModule, payloadOf } from './operation.ts';

/** A product Xero has no item for yet: created before the invoices that name its code. */
export const itemOperation: OperationModule<ItemDraft> = {
  kind: 'item',
  oneAtATime: true,
  draft: (op) => payloadOf('item', op),
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.createItems({ tenantId, items: drafts, idempotencyKey }),
  settle: () => ({}),
  linkSource: (op) => ({ sourceType: 'product', sourceId: op.order_id ?? op.op_key }),
};
