import { decimalToMinorRounded, numberToDecimal } from '../money.ts';
import type { CalculationRecord, IntegrationCallRecord, ShipEstimateRecord } from '../state.ts';
import type { EndpointAnswer } from './checkout-integration.ts';

// Reads what a merchant's checkout endpoint answered into the sandbox's records. Shapes: the SDK's
// ShipEstimateResponse / OrderCalculateResponse / OrderSubmitResponse models. Where the docs are silent
// the reading is permissive: missing IDs are generated, missing totals count as 0 (ShippingTotal: the
// selected ship methods' sum), amounts with more decimals than the currency are rounded half away
// from zero, PascalCase or camelCase keys are both read.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads `Name` or `name` (OrderCloud serialises PascalCase; the JS catalyst writes camelCase). */
export function field(source: unknown, name: string): unknown {
  if (!isObject(source)) return undefined;
  if (name in source) return source[name];
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return source[camel];
}

export function toMinor(value: unknown, currency: string): bigint | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return decimalToMinorRounded(numberToDecimal(value), currency);
}

export function callRecord(answer: EndpointAnswer): IntegrationCallRecord {
  const ok = answer.status >= 200 && answer.status < 300;
  return {
    HttpStatusCode: answer.status,
    UnhandledErrorBody: ok ? null : answer.text,
    Succeeded: ok,
  };
}

export function parseShipEstimates(
  json: unknown,
  currency: string,
): { estimates: ShipEstimateRecord[]; xp: unknown } {
  const raw = field(json, 'ShipEstimates');
  const list = Array.isArray(raw) ? raw : [];
  const estimates = list.filter(isObject).map((estimate, index): ShipEstimateRecord => {
    const items = field(estimate, 'ShipEstimateItems');
    const methods = field(estimate, 'ShipMethods');
    const selected = field(estimate, 'SelectedShipMethodID');
    return {
      ID: stringOr(field(estimate, 'ID'), `SE-${index + 1}`),
      ...(typeof selected === 'string' ? { SelectedShipMethodID: selected } : {}),
      ShipEstimateItems: (Array.isArray(items) ? items : []).filter(isObject).map((item) => ({
        LineItemID: stringOr(field(item, 'LineItemID'), ''),
        Quantity: typeof field(item, 'Quantity') === 'number' ? (field(item, 'Quantity') as number) : 0,
      })),
      ShipMethods: (Array.isArray(methods) ? methods : []).filter(isObject).map((method, m) => ({
        ID: stringOr(field(method, 'ID'), `SM-${index + 1}-${m + 1}`),
        Name: stringOr(field(method, 'Name'), ''),
        Cost: toMinor(field(method, 'Cost'), currency) ?? 0n,
        EstimatedTransitDays:
          typeof field(method, 'EstimatedTransitDays') === 'number'
            ? (field(method, 'EstimatedTransitDays') as number)
            : 0,
        xp: isObject(field(method, 'xp')) ? (field(method, 'xp') as Json) : {},
      })),
      xp: isObject(field(estimate, 'xp')) ? (field(estimate, 'xp') as Json) : {},
    };
  });
  return { estimates, xp: field(json, 'xp') ?? {} };
}

export function selectedShippingTotal(estimates: readonly ShipEstimateRecord[] | undefined): bigint {
  let total = 0n;
  for (const estimate of estimates ?? []) {
    const method = estimate.ShipMethods.find((m) => m.ID === estimate.SelectedShipMethodID);
    total += method?.Cost ?? 0n;
  }
  return total;
}

export function parseCalculateResponse(input: {
  answer: EndpointAnswer;
  currency: string;
  estimates: readonly ShipEstimateRecord[] | undefined;
}): CalculationRecord {
  const { answer, currency } = input;
  const meta = callRecord(answer);
  const json = meta.Succeeded ? answer.json : undefined;
  const overrides = field(json, 'LineItemOverrides');
  return {
    ...meta,
    ShippingTotal: toMinor(field(json, 'ShippingTotal'), currency) ?? selectedShippingTotal(input.estimates),
    TaxTotal: toMinor(field(json, 'TaxTotal'), currency) ?? 0n,
    FeeTotal: toMinor(field(json, 'FeeTotal'), currency) ?? 0n,
    LineItemOverrides: Array.isArray(overrides) ? overrides : [],
    xp: field(json, 'xp') ?? {},
  };
}

/** UnitPrice overrides of a calculate response, by line item ID (Product/PromotionOverrides ignored). */
export function unitPriceOverrides(calculation: CalculationRecord): Map<string, number> {
  const result = new Map<string, number>();
  for (const entry of calculation.LineItemOverrides) {
    const id = field(entry, 'LineItemID');
    const price = field(entry, 'UnitPrice');
    if (typeof id === 'string' && typeof price === 'number' && Number.isFinite(price) && price >= 0)
      result.set(id, price);
  }
  return result;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
