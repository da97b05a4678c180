import type { AccountingItem } from '@ledgerbridge/canonical';
import {
  differencesOf,
  type FieldDifference,
  type MatchProposal,
  matchItems,
  type ProductForMatch,
} from './match-items.ts';

/** The merchant's answers on the review page: a product's item (null: a new item), items to archive. */
export type ReviewChoices = {
  readonly pairing: ReadonlyMap<string, string | null>;
  readonly archive: ReadonlySet<string>;
};

export type ReviewPlan = {
  /** Paired and equal: recorded as synced, nothing written. */
  readonly adopt: ReadonlyArray<{ readonly product: ProductForMatch; readonly code: string }>;
  /** Paired, with values that differ: the item is updated by the ownership rule, the differences listed. */
  readonly update: ReadonlyArray<{
    readonly product: ProductForMatch;
    readonly code: string;
    readonly differences: readonly FieldDifference[];
  }>;
  readonly create: readonly ProductForMatch[];
  readonly archive: readonly AccountingItem[];
};

/** The proposal a product's row starts from: its pair, or a new item (ambiguous and unmatched alike). */
export function proposedItemOf(proposal: MatchProposal, productId: string): string | null {
  return proposal.pairs.find((p) => p.productId === productId)?.code ?? null;
}

/**
 * What Apply writes: the proposal made again from the catalog as it is now (a product added since the
 * review follows it), with the merchant's choices over it. Refused whole, with the reason, when the
 * choices contradict each other or Xero (one item for two products, a new item on a code Xero has).
 */
export function reviewPlan(input: {
  readonly products: readonly ProductForMatch[];
  readonly items: readonly AccountingItem[];
  readonly choices: ReviewChoices;
}): { ok: true; plan: ReviewPlan } | { ok: false; reason: string } {
  const proposal = matchItems({ products: input.products, items: input.items });
  const itemOf = new Map(input.items.map((i) => [i.code.toLowerCase(), i]));
  const pairedBy = new Map<string, string>();
  const adopt: Array<{ product: ProductForMatch; code: string }> = [];
  const update: Array<{ product: ProductForMatch; code: string; differences: FieldDifference[] }> = [];
  const create: ProductForMatch[] = [];
  for (const product of input.products) {
    const chosen = input.choices.pairing.has(product.productId)
      ? (input.choices.pairing.get(product.productId) ?? null)
      : proposedItemOf(proposal, product.productId);
    if (chosen === null) {
      const clash = itemOf.get(product.draft.code.toLowerCase());
      if (clash)
        return {
          ok: false,
          reason: `Product ${product.productId} would become item ${product.draft.code}, which Xero already has: pair them, or give the product another SKU in OrderCloud.`,
        };
      create.push(product);
      continue;
    }
    const item = itemOf.get(chosen.toLowerCase());
    if (!item) return { ok: false, reason: `Xero has no item ${chosen} (read the catalogs again).` };
    const other = pairedBy.get(item.code);
    if (other)
      return {
        ok: false,
        reason: `Item ${item.code} is chosen for both ${other} and ${product.productId}: one item per product.`,
      };
    pairedBy.set(item.code, product.productId);
    const differences = differencesOf({ ...product.draft, code: item.code }, item);
    if (differences.length === 0) adopt.push({ product, code: item.code });
    else update.push({ product, code: item.code, differences });
  }
  const archive: AccountingItem[] = [];
  for (const code of input.choices.archive) {
    const item = itemOf.get(code.toLowerCase());
    if (!item) return { ok: false, reason: `Xero has no item ${code} (read the catalogs again).` };
    const product = pairedBy.get(item.code);
    if (product)
      return { ok: false, reason: `Item ${item.code} is paired with ${product}: it cannot be archived too.` };
    archive.push(item);
  }
  return { ok: true, plan: { adopt, update, create, archive } };
}
