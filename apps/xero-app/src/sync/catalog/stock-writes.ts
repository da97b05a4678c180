import type { AccountingItem } from '@ledgerbridge/canonical';

/** Where an item's stock goes: its product, or the variant the item is (decision 0098). */
export type StockTarget = { readonly productId: string; readonly variantId?: string };

/** One product's or variant's available quantity to write, and the fingerprint that marks it written. */
export type StockWrite = StockTarget & {
  readonly code: string;
  readonly quantityAvailable: number;
  readonly fingerprint: string;
};

/** The key a target's last written quantity is kept under: `{productID}` or `{productID}/{variantID}`. */
export function stockEntityId(target: StockTarget): string {
  return target.variantId ? `${target.productId}/${target.variantId}` : target.productId;
}

/**
 * Whole units available from Xero's QuantityOnHand (a decimal string, up to 4 places): the fraction is
 * dropped (half a tent cannot be sold) and a negative quantity is none. Read from the text, not a float.
 */
export function wholeUnits(quantityOnHand: string): number {
  const match = /^(-?)(\d+)(?:\.\d+)?$/.exec(quantityOnHand.trim());
  if (!match) throw new Error(`QuantityOnHand ${quantityOnHand} is not a decimal`);
  const units = Number.parseInt(match[2] ?? '0', 10);
  return match[1] === '-' || units === 0 ? 0 : units;
}

export function stockFingerprint(quantityAvailable: number): string {
  return `quantity:${quantityAvailable}`;
}

/**
 * The stock writes Xero's items call for: tracked items whose product (or variant) this connection
 * synced, whose whole-unit quantity differs from the last one written. The app's own item updates come
 * back from the poll with the same quantity and write nothing, so stock never loops.
 */
export function stockWrites(input: {
  readonly items: readonly AccountingItem[];
  /** Item code → the OrderCloud product or variant it became (the connection's item-upsert operations). */
  readonly targetOfCode: ReadonlyMap<string, StockTarget>;
  /** stockEntityId → fingerprint of the last quantity written to it. */
  readonly lastWritten: ReadonlyMap<string, string>;
}): StockWrite[] {
  const writes: StockWrite[] = [];
  for (const item of input.items) {
    if (!item.isTrackedAsInventory || item.quantityOnHand === undefined) continue;
    const target = input.targetOfCode.get(item.code);
    if (!target) continue;
    const quantityAvailable = wholeUnits(item.quantityOnHand);
    const fingerprint = stockFingerprint(quantityAvailable);
    if (input.lastWritten.get(stockEntityId(target)) === fingerprint) continue;
    writes.push({
      productId: target.productId,
      ...(target.variantId ? { variantId: target.variantId } : {}),
      code: item.code,
      quantityAvailable,
      fingerprint,
    });
  }
  return writes;
}

/** The If-Modified-Since of the next poll: the newest change read (Xero's filter is inclusive). */
export function nextModifiedSince(items: readonly AccountingItem[], previous: Date | null): Date | null {
  let newest = previous;
  for (const item of items) {
    if (!item.updatedAt) continue;
    const at = new Date(item.updatedAt);
    if (!newest || at > newest) newest = at;
  }
  return newest;
}
