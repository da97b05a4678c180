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

export type FieldOwners = Readonly<Record<CatalogField, Owner>>;

/**
 * An organisation's table: the built-in one with the merchant's "always" choices over it (made on the
 * console's conflicts page, stored per organisation). Stock stays Xero's: it has its own switch.
 */
export function ownersWith(overrides: ReadonlyMap<string, string>): FieldOwners {
  const owners: Record<CatalogField, Owner> = { ...catalogFieldOwners };
  for (const field of ['price', 'description', 'name'] as const) {
    const owner = overrides.get(field);
    if (owner === 'ordercloud' || owner === 'xero' || owner === 'last-writer') owners[field] = owner;
  }
  return owners;
}

/** Whether a change seen on `side` should be carried to the other side. */
export function carries(
  field: CatalogField,
  side: 'ordercloud' | 'xero',
  owners: FieldOwners = catalogFieldOwners,
): boolean {
  const owner: Owner = owners[field];
  return owner === side || owner === 'last-writer';
}
