import { fixed4ToNumber } from '../money/fixed4.ts';
import type { LineRecord } from '../state/types.ts';
import { dayToDateString, dayToMsDate } from '../util/xero-dates.ts';

export type RenderOptions = { unitdp: 2 | 4; includeLines: boolean };

export function lineToJson(line: LineRecord, unitdp: 2 | 4): Record<string, unknown> {
  return {
    LineItemID: line.lineItemId,
    Description: line.description,
    Quantity: fixed4ToNumber(line.quantity),
    UnitAmount: fixed4ToNumber(line.unitAmount, unitdp),
    ItemCode: line.itemCode,
    AccountCode: line.accountCode,
    AccountID: line.accountId,
    TaxType: line.taxType,
    TaxAmount: fixed4ToNumber(line.taxAmount, 2),
    LineAmount: fixed4ToNumber(line.lineAmount, 2),
    DiscountRate: line.discountRate === undefined ? undefined : fixed4ToNumber(line.discountRate, 2),
    DiscountAmount: line.discountAmount === undefined ? undefined : fixed4ToNumber(line.discountAmount, 2),
    Tracking: line.tracking.map((tracking) => ({
      TrackingCategoryID: tracking.trackingCategoryId,
      TrackingOptionID: tracking.trackingOptionId,
      Name: tracking.name,
      Option: tracking.option,
    })),
    ValidationErrors: [],
  };
}

export function dayFields(
  prefix: 'Date' | 'DueDate' | 'FullyPaidOnDate',
  day: string | undefined,
): Record<string, unknown> {
  if (day === undefined) return {};
  if (prefix === 'FullyPaidOnDate') return { FullyPaidOnDate: dayToMsDate(day) };
  return { [`${prefix}String`]: dayToDateString(day), [prefix]: dayToMsDate(day) };
}
