import { fixed4ToNumber, toFixed4, ZERO } from '../money/fixed4.ts';
import type { ItemDetails, ItemRecord, OrgState } from '../state/types.ts';
import { sameId, ZERO_UUID } from '../util/ids.ts';
import { asRecord, has, type JsonRecord, readBoolean, readString, readTrimmed } from '../util/json-input.ts';
import { toMsDate } from '../util/xero-dates.ts';
import type { AccountingDeps, ElementOutcome } from './accounting-deps.ts';
import { messages } from './messages.ts';
import { findAccount, findTaxRate } from './org-lookups.ts';

function readDetails(
  raw: unknown,
  previous: ItemDetails | undefined,
  unitdp: 2 | 4,
  errors: string[],
  org: OrgState,
) {
  if (raw === undefined || raw === null) return previous;
  const record = asRecord(raw);
  const details: ItemDetails = {
    unitPrice: has(record, 'UnitPrice') ? toFixed4(record.UnitPrice, unitdp) : previous?.unitPrice,
    accountCode: readTrimmed(record, 'AccountCode') ?? previous?.accountCode,
    taxType: readTrimmed(record, 'TaxType') ?? previous?.taxType,
    cogsAccountCode: readTrimmed(record, 'COGSAccountCode') ?? previous?.cogsAccountCode,
  };
  if (details.cogsAccountCode !== undefined && !findAccount(org, { code: details.cogsAccountCode }))
    errors.push(messages.invalidAccountCode(details.cogsAccountCode));
  if (details.accountCode !== undefined && !findAccount(org, { code: details.accountCode })) {
    errors.push(messages.invalidAccountCode(details.accountCode));
  }
  if (details.taxType !== undefined && !findTaxRate(org, details.taxType))
    errors.push(messages.unknownTaxType(details.taxType));
  return details;
}

function detailsJson(details: ItemDetails | undefined, unitdp: 2 | 4) {
  if (!details) return undefined;
  return {
    UnitPrice: details.unitPrice === undefined ? undefined : fixed4ToNumber(details.unitPrice, unitdp),
    AccountCode: details.accountCode,
    TaxType: details.taxType,
    ...(details.cogsAccountCode !== undefined ? { COGSAccountCode: details.cogsAccountCode } : {}),
  };
}

/** Tracked when it has an inventory asset account and a COGS account (Items: IsTrackedAsInventory). */
export function isTracked(item: ItemRecord): boolean {
  return item.inventoryAssetAccountCode !== undefined && item.purchaseDetails?.cogsAccountCode !== undefined;
}

export function itemToJson(item: ItemRecord, unitdp: 2 | 4): Record<string, unknown> {
  return {
    ItemID: item.itemId,
    Code: item.code,
    Name: item.name,
    Description: item.description,
    PurchaseDescription: item.purchaseDescription,
    IsSold: item.isSold,
    IsPurchased: item.isPurchased,
    IsTrackedAsInventory: isTracked(item),
    ...(isTracked(item)
      ? {
          InventoryAssetAccountCode: item.inventoryAssetAccountCode,
          QuantityOnHand: fixed4ToNumber(item.quantityOnHand ?? ZERO, unitdp),
          TotalCostPool: fixed4ToNumber(item.totalCostPool ?? ZERO, 2),
        }
      : {}),
    SalesDetails: detailsJson(item.salesDetails, unitdp),
    PurchaseDetails: detailsJson(item.purchaseDetails, unitdp),
    UpdatedDateUTC: toMsDate(item.updatedAt),
  };
}

export function findItem(org: OrgState, idOrCode: string): ItemRecord | undefined {
  const wanted = idOrCode.toLowerCase();
  return [...org.items.values()].find(
    (item) => sameId(item.itemId, idOrCode) || item.code.toLowerCase() === wanted,
  );
}

export function saveItem(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  existing: ItemRecord | undefined,
  unitdp: 2 | 4,
): ElementOutcome<ItemRecord> {
  const errors: string[] = [];
  const code = readTrimmed(raw, 'Code') ?? existing?.code;
  if (code === undefined) errors.push(messages.itemCodeRequired());
  const clash = code === undefined ? undefined : findItem(org, code);
  if (clash && clash.itemId !== existing?.itemId) errors.push(messages.duplicateItemCode(code ?? ''));
  const item: ItemRecord = {
    itemId: existing?.itemId ?? deps.ids.uuid('item'),
    code: code ?? '',
    name: readString(raw, 'Name') ?? existing?.name,
    description: readString(raw, 'Description') ?? existing?.description,
    purchaseDescription: readString(raw, 'PurchaseDescription') ?? existing?.purchaseDescription,
    isSold: readBoolean(raw, 'IsSold') ?? existing?.isSold ?? true,
    isPurchased: readBoolean(raw, 'IsPurchased') ?? existing?.isPurchased ?? true,
    salesDetails: readDetails(raw.SalesDetails, existing?.salesDetails, unitdp, errors, org),
    purchaseDetails: readDetails(raw.PurchaseDetails, existing?.purchaseDetails, unitdp, errors, org),
    inventoryAssetAccountCode:
      readTrimmed(raw, 'InventoryAssetAccountCode') ?? existing?.inventoryAssetAccountCode,
    quantityOnHand: existing?.quantityOnHand,
    totalCostPool: existing?.totalCostPool,
    updatedAt: deps.now(),
  };
  // Items schema (xero_accounting.yaml, Item.IsSold / IsPurchased): updated to false, "Description and
  // SalesDetails values will be nulled" (purchase side likewise).
  if (readBoolean(raw, 'IsSold') === false) {
    item.description = undefined;
    item.salesDetails = undefined;
  }
  if (readBoolean(raw, 'IsPurchased') === false) {
    item.purchaseDescription = undefined;
    item.purchaseDetails = undefined;
  }
  if (item.inventoryAssetAccountCode !== undefined) {
    const account = findAccount(org, { code: item.inventoryAssetAccountCode });
    if (account?.type !== 'INVENTORY')
      errors.push(messages.inventoryAccountRequired(item.inventoryAssetAccountCode));
    if (item.purchaseDetails?.cogsAccountCode === undefined) errors.push(messages.cogsAccountRequired());
  }
  if (item.name !== undefined && item.name.length > 50) errors.push(messages.itemNameTooLong());
  if (item.code.length > 30) errors.push(messages.itemCodeTooLong());
  if (errors.length > 0)
    return {
      ok: false,
      errors,
      echo: { ...itemToJson(item, unitdp), ItemID: existing ? item.itemId : ZERO_UUID },
    };
  if (existing) Object.assign(existing, item);
  else org.items.set(item.itemId, item);
  return { ok: true, record: existing ?? item };
}

export function upsertItem(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  unitdp: 2 | 4,
): ElementOutcome<ItemRecord> {
  const key = readTrimmed(raw, 'ItemID') ?? readTrimmed(raw, 'Code');
  return saveItem(org, deps, raw, key === undefined ? undefined : findItem(org, key), unitdp);
}

/**
 * A stock adjustment made in Xero's web app (Inventory → Adjust): the only way the sandbox's merchant
 * changes QuantityOnHand besides documents. Tracked items only.
 */
export function adjustItemQuantity(
  org: OrgState,
  deps: AccountingDeps,
  code: string,
  quantityOnHand: string,
): ElementOutcome<ItemRecord> {
  const item = findItem(org, code);
  if (!item) return { ok: false, errors: [`Item ${code} not found`], echo: {} };
  if (!isTracked(item)) return { ok: false, errors: [`Item ${code} is not tracked`], echo: {} };
  const quantity = toFixed4(quantityOnHand, 4);
  if (quantity === undefined) return { ok: false, errors: [`${quantityOnHand} is not a quantity`], echo: {} };
  item.quantityOnHand = quantity;
  item.updatedAt = deps.now();
  return { ok: true, record: item };
}
