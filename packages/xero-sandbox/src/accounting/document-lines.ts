import { type Fixed4, divRoundHalfAway, formatFixed4, toFixed4 } from '../money/fixed4.ts';
import type { ItemRecord, LineAmountTypes, LineRecord, OrgState, TrackingRef } from '../state/types.ts';
import { type IdSource, sameId } from '../util/ids.ts';
import { asRecord, has, type JsonRecord, readArray, readString, readTrimmed } from '../util/json-input.ts';
import { computeLineAmount, computeLineTax } from './line-math.ts';
import { messages } from './messages.ts';
import { accountUsableOnDocument, findAccount, findTaxRate, taxRateAppliesToAccount } from './org-lookups.ts';

export type LineSide = 'sales' | 'purchases';

export type LineBuildOptions = {
  side: LineSide;
  lineAmountTypes: LineAmountTypes;
  unitdp: 2 | 4;
  existingLines: readonly LineRecord[];
  ids: IdSource;
};

export type LineBuildResult = { lines: LineRecord[]; errors: string[] };

function amount(record: JsonRecord, key: string, dp: number, errors: string[]): Fixed4 | undefined {
  if (!has(record, key)) return undefined;
  const value = toFixed4(record[key], dp);
  if (value === undefined) errors.push(messages.invalidAmount(key));
  return value;
}

function findItem(org: OrgState, code: string): ItemRecord | undefined {
  const wanted = code.toLowerCase();
  for (const item of org.items.values()) if (item.code.toLowerCase() === wanted) return item;
  return undefined;
}

function resolveTracking(org: OrgState, raw: unknown[], errors: string[]): TrackingRef[] {
  if (raw.length > 2) {
    errors.push(messages.tooManyTrackingCategories());
    return [];
  }
  const refs: TrackingRef[] = [];
  for (const entry of raw.map(asRecord)) {
    const categoryId = readTrimmed(entry, 'TrackingCategoryID');
    const categoryName = readTrimmed(entry, 'Name');
    const category = org.trackingCategories.find(
      (candidate) =>
        candidate.status === 'ACTIVE' &&
        (categoryId !== undefined
          ? sameId(candidate.trackingCategoryId, categoryId)
          : candidate.name.toLowerCase() === categoryName?.toLowerCase()),
    );
    if (!category) {
      errors.push(messages.trackingCategoryNotFound(categoryName ?? categoryId ?? ''));
      continue;
    }
    const optionId = readTrimmed(entry, 'TrackingOptionID');
    const optionName = readTrimmed(entry, 'Option');
    const option = category.options.find(
      (candidate) =>
        candidate.status === 'ACTIVE' &&
        (optionId !== undefined
          ? sameId(candidate.trackingOptionId, optionId)
          : candidate.name.toLowerCase() === optionName?.toLowerCase()),
    );
    if (!option) {
      errors.push(messages.trackingOptionNotFound(optionName ?? optionId ?? '', category.name));
      continue;
    }
    refs.push({
      trackingCategoryId: category.trackingCategoryId,
      name: category.name,
      option: option.name,
      trackingOptionId: option.trackingOptionId,
    });
  }
  return refs;
}

function buildLine(org: OrgState, raw: JsonRecord, options: LineBuildOptions, errors: string[]): LineRecord {
  const itemCode = readTrimmed(raw, 'ItemCode');
  const item = itemCode === undefined ? undefined : findItem(org, itemCode);
  if (itemCode !== undefined && !item) errors.push(messages.itemNotFound(itemCode));
  const details = options.side === 'sales' ? item?.salesDetails : item?.purchaseDetails;

  const accountCode = readTrimmed(raw, 'AccountCode') ?? details?.accountCode;
  const accountId = readTrimmed(raw, 'AccountID');
  const account =
    accountCode !== undefined || accountId !== undefined
      ? findAccount(org, { code: accountCode, accountId })
      : undefined;
  if (
    (accountCode !== undefined || accountId !== undefined) &&
    (!account || !accountUsableOnDocument(account))
  ) {
    errors.push(messages.invalidAccountCode(accountCode ?? accountId ?? ''));
  }

  const taxType = readTrimmed(raw, 'TaxType') ?? details?.taxType ?? account?.taxType;
  const taxRate = taxType === undefined ? undefined : findTaxRate(org, taxType);
  if (taxType !== undefined) {
    if (taxRate?.status !== 'ACTIVE') errors.push(messages.unknownTaxType(taxType));
    else if (account && accountUsableOnDocument(account) && !taxRateAppliesToAccount(taxRate, account)) {
      errors.push(messages.taxTypeNotForAccount(taxRate.taxType, account.code));
    }
  }

  const given = {
    quantity: amount(raw, 'Quantity', 4, errors),
    unitAmount: amount(raw, 'UnitAmount', options.unitdp, errors),
    lineAmount: amount(raw, 'LineAmount', 2, errors),
    discountRate: amount(raw, 'DiscountRate', 2, errors),
    discountAmount: amount(raw, 'DiscountAmount', 2, errors),
    taxAmount: amount(raw, 'TaxAmount', 2, errors),
  };
  const unitAmountKnown = given.unitAmount ?? details?.unitPrice;
  const quantity =
    given.quantity ?? (unitAmountKnown !== undefined || given.lineAmount !== undefined ? 10_000n : 0n);
  let unitAmount = unitAmountKnown ?? 0n;
  if (unitAmountKnown === undefined && given.lineAmount !== undefined) {
    const scale = options.unitdp === 4 ? 1n : 100n;
    unitAmount =
      quantity === 0n
        ? given.lineAmount
        : divRoundHalfAway(given.lineAmount * 10_000n, quantity * scale) * scale;
  }
  const lineAmount = computeLineAmount({
    quantity,
    unitAmount,
    discountRate: given.discountRate,
    discountAmount: given.discountAmount,
  });
  if (given.lineAmount !== undefined && unitAmountKnown !== undefined && given.lineAmount !== lineAmount) {
    errors.push(messages.lineAmountMismatch(formatFixed4(given.lineAmount, 2), formatFixed4(lineAmount, 2)));
  }
  const taxAmount =
    options.lineAmountTypes === 'NoTax'
      ? 0n
      : (given.taxAmount ??
        computeLineTax(lineAmount, taxRate?.effectiveRate ?? 0n, options.lineAmountTypes));

  const requestedId = readTrimmed(raw, 'LineItemID');
  const kept = options.existingLines.find((line) => sameId(line.lineItemId, requestedId));
  return {
    lineItemId: kept?.lineItemId ?? options.ids.uuid('line'),
    description: readString(raw, 'Description') ?? (item ? item.description : undefined),
    quantity,
    unitAmount,
    itemCode: item?.code ?? itemCode,
    accountCode: account?.code ?? accountCode,
    accountId: account?.accountId,
    taxType: taxRate?.taxType ?? taxType,
    taxAmount,
    lineAmount,
    discountRate: given.discountRate,
    discountAmount: given.discountAmount,
    tracking: resolveTracking(org, readArray(raw, 'Tracking') ?? [], errors),
  };
}

export function buildLines(
  org: OrgState,
  rawLines: readonly unknown[],
  options: LineBuildOptions,
): LineBuildResult {
  const errors: string[] = [];
  const lines = rawLines.map((raw) => buildLine(org, asRecord(raw), options, errors));
  return { lines, errors: [...new Set(errors)] };
}

// When only LineAmountTypes changes, existing lines keep their amounts and get their tax recomputed.
export function retaxLines(
  org: OrgState,
  lines: readonly LineRecord[],
  types: LineAmountTypes,
): LineRecord[] {
  return lines.map((line) => {
    const rate = line.taxType === undefined ? undefined : findTaxRate(org, line.taxType);
    return { ...line, taxAmount: computeLineTax(line.lineAmount, rate?.effectiveRate ?? 0n, types) };
  });
}
