import type { ItemDraft } from '@ledgerbridge/canonical';
import { sendItems } from './item-upsert.ts';
import { type OperationModule, payloadOf } from './operation.ts';

/**
 * A Xero item the merchant chose to archive in the catalog review (never planned otherwise). Xero's API
 * cannot archive items; the item is marked not sold (POST /Items by Code, IsSold false), batched like
 * the catalog's upserts.
 */
export const itemArchiveOperation: OperationModule<ItemDraft> = {
  kind: 'item-archive',
  patient: true,
  draft: (op) => {
    const { code, name } = payloadOf('item-archive', op);
    return { code, name: name ?? code, inactive: true };
  },
  send: sendItems,
  settle: (op) => ({
    note: {
      step: 'item',
      outcome: 'ok',
      message: `Item ${payloadOf('item-archive', op).code} is no longer sold in Xero (archived at the merchant’s choice).`,
    },
  }),
  linkSource: (op) => ({
    sourceType: 'product',
    sourceId: `xero-item:${payloadOf('item-archive', op).code}`,
  }),
};
