import type { AccountingItem, ItemDraft } from '@ledgerbridge/canonical';
import { skuOfItem } from './item-code.ts';
import { sameFieldValue } from './item-drift.ts';

/** A product as the catalog sync would send it: its SKU and planned item (plan-item.ts). */
export type ProductForMatch = { readonly productId: string; readonly sku: string; readonly draft: ItemDraft };

export type MatchField = 'name' | 'description' | 'price';
export type FieldDifference = {
  readonly field: MatchField;
  readonly ordercloud: string | null;
  readonly xero: string | null;
};

export type ProposedPair = {
  readonly productId: string;
  /** The Xero item's code (a name match keeps Xero's code: the item is updated, not duplicated). */
  readonly code: string;
  readonly by: 'code' | 'name';
  /** Fields both sides hold with different values; empty, nothing is written for the pair. */
  readonly differences: readonly FieldDifference[];
};

export type MatchProposal = {
  readonly pairs: readonly ProposedPair[];
  /** Products whose name fits several items (or that share an item's code): the merchant chooses. */
  readonly ambiguous: ReadonlyArray<{ readonly productId: string; readonly candidates: readonly string[] }>;
  /** Products no item fits: each becomes a new item. */
  readonly unmatchedProducts: readonly string[];
  /** Items no product fits: left alone unless the merchant chooses to archive them. */
  readonly unmatchedItems: readonly string[];
};

/** Names compared as people read them: case, accents, punctuation and spacing set aside. */
export function nameKey(name: string | undefined): string {
  return (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const codeKey = (code: string) => code.trim().toLowerCase();

/** What differs between a product's planned item and a Xero item (the fields both sides own a part of). */
export function differencesOf(draft: ItemDraft, item: AccountingItem): FieldDifference[] {
  const pairs = [
    ['name', 'name', draft.name, item.name],
    ['description', 'description', draft.description, item.description],
    ['price', 'salesUnitPrice', draft.salesUnitPrice, item.salesUnitPrice],
  ] as const;
  const out: FieldDifference[] = [];
  for (const [field, key, ours, theirs] of pairs) {
    // OrderCloud without a value for a field leaves Xero's (as the ongoing sync does).
    if (field !== 'name' && !ours?.trim()) continue;
    if (sameFieldValue(key, ours, theirs)) continue;
    out.push({ field, ordercloud: ours?.trim() || null, xero: theirs?.trim() || null });
  }
  return out;
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    if (!k) continue;
    groups.set(k, [...(groups.get(k) ?? []), value]);
  }
  return groups;
}

/**
 * The first-connect match of a catalog against an organisation's items: by code first (a product's item
 * code — its SKU, or the stable short code of a long SKU — against the item's Code, or the full SKU an
 * item's description carries), then by name among what is left. A match only when it is one to one:
 * two products on one code, or a name shared by several products or items, is the merchant's to decide.
 */
export function matchItems(input: {
  readonly products: readonly ProductForMatch[];
  readonly items: readonly AccountingItem[];
}): MatchProposal {
  const itemByCode = new Map<string, AccountingItem>();
  for (const item of input.items) {
    itemByCode.set(codeKey(item.code), item);
    const sku = skuOfItem(item);
    if (sku !== item.code) itemByCode.set(codeKey(sku), item);
  }
  const pairs: ProposedPair[] = [];
  const ambiguous: Array<{ productId: string; candidates: string[] }> = [];
  const taken = new Set<string>();
  const left: ProductForMatch[] = [];

  const byCode = groupBy(input.products, (p) => {
    const item = itemByCode.get(codeKey(p.draft.code)) ?? itemByCode.get(codeKey(p.sku));
    return item?.code ?? '';
  });
  for (const product of input.products) {
    const item = itemByCode.get(codeKey(product.draft.code)) ?? itemByCode.get(codeKey(product.sku));
    if (!item) {
      left.push(product);
      continue;
    }
    taken.add(item.code);
    if ((byCode.get(item.code)?.length ?? 0) > 1) {
      ambiguous.push({ productId: product.productId, candidates: [item.code] });
      continue;
    }
    pairs.push({
      productId: product.productId,
      code: item.code,
      by: 'code',
      differences: differencesOf(product.draft, item),
    });
  }

  const freeItems = input.items.filter((i) => !taken.has(i.code));
  const itemsByName = groupBy(freeItems, (i) => nameKey(i.name));
  const productsByName = groupBy(left, (p) => nameKey(p.draft.name));
  const unmatchedProducts: string[] = [];
  for (const product of left) {
    const key = nameKey(product.draft.name);
    const items = itemsByName.get(key) ?? [];
    const rivals = productsByName.get(key) ?? [];
    const [only] = items;
    if (items.length === 1 && rivals.length === 1 && only) {
      taken.add(only.code);
      pairs.push({
        productId: product.productId,
        code: only.code,
        by: 'name',
        differences: differencesOf({ ...product.draft, code: only.code }, only),
      });
    } else if (items.length > 0) {
      ambiguous.push({ productId: product.productId, candidates: items.map((i) => i.code) });
    } else unmatchedProducts.push(product.productId);
  }
  return {
    pairs,
    ambiguous,
    unmatchedProducts,
    unmatchedItems: input.items.filter((i) => !taken.has(i.code)).map((i) => i.code),
  };
}
