import type { ItemDraft, Product } from '@ledgerbridge/canonical';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { itemCodeFor, itemDescriptionFor, itemNameFor } from './item-code.ts';

/** The SKU a product is known by: its SKU, a SKU too long for Xero's codes, or its ID. */
export function skuOfProduct(product: Product): string {
  const long = product.attributes.sourceSku;
  return product.sku ?? (typeof long === 'string' && long.trim() ? long : product.id);
}

/**
 * The Xero item a product should be: code from its SKU, name and description, and the sales details
 * (price from the first price break, the mapped sales account and tax type). Stock is Xero's and is
 * never sent. A name the merchant changed in Xero last wins (`name`, when given); a product paired with an
 * existing item in the catalog review keeps that item's code (`code`).
 */
export function planItem(input: {
  product: Product;
  mapping: MappingConfig;
  name?: string;
  /** The Xero item the merchant paired the product with, when its code is not the product's own. */
  code?: string;
}): {
  sku: string;
  draft: ItemDraft;
} {
  const { product, mapping } = input;
  const sku = skuOfProduct(product);
  const rule = mapping.accounts.rules.find(
    (r) => r.category !== undefined && r.category === product.category,
  );
  const taxType = product.taxClass ? mapping.tax.byClass[product.taxClass] : undefined;
  const description = itemDescriptionFor(sku, product.description);
  const draft: ItemDraft = {
    code: input.code ?? itemCodeFor(sku),
    name: itemNameFor(input.name ?? product.name),
    ...(description ? { description } : {}),
    salesAccountCode: rule?.account ?? mapping.accounts.sales,
    ...(taxType ? { salesTaxType: taxType } : {}),
    ...(product.price !== undefined ? { salesUnitPrice: product.price } : {}),
  };
  return { sku, draft };
}
