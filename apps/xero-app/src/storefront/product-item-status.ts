import { compareDecimals, parseDecimal } from '@ledgerbridge/canonical';

/** One product's item-upsert operation in one Xero organisation, as the repo reads it. */
export type ProductItemFacts = {
  readonly organisation: string | null;
  readonly status: 'waiting' | 'ready' | 'sending' | 'done' | 'failed';
  /** The item as planned from OrderCloud now (item-upsert payload). */
  readonly planned: { code: string; sku?: string; name?: string; salesUnitPrice?: string } | null;
  /** Xero's answer at the last successful write (kept when the operation is reopened), or null. */
  readonly answered: { id?: string; code?: string; salesUnitPrice?: string } | null;
  readonly error: string | null;
  readonly itemId: string | null;
  readonly updatedAt: Date;
  /** When a batch last carried the item to Xero (not necessarily accepted). */
  readonly sentAt: Date | null;
};

export type ProductItemState = 'synced' | 'pending' | 'failed';

/** What the XM Cloud panel shows for a product in one organisation. */
export type ProductItemStatus = {
  readonly organisation: string | null;
  readonly state: ProductItemState;
  readonly itemCode: string | null;
  readonly itemId: string | null;
  readonly sku: string | null;
  /** The price OrderCloud has now (what the next write sends), decimal string. */
  readonly orderCloudPrice: string | null;
  /** The price Xero holds since the last successful write, decimal string; null before the first. */
  readonly xeroPrice: string | null;
  /** False when Xero's price is not OrderCloud's (a change not sent yet, or refused); null if unknown. */
  readonly pricesMatch: boolean | null;
  readonly lastSyncAt: string | null;
  /** The problem in plain words, or null. */
  readonly problem: string | null;
};

const stateOf: Record<ProductItemFacts['status'], ProductItemState> = {
  done: 'synced',
  failed: 'failed',
  ready: 'pending',
  waiting: 'pending',
  sending: 'pending',
};

function samePrice(a: string | null, b: string | null): boolean | null {
  if (a === null || b === null) return null;
  return compareDecimals(parseDecimal(a), parseDecimal(b)) === 0;
}

function problemOf(facts: ProductItemFacts, everAccepted: boolean): string | null {
  const state = stateOf[facts.status];
  if (state === 'failed')
    return `Xero refused the item${everAccepted ? ' change' : ''}: ${(facts.error ?? 'no reason given').replace(/\.\s*$/, '')}. Fix it in OrderCloud or the mapping; the product's next change sends it again.`;
  if (state === 'pending')
    return everAccepted
      ? 'A change is waiting to be sent to Xero (items travel in batches of up to 50).'
      : 'Not in Xero yet: waiting to be sent (items travel in batches of up to 50).';
  return null;
}

/** The panel's view of one item: synced or not, both prices, and the problem in plain words. */
export function describeProductItem(facts: ProductItemFacts): ProductItemStatus {
  const orderCloudPrice = facts.planned?.salesUnitPrice ?? null;
  const xeroPrice = facts.answered?.salesUnitPrice ?? null;
  const everAccepted = facts.answered !== null;
  const state = stateOf[facts.status];
  return {
    organisation: facts.organisation,
    state,
    itemCode: facts.answered?.code ?? facts.planned?.code ?? null,
    itemId: facts.itemId ?? facts.answered?.id ?? null,
    sku: facts.planned?.sku ?? null,
    orderCloudPrice,
    xeroPrice,
    pricesMatch: samePrice(orderCloudPrice, xeroPrice),
    // Done or refused: the operation's own time; pending: when Xero last heard of it, if ever.
    lastSyncAt: (state === 'pending' ? facts.sentAt : facts.updatedAt)?.toISOString() ?? null,
    problem: problemOf(facts, everAccepted),
  };
}
