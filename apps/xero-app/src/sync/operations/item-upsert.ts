import type { AccountingTarget, ItemDraft } from '@ledgerbridge/canonical';
import { type OperationModule, payloadOf, type SendInput } from './operation.ts';

/** Items go by Code through Xero's POST /Items, 50 a call: upserts and archives alike. */
export const sendItems = (
  target: AccountingTarget,
  { tenantId, drafts, idempotencyKey }: SendInput<ItemDraft>,
) => target.upsertItems({ tenantId, items: drafts, idempotencyKey });

/**
 * A catalog product's item, created or updated by its code (Xero's POST /Items upserts by Code). The
 * operation is reopened when the product changes (operations-repo `planLatest`), so its payload is
 * always what Xero was last told: the way back compares Xero's item against it to tell echoes apart.
 */
export const itemUpsertOperation: OperationModule<ItemDraft> = {
  kind: 'item-upsert',
  patient: true,
  draft: (op) => {
    const { productId: _p, sku: _s, ...draft } = payloadOf('item-upsert', op);
    return draft;
  },
  send: (target, input) => sendItems(target, input),
  settle: (op) => ({
    note: {
      step: 'item',
      outcome: 'ok',
      message: `Item ${payloadOf('item-upsert', op).code} is up to date in Xero.`,
    },
  }),
  linkSource: (op) => ({ sourceType: 'product', sourceId: payloadOf('item-upsert', op).productId }),
};
