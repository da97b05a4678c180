/**
 * Which side wins each catalog field (docs/catalog-sync.md): prices come from OrderCloud, stock from
 * Xero, names from whichever side changed last. A field owned by one side is overwritten on the other
 * when they differ; a last-writer field follows the newer change.
 */
export type Owner = 'ordercloud' | 'xero' | 'last-writer';

export const catalogFieldOwners = {
  price: 'ordercloud',
  description: 'ordercloud',
  stock: 'xero',
  name: 'last-writer',
} as const satisfies Record<string, Owner>;

export type CatalogField = keyof typeof catalogFieldOwners;

/** Whether a change seen on `side` should be carried to the other side. */
export function carries(field: CatalogField, side: 'ordercloud' | 'xero'): boolean {
  const owner: Owner = catalogFieldOwners[field];
  return owner === side || owner === 'last-writer';
}
