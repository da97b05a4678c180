import type { AccountingItem } from '@ledgerbridge/canonical';
import { type CatalogField, catalogFieldOwners, type FieldOwners } from './field-ownership.ts';

/** The item fields both sides hold (stock travels apart, stock-writes.ts). */
export type ItemFields = {
  readonly name: string;
  readonly description?: string;
  readonly salesUnitPrice?: string;
};

export type ItemConflict = {
  readonly field: Exclude<CatalogField, 'stock'>;
  readonly ordercloud: string | null;
  readonly xero: string | null;
  readonly winner: 'ordercloud' | 'xero';
};

export type Drift = {
  /** OrderCloud's values go to Xero again (a done operation is reopened; a pending one will send). */
  readonly resend: boolean;
  /** Xero's newer name becomes the product's, and what Xero is recorded as told. */
  readonly nameToOrderCloud?: string;
  /** Xero's description or price, where the organisation gave the field to Xero ("always Xero's"). */
  readonly toOrderCloud?: { readonly description?: string; readonly price?: string };
  /** Values overwritten by the ownership rule, for the console. */
  readonly conflicts: readonly ItemConflict[];
  /**
   * The state later edits are measured from: what both sides hold, or — while OrderCloud's values are on
   * their way back to Xero — Xero's overwritten values, so the same edit is not counted twice.
   */
  readonly agreed?: ItemFields;
};

const fields = [
  ['name', 'name'],
  ['description', 'description'],
  ['price', 'salesUnitPrice'],
] as const;

/** Whether two values of a field are one (149 and 149.00 are one price; blank is none). */
export function sameFieldValue(
  field: keyof ItemFields,
  a: string | undefined,
  b: string | undefined,
): boolean {
  return norm(field, a) === norm(field, b);
}

/** Equal values compare equal: trimmed text, empty as none, decimals without trailing zeros. */
function norm(field: keyof ItemFields, value: string | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (field !== 'salesUnitPrice' || !text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * What an item read from Xero means against what OrderCloud wants it to be (`sent`, the item-upsert
 * payload) and what both last held (`agreed`). A field Xero changed since the agreement was edited in
 * Xero; one OrderCloud's payload changed since it was edited in OrderCloud. The ownership table decides:
 * price and description are OrderCloud's (a Xero edit is overwritten) unless the organisation gave them to
 * Xero (then Xero's edit goes to OrderCloud), the name goes to whichever edit came last — Xero's `UpdatedDateUTC` against when the app planned OrderCloud's change. Without an
 * agreement, a pending change is OrderCloud's to send and nothing is inferred.
 */
export function itemDrift(input: {
  readonly xero: AccountingItem;
  readonly sent: ItemFields;
  /** OrderCloud's payload has not reached Xero yet (the operation is not done). */
  readonly pending: boolean;
  readonly plannedAt: Date;
  readonly agreed?: ItemFields;
  /** The organisation's ownership table (field-ownership.ts `ownersWith`); the built-in one by default. */
  readonly owners?: FieldOwners;
}): Drift {
  const { xero, sent, pending, agreed } = input;
  const base = agreed ?? (pending ? undefined : sent);
  const xeroAt = xero.updatedAt ? new Date(xero.updatedAt) : new Date(0);
  let resend = false;
  let nameToOrderCloud: string | undefined;
  const toOrderCloud: { description?: string; price?: string } = {};
  const conflicts: ItemConflict[] = [];
  let differs = false;
  let known: Record<string, string | undefined> | undefined;
  for (const [field, key] of fields) {
    const want = norm(key, sent[key]);
    // OrderCloud has no value for it (no price schedule, no description): Xero's stands.
    if (want === null && key !== 'name') continue;
    const held = norm(key, xero[key]);
    if (held === want) continue;
    differs = true;
    if (!base) continue;
    const before = norm(key, base[key]);
    if (held === before) continue; // Xero has not caught up with OrderCloud's change yet.
    const ocEdited = want !== before;
    const owner = (input.owners ?? catalogFieldOwners)[field];
    const winner =
      owner === 'ordercloud' || (owner === 'last-writer' && ocEdited && input.plannedAt > xeroAt)
        ? 'ordercloud'
        : 'xero';
    if (winner === 'ordercloud') {
      if (!pending) resend = true;
      conflicts.push({ field, ordercloud: want, xero: held, winner });
      known = { ...(known ?? base), [key]: xero[key] };
    } else {
      if (field === 'name') nameToOrderCloud = xero.name?.trim() ?? '';
      else if (held !== null) toOrderCloud[field] = held;
      if (ocEdited) conflicts.push({ field, ordercloud: want, xero: held, winner });
    }
  }
  return {
    resend,
    ...(nameToOrderCloud ? { nameToOrderCloud } : {}),
    ...(Object.keys(toOrderCloud).length > 0 ? { toOrderCloud } : {}),
    conflicts,
    ...(!differs && !pending ? { agreed: sent } : known ? { agreed: known as ItemFields } : {}),
  };
}
