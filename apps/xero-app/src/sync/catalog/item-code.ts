import { createHash } from 'node:crypto';

/** Xero's limits on an item (Items: Code ≤ 30 characters, Name ≤ 50). */
export const itemCodeMax = 30;
export const itemNameMax = 50;

/**
 * The Xero item code for a SKU. A SKU that fits is its own code; a longer one keeps its first 21
 * characters and a hash of the whole SKU (`~` and 8 hex digits), so two long SKUs sharing a prefix get
 * different codes and the same SKU always gets the same code. The full SKU travels in the description.
 */
export function itemCodeFor(sku: string): string {
  const trimmed = sku.trim();
  if (trimmed.length <= itemCodeMax) return trimmed;
  const hash = createHash('sha256').update(trimmed).digest('hex').slice(0, 8);
  return `${trimmed.slice(0, itemCodeMax - 9)}~${hash}`;
}

/** Whether a code was shortened from its SKU (then the description carries the SKU). */
export function isShortened(sku: string): boolean {
  return sku.trim().length > itemCodeMax;
}

/** A name Xero accepts: at most 50 characters, shortened visibly (an ellipsis), never silently. */
export function itemNameFor(name: string): string {
  const trimmed = name.trim();
  return trimmed.length <= itemNameMax ? trimmed : `${trimmed.slice(0, itemNameMax - 1)}…`;
}

const skuPrefix = 'SKU ';

/** The description Xero gets: the full SKU first when the code had to be shortened. */
export function itemDescriptionFor(sku: string, description: string | undefined): string | undefined {
  const text = description?.trim() || undefined;
  if (!isShortened(sku)) return text;
  return text ? `${skuPrefix}${sku.trim()} — ${text}` : `${skuPrefix}${sku.trim()}`;
}

/** The SKU an item stands for, read back from Xero: the description's SKU when the code was shortened. */
export function skuOfItem(item: { code: string; description?: string }): string {
  if (!/~[0-9a-f]{8}$/.test(item.code) || !item.description?.startsWith(skuPrefix)) return item.code;
  const rest = item.description.slice(skuPrefix.length);
  const end = rest.indexOf(' — ');
  const sku = end < 0 ? rest : rest.slice(0, end);
  return itemCodeFor(sku) === item.code ? sku : item.code;
}
